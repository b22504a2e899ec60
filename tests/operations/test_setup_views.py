"""District setup by administrators at /setup/: master data with history, the district's name and
logo on every page and document, refused input kept at the field."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from authorisations.models import KjcBranch
from cases.models import Language, Municipality
from offers.directory import render_directory
from tests import files
from wir_fallmanagement.models import District


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_an_administrator_adds_a_municipality_with_postcodes(admin_client):
    response = admin_client.post(
        "/setup/municipalities/new/", {"name": "Neustadt (Hessen)", "postcodes": "35279;35280 35279"}
    )
    assert response.status_code == 302
    assert Municipality.objects.get(name="Neustadt (Hessen)").postcodes == "35279, 35280"
    page = admin_client.get("/setup/municipalities/")
    assert "Neustadt (Hessen)" in page.content.decode()


def test_a_wrong_postcode_is_explained_at_the_field_and_the_input_kept(admin_client):
    response = admin_client.post("/setup/municipalities/new/", {"name": "Neustadt", "postcodes": "3527, 35280"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Postleitzahlen haben fünf Ziffern. Bitte prüfen Sie: 3527" in content
    assert 'value="Neustadt"' in content
    assert not Municipality.objects.filter(name="Neustadt").exists()


def test_a_duplicate_name_is_refused_in_german(admin_client):
    Municipality.objects.create(name="Erbach")
    response = admin_client.post("/setup/municipalities/new/", {"name": "Erbach", "postcodes": ""})
    assert response.status_code == 200
    assert "existiert bereits" in response.content.decode()


def test_every_change_is_in_the_history_with_who_made_it(admin_client, administrator):
    branch = KjcBranch.objects.create(name="KJC Testkreis, Geschäftsstelle Nord")
    url = f"/setup/kjc-branches/{branch.pk}/"
    data = {"name": branch.name, "street": "Am Markt 1", "postcode": "12345", "town": "Nordstadt", "is_active": "on"}
    data["edit_version"] = branch.edit_version  # the version the form was opened with
    assert admin_client.post(url, data).status_code == 302
    content = admin_client.get(url).content.decode()
    assert "Verlauf" in content and administrator.full_name in content and "Nordstadt" in content
    assert branch.history.latest().history_user == administrator


def test_a_bad_kjc_postcode_keeps_the_input(admin_client):
    branch = KjcBranch.objects.create(name="KJC Süd")
    response = admin_client.post(f"/setup/kjc-branches/{branch.pk}/", {"name": "KJC Süd", "postcode": "1234x"})
    assert "Eine Postleitzahl hat fünf Ziffern" in response.content.decode()
    branch.refresh_from_db()
    assert branch.postcode == ""


def test_a_language_put_into_the_directory_can_be_chosen_there(admin_client, client):
    somali = Language.objects.get(code="so")
    data = {"code": "so", "name": "Somali", "native_name": "Soomaali", "in_directory": "on"}
    data["edit_version"] = somali.edit_version
    assert admin_client.post(f"/setup/languages/{somali.pk}/", data).status_code == 302
    client.logout()
    assert 'href="?lang=so"' in client.get("/directory/").content.decode()


def test_a_language_code_must_be_iso_639(admin_client):
    response = admin_client.post("/setup/languages/new/", {"code": "Somali!", "name": "Somali"})
    assert "Sprachcode nach ISO 639" in response.content.decode()


def test_a_category_translation_needs_known_language_codes(admin_client):
    response = admin_client.post(
        "/setup/categories/new/", {"name": "Musik", "order": "10", "translations": '{"zz": "Music"}'}
    )
    assert "Unbekannte Sprachcodes: zz" in response.content.decode()


def test_an_unknown_kind_of_master_data_is_404(admin_client):
    assert admin_client.get("/setup/clients/").status_code == 404


@pytest.mark.parametrize("persona", ["caseworker", "teamlead", "volunteer", "kjc"], indirect=True)
def test_only_administrators_set_up_the_district(client, persona):
    client.force_login(persona)
    for url in ("/setup/", "/setup/district/", "/setup/languages/", "/setup/languages/new/"):
        assert client.get(url).status_code == 404
    assert client.post("/setup/district/", {"name": "Gekapert"}).status_code == 404
    assert not District.objects.exists()


def test_the_district_name_appears_on_pages_and_in_the_directory_pdf(admin_client, client):
    assert admin_client.post("/setup/district/", {"name": "Vogelsbergkreis"}).status_code == 302
    assert "Vogelsbergkreis" in admin_client.get("/").content.decode()
    client.logout()
    assert "Vogelsbergkreis" in client.get("/directory/").content.decode()
    reader = PdfReader(io.BytesIO(render_directory("de", "")))
    assert "Vogelsbergkreis" in reader.pages[0].extract_text()
    assert District.objects.get().history.count() == 1


def test_a_logo_is_uploaded_through_the_upload_checks_and_shown(admin_client, client):
    upload = SimpleUploadedFile("wappen.png", files.image("PNG", exif=True))
    response = admin_client.post("/setup/district/", {"name": "Vogelsbergkreis", "logo_upload": upload})
    assert response.status_code == 302
    district = District.objects.get()
    assert district.logo_content_type == "image/png"
    client.logout()
    directory = client.get("/directory/").content.decode()
    url = f"/district/logo/{district.logo_sha256[:12]}/"
    assert f'src="{url}"' in directory
    logo = client.get(url)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"Exif" not in logo.content  # re-encoded by wir_fallmanagement.uploads
    assert client.get("/district/logo/000000000000/").status_code == 404
    reader = PdfReader(io.BytesIO(render_directory("de", "")))
    assert reader.pages[0].images, "the directory PDF shows the logo"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("wappen.pdf", files.pdf(), "Als Logo sind nur PNG- und JPEG-Bilder möglich."),
        ("wappen.png", b"<html><script>alert(1)</script>", "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien."),
        ("wappen.jpg", files.image("PNG"), "Die Dateiendung passt nicht zum Inhalt der Datei"),
    ],
)
def test_a_wrong_logo_file_is_refused_and_the_name_kept(admin_client, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = admin_client.post("/setup/district/", {"name": "Vogelsbergkreis", "logo_upload": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Vogelsbergkreis"' in response.content.decode()
    assert not District.objects.exists()


def test_removing_the_logo(admin_client):
    upload = SimpleUploadedFile("wappen.png", files.image("PNG"))
    admin_client.post("/setup/district/", {"name": "Vogelsbergkreis", "logo_upload": upload})
    opened_with = District.objects.get().edit_version  # the version the form carries
    data = {"name": "Vogelsbergkreis", "remove_logo": "on", "edit_version": opened_with}
    assert admin_client.post("/setup/district/", data).status_code == 302
    assert District.objects.get().logo == ""
    assert "/district/logo/" not in admin_client.get("/").content.decode()
