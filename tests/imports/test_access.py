"""Who imports into whose caseload, and what the dry run may tell about existing clients."""

import pytest
from django.urls import reverse

from cases.models import Case, Client
from imports.models import ImportRun
from tests.conftest import login
from tests.factories import make_client
from tests.imports.files import CLIENT_HEADERS, upload, xlsx

pytestmark = pytest.mark.django_db

HEADERS = CLIENT_HEADERS[:3] + ["BG-Nummer"]


def post(client, data, rows, headers=HEADERS):
    return client.post(
        reverse("imports:import_start"),
        {"kind": "clients", "file": upload("l.xlsx", xlsx(rows, headers=headers)), **data},
    )


def commit(client):
    run = ImportRun.objects.latest("created_at")
    client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    return run


def test_a_caseworker_imports_into_their_own_caseload_only(client, caseworker, colleague):
    login(client, caseworker)
    assert 'name="caseworker"' not in client.get(reverse("imports:import_start")).content.decode()
    post(client, {"caseworker": colleague.pk}, [["Haddad", "Mariam", "1988", ""]])  # a forged field is ignored
    assert commit(client).status == ImportRun.Status.DONE
    assert Case.objects.get(client__family_name="Haddad").caseworker == caseworker


def test_a_team_lead_chooses_the_caseworker(client, teamlead, colleague):
    login(client, teamlead)
    response = post(client, {}, [["Haddad", "Mariam", "1988", ""]])
    assert "Bitte wählen Sie, in wessen Fälle die Klient:innen importiert werden." in response.content.decode()
    post(client, {"caseworker": teamlead.pk}, [["Haddad", "Mariam", "1988", ""]])  # not a caseworker
    assert not ImportRun.objects.exists()
    post(client, {"caseworker": colleague.pk}, [["Haddad", "Mariam", "1988", ""]])
    run = commit(client)
    assert run.status == ImportRun.Status.DONE and run.caseworker == colleague
    assert Case.objects.get(client__family_name="Haddad").caseworker == colleague


def test_a_colleagues_client_is_neither_changed_nor_named(client, caseworker, colleague):
    """Same natural key as a colleague's client: a new record for the caseworker (the colleague's is
    invisible to them), with a warning that only counts similar records of colleagues."""
    theirs = make_client(colleague, family_name="Haddad", given_names="Mariam", birth_year=1988, street="Geheim 1")
    mine = make_client(caseworker, family_name="Haddad", given_names="Miriam", birth_year=1988)
    login(client, caseworker)
    post(client, {}, [["Haddad", "Mariam", "1988", ""]])
    run = ImportRun.objects.get()
    row = run.report[0]
    assert row["action"] == "new"
    assert [d["id"] for d in row["duplicates"]] == [str(mine.pk)]
    assert row["hidden_duplicates"] == 1
    page = client.get(reverse("imports:import_detail", args=[run.pk])).content.decode()
    assert "1 ähnlicher Eintrag bei Kolleg:innen" in page
    assert str(theirs.pk) not in page and "Geheim" not in page
    commit(client)
    theirs.refresh_from_db()
    assert theirs.street == "Geheim 1" and Client.objects.filter(family_name="Haddad").count() == 3


def test_joining_a_colleagues_household_is_refused(client, caseworker, colleague):
    from tests.factories import make_household

    household = make_household()
    make_client(colleague, household=household)
    login(client, caseworker)
    post(client, {}, [["Haddad", "Mariam", "1988", household.bg_number]])
    run = ImportRun.objects.get()
    assert run.report[0]["errors"][0]["column"] == "BG-Nummer"
    assert "kann hier nicht eingetragen werden" in run.report[0]["errors"][0]["message"]


def test_own_client_is_updated(client, caseworker):
    mine = make_client(caseworker, family_name="Haddad", given_names="Mariam", birth_year=1988)
    login(client, caseworker)
    post(client, {}, [["haddad", "MARIAM", "1988", "06431BG0012345"]])
    run = commit(client)
    assert run.counts["update"] == 1, run.report
    mine.refresh_from_db()
    assert mine.household.bg_number == "06431BG0012345" and mine.version == 2
    assert mine.history.first().history_change_reason == "importiert aus l.xlsx"
    assert Case.objects.filter(client=mine).count() == 1


def test_someone_elses_import_is_not_found(client, caseworker, colleague):
    login(client, caseworker)
    post(client, {}, [["Haddad", "Mariam", "1988", ""]])
    run = ImportRun.objects.get()
    login(client, colleague)
    assert client.get(reverse("imports:import_detail", args=[run.pk])).status_code == 404
    assert client.post(reverse("imports:import_commit", args=[run.pk])).status_code == 404
    assert not Client.objects.exists()


def test_templates_have_german_headers_and_an_example_row(client, caseworker):
    import io

    import openpyxl

    login(client, caseworker)
    response = client.get(reverse("imports:import_template", args=["clients", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Familienname", "Vorname(n)", "Geburtsdatum") and rows[1][0] == "Haddad"
    text = client.get(reverse("imports:import_template", args=["offers", "csv"])).content.decode("utf-8")
    assert text.startswith("\ufeffTitel;Träger;Kategorie;") and "Titel (Tigrinya)" in text
    assert client.get(reverse("imports:import_template", args=["nonsense", "csv"])).status_code == 404
