"""One upload path (issue 10): client documents, consent scans and signed-Vollmacht scans all go
through wir_fallmanagement.uploads — magic bytes and extension, PDFs parsed for active content,
images re-encoded, size cap, random names — and a storage failure leaves no file and no row behind
and answers with a German message at the field, the rest of the form kept."""

import errno
import io
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from authorisations import services as authorisation_services
from authorisations.models import Authorisation, KjcBranch
from cases.models import Case, Client, Consent, Document
from tests import files
from volunteers.models import Volunteer

TODAY = timezone.localdate()


@pytest.fixture
def mine(caseworker):
    client = Client.objects.create(family_name="Haddad", given_names="Rasha", birth_year=1990)
    Case.objects.create(client=client, caseworker=caseworker)
    return client


@pytest.fixture
def printed_authorisation(mine, caseworker):
    branch = KjcBranch.objects.create(name="KJC Erbach", street="Straße 1", postcode="64711", town="Erbach")
    agent = Volunteer.objects.create(given_names="Vera", family_name="Helfer", email="vera@example.org")
    authorisation = Authorisation.objects.create(
        principal=mine, agent=agent, kjc_branch=branch, valid_from=TODAY, created_by=caseworker
    )
    authorisation_services.print_authorisation(authorisation=authorisation, user=caseworker, base_url="http://t")
    authorisation.refresh_from_db()
    return authorisation


def post_upload(http, kind, target, name, content):
    """Send `content` through one of the three upload forms; return (response, field name)."""
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if kind == "document":
        data = {"title": "Bescheid", "kind": "decision", "file": upload}
        return http.post(f"/clients/{target.pk}/documents/new/", data), "file"
    if kind == "consent":
        data = {
            "recipient_kind": "kjc",
            "data_categories": ["identity"],
            "purpose": "Zweck bleibt erhalten",
            "form": "written",
            "given_on": TODAY.isoformat(),
            "scan_file": upload,
        }
        return http.post(f"/clients/{target.pk}/consents/new/", data), "scan_file"
    data = {"signed_on": TODAY.isoformat(), "holder": "agent", "scan": upload}
    return http.post(f"/authorisations/{target.pk}/sign/", data), "scan"


def split_script_pdf() -> bytes:
    """A valid PDF followed by `<script>` whose first four bytes end the first 64 KiB chunk."""
    head = files.pdf()
    filler = b"%" + b"A" * (64 * 1024 - 4 - len(head) - 2) + b"\n"
    data = head + filler + b"<script>alert(1)</script>\n"
    assert data[64 * 1024 - 4 : 64 * 1024] == b"<scr"
    return data


HOSTILE = [
    ("js.pdf", files.pdf_with_javascript("openaction"), "unzulässige Inhalte"),
    ("js.pdf", files.pdf_with_javascript("names"), "unzulässige Inhalte"),
    ("launch.pdf", files.pdf_with_javascript("launch"), "unzulässige Inhalte"),
    ("attach.pdf", files.pdf_with_javascript("attachment"), "unzulässige Inhalte"),
    ("aa.pdf", files.pdf_with_javascript("page_aa"), "unzulässige Inhalte"),
    ("split.pdf", split_script_pdf(), "unzulässige Inhalte"),
    ("locked.pdf", files.encrypted_pdf(), "Verschlüsselte"),
    ("broken.pdf", b"%PDF-1.7\n" + os.urandom(2000), "beschädigt"),
    ("scan.png", files.pdf(), "Dateiendung passt nicht"),
    ("scan", files.pdf(), "Dateiendung passt nicht"),
    ("bild.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "beschädigt"),
    ("bild.jpg", files.image("PNG"), "Dateiendung passt nicht"),
    ("page.html", b"<html><script>alert(1)</script></html>", "Erlaubt sind nur"),
]


@pytest.mark.parametrize("kind", ["document", "consent", "vollmacht"])
@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[f"{h[0]}-{h[2][:12]}" for h in HOSTILE])
def test_every_upload_form_refuses_the_same_files(
    client, caseworker, mine, printed_authorisation, kind, name, content, message
):
    client.force_login(caseworker)
    target = printed_authorisation if kind == "vollmacht" else mine
    response, field = post_upload(client, kind, target, name, content)
    assert response.status_code in (200, 400)
    assert message in " ".join(response.context["sign_form" if kind == "vollmacht" else "form"].errors[field])
    assert not Document.objects.exists()


@pytest.mark.parametrize("kind", ["document", "consent", "vollmacht"])
def test_the_size_cap_holds_for_every_form(client, caseworker, mine, printed_authorisation, settings, kind):
    settings.WIR_MAX_UPLOAD_MB = 1
    client.force_login(caseworker)
    target = printed_authorisation if kind == "vollmacht" else mine
    response, field = post_upload(client, kind, target, "gross.pdf", files.pdf() + b"%" + b"0" * 2**20)
    form = response.context["sign_form" if kind == "vollmacht" else "form"]
    assert "zu groß" in " ".join(form.errors[field])
    assert not Document.objects.exists()


def test_a_polyglot_image_is_stored_re_encoded_without_payload_or_metadata(client, caseworker, mine):
    polyglot = files.image("JPEG", exif=True) + b"<html><script>alert(1)</script></html>PK\x03\x04"
    client.force_login(caseworker)
    response, _field = post_upload(client, "document", mine, "foto.jpg", polyglot)
    assert response.status_code == 302
    document = Document.objects.get()
    stored = Path(document.file.path).read_bytes()
    assert b"<script" not in stored and b"PK\x03\x04" not in stored and b"GeheimeKamera" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (40, 30) and not image.getexif()
    assert document.size == len(stored)
    assert document.original_name == "foto.jpg" and "foto" not in document.file.name


def test_a_clean_pdf_is_stored_byte_for_byte_under_a_random_name(client, caseworker, mine):
    client.force_login(caseworker)
    response, _field = post_upload(client, "document", mine, "bescheid.pdf", files.pdf(pages=2))
    assert response.status_code == 302
    document = Document.objects.get()
    assert Path(document.file.path).read_bytes() == files.pdf(pages=2)
    assert "bescheid" not in document.file.name and len(Path(document.file.name).name) == 32


# ------------------------------------------------------------------ storage failures


class DiskFullStorage(FileSystemStorage):
    """The real file system storage, on a disk that fills up after the first 1000 bytes."""

    def _save(self, name, content):
        original = content.chunks

        def chunks(chunk_size=None):
            for chunk in original(1000):
                yield chunk
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        content.chunks = chunks
        return super()._save(name, content)


def media_files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


def use_full_disk(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.test_uploads.DiskFullStorage"}}


def use_unwritable_directory(settings, tmp_path):
    # A regular file where the upload directory should be: no user, root included, can write below it.
    blocker = tmp_path / "media-blocker"
    blocker.write_text("not a directory")
    settings.MEDIA_ROOT = blocker / "media"


@pytest.mark.parametrize("failure", ["disk_full", "unwritable"])
@pytest.mark.parametrize("kind", ["document", "consent", "vollmacht"])
def test_a_storage_failure_leaves_no_file_and_no_row_and_keeps_the_form(
    client, caseworker, mine, printed_authorisation, settings, tmp_path, failure, kind, expect_errors
):
    if failure == "disk_full":
        use_full_disk(settings)
    else:
        use_unwritable_directory(settings, tmp_path)
    client.force_login(caseworker)
    target = printed_authorisation if kind == "vollmacht" else mine
    response, field = post_upload(client, kind, target, "scan.pdf", files.pdf(padding=b"x" * 5000))
    assert response.status_code in (200, 400)
    form = response.context["sign_form" if kind == "vollmacht" else "form"]
    assert "konnte nicht gespeichert werden" in " ".join(form.errors[field])
    assert not Document.objects.exists() and not Consent.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []  # the partial file is gone
    printed_authorisation.refresh_from_db()
    assert printed_authorisation.status == Authorisation.Status.PRINTED
    if kind == "consent":
        assert 'value="Zweck bleibt erhalten"' in response.content.decode()
    # The operator is alarmed: the failure is logged as an error.
    assert any(r.name == "wir.uploads" and "could not be stored" in r.getMessage() for r in expect_errors())


@pytest.mark.parametrize("failure", ["disk_full", "unwritable"])
@pytest.mark.parametrize("kind", ["import", "district_logo"])
def test_a_storage_failure_of_an_import_or_the_logo_leaves_nothing_and_keeps_the_form(
    client, caseworker, administrator, settings, tmp_path, failure, kind, expect_errors
):
    from imports.models import ImportRun
    from tests.imports.files import CLIENT_HEADERS, xlsx
    from wir_fallmanagement.models import District

    if failure == "disk_full":
        use_full_disk(settings)
    else:
        use_unwritable_directory(settings, tmp_path)
    if kind == "import":
        client.force_login(caseworker)
        rows = [["Nasser", f"Amal{n}", "1990", "x" * 40] for n in range(60)]  # more than the 1000 bytes
        content = xlsx(rows, headers=[*CLIENT_HEADERS[:3], "Notiz"])
        data = {"kind": "volunteers", "file": SimpleUploadedFile("liste.xlsx", content), "form_token": "tok-i"}
        response, field = client.post("/imports/", data), "file"
    else:
        client.force_login(administrator)
        data = {"name": "Name bleibt erhalten", "logo_upload": SimpleUploadedFile("wappen.png", files.image())}
        response, field = client.post("/setup/district/", data), "logo_upload"
    assert response.status_code == 200  # not a 500
    assert "konnte nicht gespeichert werden" in " ".join(response.context["form"].errors[field])
    assert not ImportRun.objects.exists() and not District.objects.filter(logo__gt="").exists()
    assert media_files(settings.MEDIA_ROOT) == []
    page = response.content.decode()
    assert (
        ('value="Name bleibt erhalten"' in page) if kind == "district_logo" else ('value="volunteers" selected' in page)
    )
    assert any(r.name == "wir.uploads" and "could not be stored" in r.getMessage() for r in expect_errors())


def test_the_disk_full_storage_really_leaves_a_partial_file_without_the_cleanup(settings):
    """The failure the tests simulate is real: Django's storage alone leaves the partial file."""
    from django.core.files.base import ContentFile

    storage = DiskFullStorage(location=settings.MEDIA_ROOT)
    with pytest.raises(OSError):
        storage.save("x/partial", ContentFile(b"y" * 5000))
    assert [p.stat().st_size for p in media_files(settings.MEDIA_ROOT)] == [1000]
