"""`manage.py setup_district FILE`: master data and the first administrator from a YAML file;
idempotent; a bad file changes nothing and says where it is wrong."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from authorisations.models import KjcBranch
from cases.models import Language, Municipality
from offers.models import Category
from tests import files
from tests.factories import make_user
from wir_fallmanagement.models import District

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "district.example.yaml"


def setup_district(path) -> str:
    out = io.StringIO()
    call_command("setup_district", str(path), stdout=out)
    return out.getvalue()


def write(tmp_path, text: str, name="kreis.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts():
    return (
        Municipality.objects.count(),
        KjcBranch.objects.count(),
        Language.objects.count(),
        Category.objects.count(),
        District.objects.count(),
        User.objects.count(),
        Municipality.history.count() + KjcBranch.history.count() + Category.history.count(),
    )


def test_the_example_file_sets_up_a_district_and_its_first_administrator(db, client):
    output = setup_district(EXAMPLE)
    assert District.objects.get().name == "Vogelsbergkreis"
    assert Municipality.objects.get(name="Alsfeld").postcodes == "36304"
    assert KjcBranch.objects.get(town="Alsfeld").is_active
    assert Language.objects.get(code="bs").native_name == "Bosanski"
    assert set(Language.objects.in_directory().values_list("code", flat=True)) == {
        "en", "ar", "fa", "uk", "ti", "tr", "so"
    }  # fmt: skip
    assert Category.objects.get(name="Sport").translations["ar"] == "رياضة"
    admin = User.objects.get(email="it-fallmanagement@vogelsbergkreis.example")
    assert admin.role == Role.ADMIN and not admin.has_usable_password()

    # The printed link sets the password (over HTTP, as the administrator would), then login works.
    link = re.search(r"http://\S+/accounts/reset/\S+/", output).group(0)
    form_url = client.get(urlsplit(link).path, follow=True).redirect_chain[-1][0]
    password = "Vogelsberg-Einrichtung-2026"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_running_it_again_changes_nothing(db):
    setup_district(EXAMPLE)
    before = counts()
    output = setup_district(EXAMPLE)
    assert counts() == before
    assert "nichts zu ändern" in output


def test_a_changed_file_updates_only_what_it_names(db, tmp_path):
    setup_district(EXAMPLE)
    Municipality.objects.filter(name="Schotten").update(postcodes="63679")
    path = write(
        tmp_path,
        "district: {name: Vogelsbergkreis}\nmunicipalities:\n  - {name: Schotten, postcodes: [63679, 63680]}\n",
    )
    output = setup_district(path)
    assert "municipalities: 1 geändert" in output
    assert Municipality.objects.get(name="Schotten").postcodes == "63679, 63680"
    assert Municipality.objects.get(name="Alsfeld").postcodes == "36304"


def test_the_logo_goes_through_the_upload_checks(db, tmp_path):
    (tmp_path / "wappen.png").write_bytes(files.image("PNG"))
    setup_district(write(tmp_path, "district:\n  name: Vogelsbergkreis\n  logo: wappen.png\n"))
    assert District.objects.get().logo_content_type == "image/png"
    (tmp_path / "wappen.png").write_bytes(b"not an image")
    with pytest.raises(CommandError, match="district, logo: Erlaubt sind nur PDF-, JPEG- und PNG-Dateien"):
        setup_district(write(tmp_path, "district:\n  name: Vogelsbergkreis\n  logo: wappen.png\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("district: {name: X}\nmunicipalities:\n  - name: Alsfeld\n   postcodes: 1\n", "kein gültiges YAML in Zeile 4"),
        ("- a\n- b\n", "Die Datei muss Abschnitte enthalten"),
        ("municipalities: []\n", "„district:“ mit „name:“"),
        ("district: {name: X}\ngemeinden: []\n", "Unbekannte Abschnitte: gemeinden"),
        (
            "district: {name: X}\nmunicipalities:\n  - {name: Alsfeld, postcodes: [3630]}\n",
            "municipalities, Eintrag 1, postcodes: Postleitzahlen haben fünf Ziffern. Bitte prüfen Sie: 3630",
        ),
        (
            "district: {name: X}\nmunicipalities:\n  - {name: A}\n  - {name: A}\n",
            "municipalities, Eintrag 2: „A“ steht mehrmals in der Datei.",
        ),
        (
            "district: {name: X}\nmunicipalities:\n  - {name: A, plz: 1}\n",
            "municipalities, Eintrag 1: unbekannte Angaben plz",
        ),
        (
            "district: {name: X}\nkjc_branches:\n  - {name: KJC, postcode: '123'}\n",
            "kjc_branches, Eintrag 1, postcode: Eine Postleitzahl hat fünf Ziffern",
        ),
        (
            "district: {name: X}\nlanguages:\n  - {code: 'Somali!', name: Somali}\n",
            "languages, Eintrag 1, code: Bitte geben Sie einen Sprachcode nach ISO 639 an",
        ),
        (
            "district: {name: X}\ncategories:\n  - {name: Musik, translations: {xx: Music}}\n",
            "Unbekannte Sprachcodes: xx",
        ),
        ("district: {name: X}\ndirectory_languages: [en, qq]\n", "directory_languages: unbekannte Sprachcodes qq"),
        ("district: {name: X}\nadministrator: {email: kein-mail, full_name: A}\n", "administrator, email: "),
        (
            "district: {name: X}\nadministrator: {email: fm@example.org, full_name: A}\n",
            "gibt es schon mit der Rolle „Fallmanagement“",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_place_and_nothing_is_written(db, tmp_path, text, message):
    make_user("fm@example.org", Role.CASEWORKER)
    before = counts()
    path = write(tmp_path, text)  # the district's name comes first: it must not be written either
    with pytest.raises(CommandError) as refused:
        setup_district(path)
    assert message in str(refused.value)
    assert "nichts wurde geändert" in str(refused.value)
    assert counts() == before


def test_a_file_that_is_not_utf8_is_refused(db, tmp_path):
    path = tmp_path / "kreis.yaml"
    path.write_bytes("district: {name: Groß-Gerau}\n".encode("cp1252"))
    with pytest.raises(CommandError, match="nicht in UTF-8"):
        setup_district(path)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="kann nicht gelesen werden"):
        setup_district(tmp_path / "fehlt.yaml")
