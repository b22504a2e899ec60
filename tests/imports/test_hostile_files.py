"""Hostile and broken files: refused (or read safely) with a clear German message, never a 500,
and nothing half-imported."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from cases.models import Client
from imports.models import ImportRun
from tests.conftest import login
from tests.imports.files import CLIENT_HEADERS, csv_bytes, upload, xlsx

pytestmark = pytest.mark.django_db


def post(client, user, name, content):
    login(client, user)
    return client.post(reverse("imports:import_start"), {"kind": "clients", "file": upload(name, content)})


def refused_with(response, message):
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find("invalid-feedback") - 200 : page.find("invalid-feedback") + 600]
    assert not ImportRun.objects.exists() and not Client.objects.exists()


def test_hundred_megabytes_are_refused_before_reading(client, caseworker):
    content = b"Familienname;Vorname(n);Geburtsdatum\r\n" + b"A;B;1990\r\n" * (100 * 1024 * 1024 // 10)
    refused_with(post(client, caseworker, "gross.csv", content), "Die Datei ist zu groß (höchstens 20 MB).")


def test_zip_bomb_is_refused_before_openpyxl_opens_it(client, caseworker, settings):
    settings.WIR_MAX_IMPORT_UNPACKED_MB = 50
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx([])), "r") as real, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in real.infolist():
            out.writestr(item, real.read(item))
        with out.open("xl/worksheets/sheet2.xml", "w") as huge:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):
                huge.write(chunk)
    assert len(bomb.getvalue()) < 1024 * 1024
    refused_with(
        post(client, caseworker, "bombe.xlsx", bomb.getvalue()),
        "Die Excel-Datei ist entpackt zu groß (höchstens 50 MB). Bitte teilen Sie sie auf.",
    )


def test_a_million_empty_rows_end_at_the_last_data_row(client, caseworker):
    """A sheet whose one million formatted rows are empty: read up to the data, then stopped."""
    base = xlsx([["Haddad", "Mariam", "1988"]], headers=CLIENT_HEADERS[:3])
    source = zipfile.ZipFile(io.BytesIO(base))
    sheet = source.read("xl/worksheets/sheet1.xml").decode()
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 1_000_003))
    sheet = sheet.replace("</sheetData>", empty + "</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    response = post(client, caseworker, "leer.xlsx", out.getvalue())
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.total == 1 and run.counts["new"] == 1


def test_too_many_rows_are_refused_with_the_limit(client, caseworker, settings):
    settings.WIR_IMPORT_MAX_ROWS = 5
    rows = [["Haddad", f"Kind{n}", "2010"] for n in range(6)]
    refused_with(
        post(client, caseworker, "lang.xlsx", xlsx(rows, headers=CLIENT_HEADERS[:3])),
        "Die Datei hat mehr als 5 Datenzeilen. Bitte teilen Sie sie in mehrere Dateien auf.",
    )


def test_merged_header_cells_are_named(client, caseworker):
    def prepare(sheet):
        sheet.merge_cells("A1:B1")

    refused_with(
        post(
            client,
            caseworker,
            "verbunden.xlsx",
            xlsx([["Haddad", "Mariam", "1988"]], headers=CLIENT_HEADERS[:3], prepare=prepare),
        ),
        "Die Kopfzeile hat in Spalte B keinen Namen (verbundene Zellen?).",
    )


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("utf16.csv", "Familienname;Vorname(n)\r\nMüller;Jürgen\r\n".encode("utf-16"), "in UTF-16 gespeichert"),
        ("binär.csv", b"\x00\x01\x02\x03" * 100, "in UTF-16 gespeichert oder keine Textdatei"),
        ("tarnung.csv", xlsx([]), "keine CSV-Textdatei"),
        ("tarnung.xlsx", csv_bytes([]), "keine Excel-Datei im Format .xlsx"),
        ("kaputt.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Die Excel-Datei ist beschädigt"),
        (
            "alt.xls",
            b"\xd0\xcf\x11\xe0" + b"\x00" * 200,
            "Erlaubt sind nur Excel-Dateien (.xlsx) und CSV-Dateien (.csv).",
        ),
        ("leer.csv", b"", "Die übertragene Datei ist leer."),
        ("nur-kopf.csv", b"\r\n\r\n", "keine Kopfzeile und keine Daten"),
    ],
    ids=["utf16", "binary", "xlsx-as-csv", "csv-as-xlsx", "broken-zip", "xls", "empty", "blank"],
)
def test_wrong_files_are_refused(client, caseworker, name, content, message):
    refused_with(post(client, caseworker, name, content), message)


def test_macro_workbook_is_refused(client, caseworker):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx([])), "r") as real, zipfile.ZipFile(out, "w") as target:
        for item in real.infolist():
            target.writestr(item, real.read(item))
        target.writestr("xl/vbaProject.bin", b"macro")
    refused_with(post(client, caseworker, "makro.xlsx", out.getvalue()), "Dateien mit Makros sind nicht erlaubt.")


def test_xml_bomb_inside_the_sheet_is_refused(client, caseworker):
    """defusedxml (used by openpyxl) refuses entity expansion: a clear message, nothing stored."""
    base = xlsx([["Haddad", "Mariam", "1988"]], headers=CLIENT_HEADERS[:3])
    source = zipfile.ZipFile(io.BytesIO(base))
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = bomb.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    refused_with(post(client, caseworker, "xmlbombe.xlsx", out.getvalue()), "Die Excel-Datei ist beschädigt")


def test_ragged_csv_is_refused(client, caseworker):
    content = b"Familienname;Vorname(n);Geburtsdatum\r\nHaddad;Mariam;1988;zu viel\r\nKarimi;Sara\r\n"
    refused_with(
        post(client, caseworker, "schief.csv", content),
        "Die CSV-Datei kann nicht gelesen werden: die Zeilen haben unterschiedlich viele Spalten.",
    )


def test_openpyxl_still_reads_what_we_refuse_to_evaluate():
    """Sanity: the formula test above means something — openpyxl would hand out formula text."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx([["=1+1", "x", "1990"]], headers=CLIENT_HEADERS[:3])))
    assert book.active["A2"].value == "=1+1"


@pytest.mark.parametrize("failure", ["disk_full", "unwritable"])
def test_a_storage_failure_leaves_no_file_and_no_run(client, caseworker, settings, tmp_path, failure, expect_errors):
    """The import file goes through the one upload path's storage (uploads.save_checked) too."""
    from tests.test_uploads import media_files, use_full_disk, use_unwritable_directory

    if failure == "disk_full":
        use_full_disk(settings)
    else:
        use_unwritable_directory(settings, tmp_path)
    rows = [["Haddad", "Mariam", "04.07.1988"]] * 200  # more than the 1000 bytes the full disk takes
    content = xlsx(rows, headers=CLIENT_HEADERS[:3])
    refused_with(post(client, caseworker, "klienten.xlsx", content), "konnte nicht gespeichert")
    assert media_files(settings.MEDIA_ROOT) == []  # the partial file is gone
    assert any(r.name == "wir.uploads" and "could not be stored" in r.getMessage() for r in expect_errors())
