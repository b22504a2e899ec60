"""CSV/XLSX exports of the staff lists (cases/exports.py, cases.views.list_export): the file holds
exactly the rows the page counts, for each role and filter; it is access- and security-logged;
formula cells are neutralised; dates are dates; large exports go through the task worker."""

import csv
import datetime
import io
import logging
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from cases.models import AccessLog, Case, Consent, FollowUp, ListExport, Municipality
from cases.tasks import delete_expired_exports
from offers import services as offer_services
from offers.models import ButApplication, ButCategory, Category, Provider
from tests.conftest import jobs
from tests.factories import (
    give_consent,
    make_agent,
    make_authorisation,
    make_branch,
    make_client,
    make_offer,
    make_volunteer,
)
from wir_fallmanagement.spreadsheets import neutralise


def read_xlsx(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, as German Excel needs"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def export(http, name: str, params: str = "", file_format: str = "xlsx", **extra):
    return http.post(f"/exports/{name}/", {"format": file_format, "params": params, **extra})


def page_count(http, url: str) -> int:
    """The count the list says (a keyset list's capped count; here always exact)."""
    context = http.get(url, follow=True).context
    if "count" in context:
        assert not context["capped"]
        return context["count"]
    return context["page"].paginator.count


@pytest.fixture
def caseload(caseworker, colleague):
    """Clients of two caseworkers, in two municipalities and case states."""
    erbach = Municipality.objects.get_or_create(name="Erbach")[0]
    michelstadt = Municipality.objects.get_or_create(name="Michelstadt")[0]
    clients = {
        "mine_open": make_client(caseworker, family_name="Abel", municipality=erbach),
        "mine_active": make_client(caseworker, family_name="Berger", municipality=michelstadt, case_status="active"),
        "mine_other": make_client(caseworker, family_name="Celik", municipality=erbach, case_status="active"),
        "theirs": make_client(colleague, family_name="Fremdling", municipality=erbach),
        "theirs_active": make_client(colleague, family_name="Gastmann", municipality=michelstadt, case_status="active"),
    }
    return {"clients": clients, "erbach": erbach, "michelstadt": michelstadt}


# ------------------------------------------------------------------------- the page's rows, per role


@pytest.mark.parametrize("persona", ["caseworker", "colleague", "teamlead", "administrator"], indirect=True)
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_client_export_has_the_pages_count_for_each_filter_and_role(client, persona, caseload, file_format):
    client.force_login(persona)
    erbach = caseload["erbach"].pk
    for params in ["", "status=active", f"municipality={erbach}", f"municipality={erbach}&status=intake", "q=Abel"]:
        expected = page_count(client, f"/clients/?{params or 'reset=1'}")
        response = export(client, "clients", params, file_format)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="klientinnen-')
        rows = read_xlsx(response.content) if file_format == "xlsx" else read_csv(response.content)
        assert rows[0][:3] == ["Familienname", "Vorname(n)", "Geburtsdatum"]
        assert len(rows) - 1 == expected, params


def test_the_counts_differ_by_role_so_the_test_above_means_something(client, caseworker, teamlead, caseload):
    client.force_login(caseworker)
    assert len(read_xlsx(export(client, "clients").content)) - 1 == 3
    client.force_login(teamlead)
    assert len(read_xlsx(export(client, "clients").content)) - 1 == 5


def test_a_caseworker_never_exports_a_colleagues_clients(client, caseworker, colleague, caseload):
    client.force_login(caseworker)
    for params in ["", f"caseworker={colleague.pk}", "q=Fremdling", "q=Gastmann&status=active"]:
        content = export(client, "clients", params, "csv").content.decode("utf-8-sig")
        assert "Fremdling" not in content and "Gastmann" not in content, params
    follow_up = FollowUp.objects.create(
        client=caseload["clients"]["theirs"], owner=colleague, due_on=timezone.localdate(), text="fremd"
    )
    content = export(client, "followups", "owner=all", "csv").content.decode("utf-8-sig")
    assert follow_up.text not in content


def test_the_export_follows_the_pages_sort_order(client, caseworker, caseload):
    client.force_login(caseworker)
    rows = read_xlsx(export(client, "clients", "sort=-name").content)
    assert [r[0] for r in rows[1:]] == ["Celik", "Berger", "Abel"]


def test_a_search_export_has_the_ranked_capped_hits(client, teamlead, caseworker, monkeypatch):
    from cases import filters

    exact = make_client(caseworker, given_names="Ali", family_name="Haddad")
    for n in range(4):
        make_client(caseworker, given_names="Ali", family_name=f"Haddadi{n}")
    monkeypatch.setattr(filters, "SEARCH_CAP", 3)
    client.force_login(teamlead)
    shown = [c.family_name for c in client.get("/clients/?q=Haddad").context["page"]]
    rows = read_xlsx(export(client, "clients", "q=Haddad").content)
    assert [r[0] for r in rows[1:]] == shown and len(shown) == 3 and shown[0] == exact.family_name


# ------------------------------------------------------------------------------ formula injection


HOSTILE = ['=HYPERLINK("http://evil")', "+49 1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_neutralise_puts_an_apostrophe_before_every_formula_start():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("Müller") == "Müller"
    assert neutralise(-5) == -5 and neutralise(None) is None


@pytest.fixture
def hostile_clients(caseworker):
    return [make_client(caseworker, family_name=value, given_names=value) for value in HOSTILE]


def test_hostile_cells_read_back_as_text_from_xlsx(client, caseworker, hostile_clients):
    client.force_login(caseworker)
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "clients").content)).active
    names = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    assert names == {"'" + value.replace("\r", "\n") for value in HOSTILE}  # (XML reads CR as LF)
    for r in range(2, sheet.max_row + 1):
        assert sheet.cell(row=r, column=1).data_type == "s"  # never "f" (formula)


def test_hostile_cells_read_back_as_text_from_csv(client, caseworker, hostile_clients):
    client.force_login(caseworker)
    rows = read_csv(export(client, "clients", file_format="csv").content)
    assert {row[0] for row in rows[1:]} == {"'" + value for value in HOSTILE}
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


# ---------------------------------------------------------------------------------------- dates


def test_xlsx_dates_are_dates_and_csv_dates_are_german(client, caseworker):
    person = make_client(caseworker, birth_year=1985, birth_month=3, birth_day=7)
    FollowUp.objects.create(client=person, owner=caseworker, due_on=datetime.date(2031, 12, 24), text="Antrag")
    client.force_login(caseworker)
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "followups").content)).active
    assert sheet["A1"].value == "fällig am"
    assert sheet["A2"].is_date and sheet["A2"].value == datetime.datetime(2031, 12, 24)
    assert sheet["A2"].number_format == "DD.MM.YYYY"
    assert sheet["F2"].is_date  # angelegt am (a time, in local time)
    clients = openpyxl.load_workbook(io.BytesIO(export(client, "clients").content)).active
    assert clients["C2"].is_date and clients["C2"].value == datetime.datetime(1985, 3, 7)
    rows = read_csv(export(client, "followups", file_format="csv").content)
    assert rows[1][0] == "24.12.2031"


def test_an_incomplete_birthday_stays_text(client, caseworker):
    make_client(caseworker, birth_year=1990)
    client.force_login(caseworker)
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "clients").content)).active
    assert sheet["C2"].value == "??.??.1990" and sheet["D2"].value == 1990


# ------------------------------------------------------------------------------------- logging


def test_every_export_is_access_logged_per_client_and_security_logged(client, caseworker, caseload, caplog):
    caplog.set_level(logging.INFO, logger="wir.security")
    client.force_login(caseworker)
    export(client, "clients", "status=active")
    logged = AccessLog.objects.filter(user=caseworker, action=AccessLog.Action.LIST_EXPORT)
    mine = caseload["clients"]
    assert {log.client_id for log in logged} == {mine["mine_active"].pk, mine["mine_other"].pk}
    assert {log.target for log in logged} == {"export:clients"}
    events = [r.getMessage() for r in caplog.records if r.name == "wir.security"]
    assert any("event=list_export" in e and "rows=2" in e and "format=xlsx" in e for e in events)


# ---------------------------------------------------------------------------------- every list


@pytest.fixture
def every_list(caseworker, colleague, teamlead):
    mine, theirs = make_client(caseworker, family_name="Eigen"), make_client(colleague, family_name="Fremd")
    for person, owner in ((mine, caseworker), (theirs, colleague)):
        FollowUp.objects.create(client=person, owner=owner, due_on=timezone.localdate(), text="Rückruf")
    make_volunteer(family_name="Helferin")
    make_volunteer(family_name="Pausiert", status="paused")
    branch = make_branch()
    agent = make_agent()
    make_authorisation(mine, agent, caseworker, branch, status="handed_over")
    make_authorisation(mine, make_agent(family_name="Zweit"), caseworker, branch, status="draft")
    make_authorisation(theirs, agent, colleague, branch, status="signed")
    for child, owner, status in (
        (mine, caseworker, "advised"),
        (mine, caseworker, "applied"),
        (theirs, colleague, "applied"),
    ):
        ButApplication.objects.create(
            child=child, category=ButCategory.LUNCH, status=status, amount=Decimal("12.50"), created_by=owner
        )
    return {"mine": mine, "theirs": theirs}


LIST_PAGES = [
    ("followups", "/followups/", ["", "owner=all"]),
    ("volunteers", "/volunteers/", ["", "status=paused", "q=Helferin"]),
    ("authorisations", "/authorisations/", ["", "status=draft", "q=Eigen"]),
    ("handovers", "/handovers/", ["", "sort=date"]),
    ("but", "/but/", ["", "status=applied", "category=lunch&sort=child"]),
]


@pytest.mark.parametrize(("name", "url", "filters"), LIST_PAGES, ids=[n for n, _u, _f in LIST_PAGES])
@pytest.mark.parametrize("persona", ["caseworker", "teamlead"], indirect=True)
def test_every_list_exports_the_pages_count(client, persona, every_list, name, url, filters):
    client.force_login(persona)
    counts = set()
    for params in filters:
        expected = page_count(client, f"{url}?{params or 'reset=1'}")
        for file_format in ("xlsx", "csv"):
            response = export(client, name, params, file_format)
            rows = read_xlsx(response.content) if file_format == "xlsx" else read_csv(response.content)
            assert len(rows) - 1 == expected, (name, params, file_format)
        counts.add(expected)
    assert counts != {0}


def test_the_list_pages_offer_the_export_buttons(client, caseworker, every_list):
    client.force_login(caseworker)
    for name, url, _filters in LIST_PAGES + [("clients", "/clients/", [])]:
        page = client.get(f"{url}?reset=1", follow=True).content.decode()
        assert f'action="/exports/{name}/"' in page, url
        assert 'name="format" value="xlsx"' in page and 'name="format" value="csv"' in page


# ---------------------------------------------------------- an offer's referrals and participants


@pytest.fixture
def offer_with_participants(caseworker, colleague):
    provider = Provider.objects.create(name="Sportverein Erbach", kind=Provider.Kind.CLUB)
    other_provider = Provider.objects.create(name="Anderer Träger", kind=Provider.Kind.CLUB)
    offer = make_offer(provider, Category.objects.get(name="Schwimmen"), capacity=10)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for key, owner in [
        ("consented", caseworker),
        ("consented_colleague", colleague),
        ("other_provider", caseworker),
        ("revoked", caseworker),
    ]:
        person = make_client(owner, family_name=key.replace("_", "").title())
        consent = give_consent(person, provider, owner)
        offer_services.create_referral(offer=offer, client=person, user=owner, register=True)
        if key in ("other_provider", "revoked"):  # registered while it held; revoked since
            Consent.objects.filter(pk=consent.pk).update(revoked_on=yesterday)
        if key == "other_provider":
            give_consent(person, other_provider, owner)
    suggested = make_client(caseworker, family_name="Vorgeschlagen")
    give_consent(suggested, provider, caseworker)
    offer_services.create_referral(offer=offer, client=suggested, user=caseworker, register=False)
    return offer


def test_the_participant_list_holds_only_participants_with_a_valid_consent_for_the_provider(
    client, caseworker, teamlead, offer_with_participants
):
    offer = offer_with_participants
    client.force_login(caseworker)
    page = client.get(f"/offers/{offer.pk}/")
    assert page.context["participants"] == 1
    rows = read_xlsx(export(client, "participants", f"offer={offer.pk}").content)
    assert [r[2] for r in rows[1:]] == ["Consented"]
    assert rows[0][:3] == ["Angebot", "Träger", "Familienname"]
    client.force_login(teamlead)
    rows = read_xlsx(export(client, "participants", f"offer={offer.pk}").content)
    assert sorted(r[2] for r in rows[1:]) == ["Consented", "Consentedcolleague"]
    assert client.get(f"/offers/{offer.pk}/").context["participants"] == 2


def test_the_offer_referrals_export_has_the_pages_count(client, caseworker, offer_with_participants):
    offer = offer_with_participants
    client.force_login(caseworker)
    expected = client.get(f"/offers/{offer.pk}/").context["page"].paginator.count
    rows = read_xlsx(export(client, "referrals", f"offer={offer.pk}").content)
    assert len(rows) - 1 == expected == 4
    assert read_xlsx(export(client, "referrals", "offer=abc").content)[1:] == []


# ------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "data",
    [{"format": "pdf"}, {"format": ""}, {}, {"format": "csv", "params": "x" * 3000}, {"format": "xlsx\x00"}],
)
def test_a_bad_export_request_goes_back_with_a_message(client, caseworker, data):
    client.force_login(caseworker)
    response = client.post("/exports/clients/", data, follow=True)
    assert response.status_code == 200
    assert "Dieser Export ist nicht möglich" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    ["status=nonsense", "municipality=abc", "caseworker=-1", "sort=password", "page=99999", "q=" + "ä" * 500, "%ff"],
)
def test_hostile_params_export_without_a_500(client, caseworker, caseload, params):
    client.force_login(caseworker)
    assert export(client, "clients", params).status_code == 200


def test_an_unknown_list_is_404(client, caseworker):
    client.force_login(caseworker)
    assert export(client, "passwords").status_code == 404


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_volunteers_and_the_kjc_cannot_export(client, persona, caseload):
    client.force_login(persona)
    assert export(client, "clients").status_code == 404


# ---------------------------------------------------------------------- large: the task worker


@pytest.mark.django_db(transaction=True)
def test_a_large_export_runs_in_the_worker_and_only_its_requester_downloads_it(
    client, caseworker, colleague, teamlead, settings, run_jobs, caplog
):
    settings.WIR_EXPORT_BACKGROUND_ROWS = 3
    for n in range(5):
        make_client(caseworker, family_name=f"Gross{n}")
    make_client(colleague, family_name="Fremd")
    client.force_login(caseworker)
    response = export(client, "clients", "sort=-name", "csv")
    job = ListExport.objects.get()
    assert response.status_code == 302 and response.url == f"/exports/files/{job.pk}/"
    waiting = client.get(response.url).content.decode()
    assert "data-progress" in waiting and "Der Export wird erstellt" in waiting
    assert not AccessLog.objects.filter(action=AccessLog.Action.LIST_EXPORT).exists()

    caplog.set_level(logging.INFO, logger="wir.security")
    run_jobs()
    assert jobs("write_list_export").count() == 0 or jobs("write_list_export").get().status == "succeeded"
    job.refresh_from_db()
    assert job.status == "done" and job.total == 5
    ready = client.get(response.url).content.decode()
    assert f'href="/exports/files/{job.pk}/download/"' in ready
    download = client.get(f"/exports/files/{job.pk}/download/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    rows = read_csv(download.content)
    assert [r[0] for r in rows[1:]] == [f"Gross{n}" for n in (4, 3, 2, 1, 0)]
    assert AccessLog.objects.filter(user=caseworker, action="listexport", target=f"export:{job.pk}").count() == 6
    assert any("event=list_export_download" in r.getMessage() for r in caplog.records)

    for other in (colleague, teamlead):
        client.force_login(other)
        assert client.get(f"/exports/files/{job.pk}/").status_code == 404
        assert client.get(f"/exports/files/{job.pk}/download/").status_code == 404

    client.force_login(caseworker)
    ListExport.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(f"/exports/files/{job.pk}/download/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_expired_exports_are_deleted_by_the_daily_job(caseworker, run_jobs):
    now = timezone.now()
    old = ListExport.objects.create(
        requested_by=caseworker, list_name="clients", file_format="csv", status="done", data=b"x",
        expires_at=now - datetime.timedelta(minutes=1),
    )  # fmt: skip
    fresh = ListExport.objects.create(
        requested_by=caseworker, list_name="clients", file_format="csv", status="done", data=b"x",
        expires_at=now + datetime.timedelta(hours=1),
    )  # fmt: skip
    delete_expired_exports.defer(timestamp=int(now.timestamp()))
    run_jobs()
    assert list(ListExport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ListExport.objects.filter(pk=old.pk).exists()


def test_the_export_page_says_when_it_failed(client, caseworker):
    job = ListExport.objects.create(
        requested_by=caseworker, list_name="clients", file_format="xlsx", status="failed",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )  # fmt: skip
    client.force_login(caseworker)
    page = client.get(f"/exports/files/{job.pk}/").content.decode()
    assert "konnte nicht erstellt werden" in page
    assert client.get(f"/exports/files/{job.pk}/download/").status_code == 404


def test_case_of_the_export_matches_the_open_case(client, caseworker):
    person = make_client(caseworker, case_status="active")
    client.force_login(caseworker)
    rows = read_xlsx(export(client, "clients").content)
    assert rows[1][7] == Case.Status.ACTIVE.label
    assert rows[1][8] == str(caseworker)
    assert re.fullmatch(r"klientinnen-\d{4}-\d{2}-\d{2}\.xlsx", export(client, "clients")["Content-Disposition"][22:-1])
    assert person.pk


def test_amounts_are_numbers_in_xlsx_and_have_a_decimal_comma_in_csv(client, caseworker, every_list):
    client.force_login(caseworker)
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "but").content)).active
    assert sheet["E1"].value == "Betrag (Euro)" and sheet["E2"].value == 12.5
    rows = read_csv(export(client, "but", file_format="csv").content)
    assert rows[1][4] == "12,50"


@pytest.mark.django_db(transaction=True)
def test_a_large_export_of_a_user_deactivated_meanwhile_is_not_written(client, caseworker, settings, run_jobs):
    settings.WIR_EXPORT_BACKGROUND_ROWS = 1
    make_client(caseworker), make_client(caseworker)
    client.force_login(caseworker)
    export(client, "clients")
    caseworker.is_active = False
    caseworker.save()
    run_jobs()
    job = ListExport.objects.get()
    assert job.status == "failed" and job.data is None
    assert not AccessLog.objects.filter(action=AccessLog.Action.LIST_EXPORT).exists()
