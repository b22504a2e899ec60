"""Each format and encoding Excel and LibreOffice write, and the real-world mess in the cells."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Client
from imports.models import ImportRun
from tests.conftest import login
from tests.imports.files import CLIENT_HEADERS, csv_bytes, upload, xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    ["Müller", "Jürgen", "24.12.1970", "männlich", "Erbach", "", "", ""],
    ["Haddad", "Mariam", "1988-07-04", "weiblich", "Erbach", "", "", "Arabisch"],
]


def import_file(client, user, name, content, *, commit=True):
    login(client, user)
    response = client.post(reverse("imports:import_start"), {"kind": "clients", "file": upload(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.latest("created_at")
    assert run.status == ImportRun.Status.CHECKED, (run.problems, run.report)
    if commit:
        client.post(reverse("imports:import_commit", args=[run.pk]))
        run.refresh_from_db()
        assert run.status == ImportRun.Status.DONE, run.report
    return run


@pytest.mark.parametrize(
    "name,content",
    [
        ("liste.xlsx", xlsx(ROWS)),
        ("liste.csv", csv_bytes(ROWS, delimiter=";")),
        ("liste.csv", csv_bytes(ROWS, delimiter=",")),
        ("liste.csv", csv_bytes(ROWS, delimiter=";", bom=True)),
        ("liste.csv", csv_bytes(ROWS, delimiter=",", bom=True)),
        ("liste.csv", csv_bytes(ROWS, delimiter=";", encoding="cp1252")),
        ("LISTE.CSV", csv_bytes(ROWS, delimiter=",", encoding="cp1252")),
    ],
    ids=["xlsx", "utf8-semicolon", "utf8-comma", "bom-semicolon", "bom-comma", "cp1252-semicolon", "cp1252-comma"],
)
def test_format_and_encoding(client, caseworker, erbach, name, content):
    import_file(client, caseworker, name, content)
    juergen = Client.objects.get(given_names="Jürgen")
    assert (juergen.family_name, juergen.birth_day, juergen.birth_month, juergen.birth_year) == ("Müller", 24, 12, 1970)
    assert juergen.municipality == erbach
    assert Client.objects.search("Muller").count() == 1


def test_mixed_dates_spaces_arabic_html_and_formulas(client, caseworker, erbach):
    def prepare(sheet):
        sheet["C3"].number_format = "DD.MM.YYYY"  # a real date cell

    rows = [
        ["  Haddad ", " Mariam  ", "04.07.1988", " weiblich ", " erbach ", "", "", "arabisch (Muttersprache)"],
        ["Yusuf", "Ali", datetime.date(1990, 3, 1), "", "", "", "", ""],
        ["Karimi", "Sara", 32874, "", "", "", "", ""],  # Excel serial number: 01.01.1990
        ["حداد", "مريم", "1975", "", "", "", "", ""],
        ["<script>alert(1)</script>", "<b>Fett</b>", "01.01.1980", "", "", "", "", ""],
        ['=HYPERLINK("http://evil.example","x")', "=1+1", "01.01.1981", "", "", "", "", ""],
    ]
    run = import_file(client, caseworker, "chaos.xlsx", xlsx(rows, prepare=prepare), commit=False)
    page = client.get(reverse("imports:import_detail", args=[run.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    client.post(reverse("imports:import_commit", args=[run.pk]))
    mariam = Client.objects.get(family_name="Haddad")
    assert (mariam.given_names, mariam.gender, mariam.municipality) == ("Mariam", "female", erbach)
    assert (
        Client.objects.get(family_name="Yusuf").birth_month,
        Client.objects.get(family_name="Yusuf").birth_year,
    ) == (3, 1990)
    sara = Client.objects.get(family_name="Karimi")
    assert (sara.birth_day, sara.birth_month, sara.birth_year) == (1, 1, 1990)
    arabic = Client.objects.get(family_name="حداد")
    assert (arabic.birth_day, arabic.birth_year) == (None, 1975)
    assert Client.objects.search("مريم").get() == arabic
    assert Client.objects.filter(family_name="<script>alert(1)</script>").exists()  # stored as text
    formula = Client.objects.get(given_names="=1+1")  # the formula's text, never its value
    assert formula.family_name == '=HYPERLINK("http://evil.example","x")'
    page = client.get(reverse("cases:client_list")).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_headers_with_other_case_and_spaces(client, caseworker, erbach):
    headers = [" familienname", "VORNAME(N) ", "Geburtsdatum  "]
    import_file(client, caseworker, "liste.xlsx", xlsx([["Haddad", "Mariam", "1988"]], headers=headers))
    assert Client.objects.filter(family_name="Haddad").exists()


def test_leading_empty_rows_and_gaps(client, caseworker):
    def prepare(sheet):
        sheet.insert_rows(1, amount=2)  # two empty rows above the header
        sheet.insert_rows(5, amount=3)  # a gap after the first data row

    rows = [["Haddad", "Mariam", "1988"], ["Karimi", "Sara", "1990"], ["Yusuf", "Ali", "01.01.1990"]]
    run = import_file(client, caseworker, "liste.xlsx", xlsx(rows, headers=CLIENT_HEADERS[:3], prepare=prepare))
    assert [row["line"] for row in run.report] == [4, 8, 9]  # as the spreadsheet program numbers them
    assert Client.objects.count() == 3
