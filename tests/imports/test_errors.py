"""Every error at its row and column in plain German; nothing stored by a dry run or a failed commit."""

import datetime

import pytest
from django.urls import reverse

from cases.models import BG_NUMBER_UNAVAILABLE, Client, Household
from imports.models import ImportRun
from tests.conftest import login
from tests.factories import make_client
from tests.imports.files import CLIENT_HEADERS, csv_bytes, upload, xlsx

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1


def dry_run(client, user, content, name="liste.xlsx"):
    login(client, user)
    client.post(reverse("imports:import_start"), {"kind": "clients", "file": upload(name, content)})
    return ImportRun.objects.latest("created_at")


def errors_of(run):
    return {(row["line"], error["column"], error["message"]) for row in run.report for error in row["errors"]}


def test_each_error_at_its_row_and_column(client, caseworker, erbach):
    rows = [
        ["Haddad", "Mariam", "04.07.1988", "", "Erbach", "06431BG12345", "", ""],  # line 2: invalid BG
        ["Yusuf", "Ali", "01.01.1990", "", "Atlantis", "", "", ""],  # line 3: unknown municipality
        ["Karimi", "Sara", f"01.01.{NEXT_YEAR}", "", "", "", "", ""],  # line 4: date in the future
        ["Haddad", "Mariam", "1988-07-04", "", "", "", "", ""],  # line 5: same person as line 2
        ["Nasser", "Amal", "31.02.1990", "", "", "", "", ""],  # line 6: no such date
        ["Nasser", "Omar", "01.01.1980", "unbekannt", "", "", "", "Klingonisch"],  # line 7: gender, language
    ]
    run = dry_run(client, caseworker, xlsx(rows))
    found = errors_of(run)
    assert (
        2,
        "BG-Nummer",
        "Ungültige BG-Nummer „06431BG12345“. Die BG-Nummer besteht aus 5 Ziffern, „BG“ und 7 Ziffern, "
        "z. B. 06431BG0012345.",
    ) in found
    assert (3, "Kommune", "Unbekannte Kommune „Atlantis“.") in found
    assert (4, "Geburtsdatum", f"Das Datum 01.01.{NEXT_YEAR} liegt in der Zukunft.") in found
    assert (5, "Familienname", "Doppelt in der Datei: dieselbe Angabe steht schon in Zeile 2.") in found
    assert (
        6,
        "Geburtsdatum",
        "„31.02.1990“ ist kein Datum. Erlaubt sind z. B. 31.12.1990, 1990-12-31 oder 1990.",
    ) in found
    assert (7, "Sprachen", "Unbekannte Sprache „Klingonisch“.") in found
    assert any(
        line == 7 and column == "Geschlecht" and "„unbekannt“ ist nicht zulässig" in m for line, column, m in found
    )
    assert run.counts["error"] == 6
    assert not run.may_commit
    page = client.get(reverse("imports:import_detail", args=[run.pk])).content.decode()
    assert "Zeile 3, Spalte „Kommune“:" in page and "Unbekannte Kommune „Atlantis“." in page
    # the commit is refused, and nothing was stored by the dry run
    client.post(reverse("imports:import_commit", args=[run.pk]))
    assert not Client.objects.exists() and not Household.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED


def test_missing_required_column_is_refused(client, caseworker):
    run = dry_run(client, caseworker, xlsx([["Haddad", "Mariam"]], headers=["Familienname", "Vorname(n)"]))
    assert run.status == ImportRun.Status.FAILED
    assert run.problems == ["Die Pflichtspalte „Geburtsdatum“ fehlt."]
    assert not run.may_commit


def test_unknown_columns_are_named(client, caseworker):
    run = dry_run(
        client, caseworker, xlsx([["Haddad", "Mariam", "1988", "x"]], headers=[*CLIENT_HEADERS[:3], "Lieblingsfarbe"])
    )
    assert run.warnings == ["Die Spalte „Lieblingsfarbe“ ist unbekannt und wird nicht importiert."]
    assert run.may_commit


def test_a_row_failing_at_commit_rolls_back_everything(client, caseworker, colleague, erbach):
    """Between dry run and commit a colleague takes the BG number of row 3: the commit stores none of the rows."""
    rows = [
        ["Haddad", "Mariam", "04.07.1988", "", "", "", "", ""],
        ["Haddad", "Omar", "01.02.1986", "", "", "", "", ""],
        ["Karimi", "Sara", "01.01.1990", "", "", "06431BG0099999", "", ""],
    ]
    run = dry_run(client, caseworker, csv_bytes(rows), name="liste.csv")
    assert run.may_commit, run.report
    make_client(colleague, household=Household.objects.create(bg_number="06431BG0099999"))
    before = Client.objects.count()
    client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert Client.objects.count() == before
    assert errors_of(run) == {(4, "BG-Nummer", str(BG_NUMBER_UNAVAILABLE))}
