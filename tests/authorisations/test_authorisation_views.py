import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from authorisations import tasks
from authorisations.models import Authorisation
from cases.models import AccessLog
from tests import files
from tests.conftest import jobs
from tests.factories import make_agent, make_authorisation, make_principal, printed, signed
from volunteers.models import Assignment

TODAY = timezone.localdate()


def url(name, *args):
    return reverse(f"authorisations:{name}", args=args)


@pytest.fixture
def colleagues_authorisation(colleague, agent, branch):
    return make_authorisation(make_principal(colleague, family_name="Osman"), agent, colleague, branch)


# --- list -------------------------------------------------------------------------------------


def test_the_list_shows_the_caseworkers_own(client, caseworker, draft, colleagues_authorisation):
    client.force_login(caseworker)
    response = client.get(url("authorisation_list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [draft]


def test_the_team_lead_sees_all(client, teamlead, draft, colleagues_authorisation):
    client.force_login(teamlead)
    response = client.get(url("authorisation_list"))
    assert set(response.context["page"].object_list) == {draft, colleagues_authorisation}


def test_the_list_filters_by_status_and_name(client, caseworker, draft, agent, branch):
    signed_one = make_authorisation(
        make_principal(caseworker, family_name="Haddad"), agent, caseworker, branch, status="signed"
    )
    client.force_login(caseworker)
    assert list(client.get(url("authorisation_list"), {"status": "signed"}).context["page"].object_list) == [signed_one]
    assert list(client.get(url("authorisation_list"), {"q": "Haddad"}).context["page"].object_list) == [signed_one]
    # nonsense parameters are ignored, not a 500
    response = client.get(url("authorisation_list"), {"status": "<x>", "page": "zz"})
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_the_list_is_404_for_other_roles(client, persona):
    client.force_login(persona)
    assert client.get(url("authorisation_list")).status_code == 404


def test_the_list_rejects_post(client, caseworker):
    client.force_login(caseworker)
    assert client.post(url("authorisation_list")).status_code == 405


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    client, teamlead, agent, branch, django_assert_max_num_queries, rows
):
    for index in range(rows):
        make_authorisation(make_principal(family_name=f"Person{index}", language=None), make_agent(), teamlead, branch)
    client.force_login(teamlead)
    with django_assert_max_num_queries(10):
        response = client.get(url("authorisation_list"))
    assert len(response.context["page"].object_list) == min(rows, 25)


# --- create -----------------------------------------------------------------------------------


def valid_data(agent, branch, **extra):
    data = {
        "agent": agent.pk,
        "kjc_branch": branch.pk,
        "scopes": ["information", "applications"],
        "valid_from": TODAY.isoformat(),
        "valid_until": "",
        "language": "ar",
        "exclusions": "",
    }
    data.update(extra)
    return data


def test_it_creates_a_vollmacht_for_a_client(client, caseworker, principal, agent, branch):
    client.force_login(caseworker)
    form_url = url("authorisation_create") + f"?client={principal.pk}"
    response = client.get(form_url)
    assert response.status_code == 200
    assert response.context["form"].initial["language"] == "ar"  # from the client's languages
    assert "money" not in response.context["form"]["scopes"].value()  # receiving money is off by default
    response = client.post(form_url, valid_data(agent, branch))
    authorisation = Authorisation.objects.get()
    assert response.status_code == 302 and response.url == url("authorisation_detail", authorisation.pk)
    assert (authorisation.principal, authorisation.agent, authorisation.created_by) == (principal, agent, caseworker)
    assert authorisation.scopes == ["information", "applications"]
    assert authorisation.status == "draft"


def test_it_creates_from_an_assignment_with_the_agent_fixed(client, caseworker, principal, agent, branch):
    assignment = Assignment.objects.create(volunteer=agent, client=principal, start_on=TODAY, created_by=caseworker)
    other = make_agent(family_name="Weber")
    client.force_login(caseworker)
    form_url = url("authorisation_create") + f"?assignment={assignment.pk}"
    response = client.get(form_url)
    assert list(response.context["form"].fields["agent"].queryset) == [agent]
    response = client.post(form_url, valid_data(other, branch))
    assert response.status_code == 200
    assert "agent" in response.context["form"].errors
    assert client.post(form_url, valid_data(agent, branch)).status_code == 302


def test_an_assignment_recorded_as_support_without_vollmacht_says_so(client, caseworker, principal, agent):
    assignment = Assignment.objects.create(
        volunteer=agent, client=principal, start_on=TODAY, kind=Assignment.Kind.SUPPORT, created_by=caseworker
    )
    client.force_login(caseworker)
    response = client.get(url("authorisation_create") + f"?assignment={assignment.pk}")
    assert "als Beistand ohne Vollmacht erfasst (§ 13 Abs. 4 SGB X)" in response.content.decode()


def test_it_checks_ownership_of_client_and_assignment(client, caseworker, colleague, agent, branch):
    foreign = make_principal(colleague, family_name="Osman")
    assignment = Assignment.objects.create(volunteer=agent, client=foreign, start_on=TODAY, created_by=colleague)
    client.force_login(caseworker)
    base = url("authorisation_create")
    assert client.get(f"{base}?client={foreign.pk}").status_code == 404
    assert client.post(f"{base}?client={foreign.pk}", valid_data(agent, branch)).status_code == 404
    assert client.get(f"{base}?assignment={assignment.pk}").status_code == 404
    assert client.get(f"{base}?client=not-a-uuid").status_code == 404
    assert client.get(f"{base}?assignment=abc").status_code == 404
    assert not Authorisation.objects.exists()


def test_without_a_client_it_offers_a_search(client, caseworker, principal, colleague):
    make_principal(colleague, family_name="Al-Hassan", given_names="Fremd")
    client.force_login(caseworker)
    response = client.get(url("authorisation_create"), {"q": "Al-Hassan"})
    assert response.status_code == 200
    assert list(response.context["clients"]) == [principal]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"scopes": []}, "scopes", "Bitte kreuzen Sie mindestens einen Bereich an."),
        ({"scopes": ["objection"]}, "rdg_acknowledged", "§ 6 RDG"),
        ({"valid_until": (TODAY - datetime.timedelta(1)).isoformat()}, "valid_until", "Das Ende liegt vor dem Beginn."),
        ({"valid_from": "31.02.2026"}, "valid_from", "gültiges Datum"),
        ({"language": "xx"}, "language", "gültige Auswahl"),
    ],
)
def test_bad_input_gets_a_german_error_at_the_field(
    client, caseworker, principal, agent, branch, extra, field, message
):
    client.force_login(caseworker)
    data = valid_data(agent, branch, exclusions="Bitte behalten", **extra)
    response = client.post(url("authorisation_create") + f"?client={principal.pk}", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Bitte behalten" in response.content.decode()  # the input is kept
    assert not Authorisation.objects.exists()


def test_objections_with_the_rdg_notice_acknowledged(client, caseworker, principal, agent, branch):
    client.force_login(caseworker)
    data = valid_data(agent, branch, scopes=["objection"], rdg_acknowledged="on")
    assert client.post(url("authorisation_create") + f"?client={principal.pk}", data).status_code == 302
    assert Authorisation.objects.get().rdg_acknowledged is True


def test_one_active_vollmacht_per_adult_and_agent(client, caseworker, principal, agent, branch):
    existing = make_authorisation(principal, agent, caseworker, branch, status="signed")
    client.force_login(caseworker)
    response = client.post(url("authorisation_create") + f"?client={principal.pk}", valid_data(agent, branch))
    assert response.status_code == 200
    assert f"Nr. {existing.pk}" in response.context["form"].errors["agent"][0]


def test_a_minor_needs_the_legal_guardian(client, caseworker, agent, branch):
    child = make_principal(caseworker, given_names="Amal", birth_year=TODAY.year - 8)
    client.force_login(caseworker)
    form_url = url("authorisation_create") + f"?client={child.pk}"
    response = client.post(form_url, valid_data(agent, branch))
    assert "guardian_name" in response.context["form"].errors
    assert client.post(form_url, valid_data(agent, branch, guardian_name="Mariam Al-Hassan")).status_code == 302
    assert Authorisation.objects.get().guardian_name == "Mariam Al-Hassan"


def test_an_adult_has_no_guardian_field(client, caseworker, principal, agent, branch):
    client.force_login(caseworker)
    response = client.post(
        url("authorisation_create") + f"?client={principal.pk}", valid_data(agent, branch, guardian_name="X")
    )
    assert response.status_code == 302
    assert Authorisation.objects.get().guardian_name == ""


# --- detail, edit, print ----------------------------------------------------------------------


def test_the_detail_page_works_and_is_logged(client, caseworker, draft):
    client.force_login(caseworker)
    response = client.get(url("authorisation_detail", draft.pk))
    assert response.status_code == 200
    assert draft.short_code in response.content.decode()
    log = AccessLog.objects.get()
    assert (log.user, log.client, log.action, log.target) == (
        caseworker,
        draft.principal,
        "view",
        f"authorisation:{draft.pk}",
    )


@pytest.mark.parametrize(
    "name", ["authorisation_detail", "authorisation_edit", "authorisation_pdf", "authorisation_revoke"]
)
def test_other_caseworkers_get_404(client, caseworker, colleagues_authorisation, name):
    client.force_login(caseworker)
    assert client.get(url(name, colleagues_authorisation.pk)).status_code == 404


@pytest.mark.parametrize("name", ["authorisation_print", "authorisation_sign", "authorisation_revocation_delivery"])
def test_post_only_views_reject_get(client, caseworker, draft, name):
    client.force_login(caseworker)
    assert client.get(url(name, draft.pk)).status_code == 405


@pytest.mark.parametrize("name", ["authorisation_detail", "authorisation_pdf", "authorisation_scan", "revocation_pdf"])
def test_get_only_views_reject_post(client, caseworker, draft, name):
    client.force_login(caseworker)
    assert client.post(url(name, draft.pk)).status_code == 405


def test_anonymous_users_go_to_the_login(client, draft):
    response = client.get(url("authorisation_detail", draft.pk))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_editing_a_draft(client, caseworker, draft, agent, branch):
    client.force_login(caseworker)
    response = client.post(
        url("authorisation_edit", draft.pk),
        valid_data(agent, branch, exclusions="Keine Umzüge", edit_version=draft.edit_version),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.exclusions, draft.version) == ("Keine Umzüge", 1)


def test_editing_a_printed_one_makes_a_new_version(client, caseworker, draft, agent, branch):
    printed(draft, caseworker)
    client.force_login(caseworker)
    response = client.post(
        url("authorisation_edit", draft.pk),
        valid_data(agent, branch, exclusions="Neu", edit_version=draft.edit_version),
        follow=True,
    )
    assert "neue Fassung" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.version, draft.status) == (2, "draft")


def test_editing_keeps_bad_input(client, caseworker, draft, agent, branch):
    client.force_login(caseworker)
    response = client.post(url("authorisation_edit", draft.pk), valid_data(agent, branch, scopes=[], exclusions="Rest"))
    assert response.status_code == 200
    assert "Rest" in response.content.decode()


def test_a_signed_one_cannot_be_edited(client, caseworker, principal, agent, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    client.force_login(caseworker)
    assert client.get(url("authorisation_edit", authorisation.pk)).status_code == 302
    response = client.post(url("authorisation_edit", authorisation.pk), valid_data(agent, branch, exclusions="x"))
    assert response.status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.exclusions == ""


# Printing and the draft preview run in the task worker: tests/authorisations/test_print_jobs.py


def test_an_old_version_stays_retrievable_exactly(client, caseworker, draft, agent, branch):
    printed(draft, caseworker)
    old = draft.current_pdf()
    client.force_login(caseworker)
    client.post(url("authorisation_edit", draft.pk), valid_data(agent, branch, exclusions="Neu"))
    response = client.get(url("authorisation_stored_pdf", draft.pk, old.pk))
    assert response.status_code == 200 and response.content == bytes(old.pdf)
    other = make_authorisation(make_principal(caseworker, family_name="Other"), agent, caseworker, branch)
    assert client.get(url("authorisation_stored_pdf", other.pk, old.pk)).status_code == 404


def test_the_kjc_and_other_volunteers_get_no_pdf(client, kjc, other_volunteer, draft, caseworker):
    printed(draft, caseworker)
    for user in (kjc, other_volunteer):
        client.force_login(user)
        assert client.get(url("authorisation_pdf", draft.pk)).status_code == 404


# --- sign ---------------------------------------------------------------------------------------


def test_marking_signed_with_the_original_at_hand(client, caseworker, draft):
    printed(draft, caseworker)
    client.force_login(caseworker)
    data = {"signed_on": TODAY.isoformat(), "holder": "office", "original_at_hand": "on"}
    assert client.post(url("authorisation_sign", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.original_holder) == ("signed", "office")


def test_marking_signed_with_a_scan(client, caseworker, draft):
    printed(draft, caseworker)
    client.force_login(caseworker)
    scan = SimpleUploadedFile("unterschrift.pdf", files.pdf(), content_type="application/pdf")
    data = {"signed_on": TODAY.isoformat(), "holder": "agent", "scan": scan}
    assert client.post(url("authorisation_sign", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.signed_scan.original_name == "unterschrift.pdf"
    response = client.get(url("authorisation_scan", draft.pk))
    assert b"".join(response.streaming_content) == files.pdf()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLog.objects.filter(action="document").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "original_at_hand", "Laden Sie den Scan hoch oder bestätigen Sie"),
        ({"scan": "exe"}, "scan", "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien."),
        ({"signed_on": "2099-01-01", "original_at_hand": "on"}, "signed_on", "in der Zukunft"),
        ({"signed_on": "2000-01-01", "original_at_hand": "on"}, "signed_on", "erst am"),
    ],
)
def test_bad_signing_input_gets_a_german_error(client, caseworker, draft, data, field, message):
    printed(draft, caseworker)
    client.force_login(caseworker)
    payload = {"signed_on": TODAY.isoformat(), "holder": "office", **data}
    if payload.get("scan") == "exe":
        payload["scan"] = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(url("authorisation_sign", draft.pk), payload)
    assert response.status_code == 400
    assert message in " ".join(response.context["sign_form"].errors[field])
    draft.refresh_from_db()
    assert draft.status == "printed"


def test_a_draft_cannot_be_marked_signed(client, caseworker, draft):
    client.force_login(caseworker)
    data = {"signed_on": TODAY.isoformat(), "holder": "office", "original_at_hand": "on"}
    assert client.post(url("authorisation_sign", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_there_is_no_scan_without_upload(client, caseworker, draft):
    client.force_login(caseworker)
    assert client.get(url("authorisation_scan", draft.pk)).status_code == 404


# --- revoke -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_revoking_produces_the_notice(client, caseworker, draft, run_jobs):
    signed(draft, caseworker)
    client.force_login(caseworker)
    assert client.get(url("authorisation_revoke", draft.pk)).status_code == 200
    assert client.get(url("revocation_pdf", draft.pk)).status_code == 404
    data = {"declared_by": "caseworker", "revoked_on": TODAY.isoformat(), "reason": "Begleitung endet"}
    response = client.post(url("authorisation_revoke", draft.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "revoked"
    page = client.get(response.url).content.decode()
    assert "Die Mitteilung an das KJC wird erstellt" in page and 'data-progress="revocation-notice"' in page
    assert client.get(url("revocation_pdf", draft.pk)).status_code == 404
    run_jobs()
    assert "wird erstellt" not in client.get(response.url).content.decode()
    notice = client.get(url("revocation_pdf", draft.pk))
    assert notice.status_code == 200 and notice.content.startswith(b"%PDF")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_renderer_never_undoes_the_revocation(
    client, caseworker, draft, volunteer, run_jobs, monkeypatch, expect_errors
):
    signed(draft, caseworker)

    def broken_renderer(authorisation):
        raise OSError("WeasyPrint: no space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(tasks, "render_revocation_notice", broken_renderer)
        client.force_login(caseworker)
        data = {"declared_by": "principal", "revoked_on": TODAY.isoformat(), "reason": "Widerruf"}
        response = client.post(url("authorisation_revoke", draft.pk), data)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == "revoked"  # recorded although the notice cannot be rendered
        assert not Authorisation.objects.effective_on().filter(pk=draft.pk).exists()  # the agent lost access
        run_jobs()
        job = jobs("write_revocation_notice").get()
        assert job.status == "todo" and job.attempts == 1  # retried later

        # The five retries come due and fail too.
        for _retry in range(5):
            with connection.cursor() as cursor:
                cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE id = %s", [job.id])
            run_jobs()
        assert jobs("write_revocation_notice").get().status == "failed"
        page = client.get(response.url).content.decode()
        assert "konnte nicht erstellt werden" in page and "wird erstellt" not in page
    assert client.post(url("authorisation_revocation_notice", draft.pk)).status_code == 302
    run_jobs()
    assert client.get(url("revocation_pdf", draft.pk)).content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"revoked_on": "2099-01-01"}, "revoked_on"),
        ({"sent_on": (TODAY - datetime.timedelta(3)).isoformat()}, "sent_on"),
        ({"declared_by": "someone"}, "declared_by"),
    ],
)
def test_bad_revocation_input_gets_a_german_error(client, caseworker, principal, agent, branch, data, field):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="signed")
    client.force_login(caseworker)
    payload = {"declared_by": "principal", "revoked_on": TODAY.isoformat(), "reason": "Grund", **data}
    response = client.post(url("authorisation_revoke", authorisation.pk), payload)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    authorisation.refresh_from_db()
    assert authorisation.status == "signed"


def test_recording_the_delivery_of_the_revocation(client, caseworker, principal, agent, branch):
    authorisation = make_authorisation(principal, agent, caseworker, branch, status="revoked")
    client.force_login(caseworker)
    data = {"sent_on": TODAY.isoformat(), "received_on": TODAY.isoformat()}
    assert client.post(url("authorisation_revocation_delivery", authorisation.pk), data).status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.revocation_received_on == TODAY
    bad = {"sent_on": TODAY.isoformat(), "received_on": (TODAY - datetime.timedelta(1)).isoformat()}
    response = client.post(url("authorisation_revocation_delivery", authorisation.pk), bad)
    assert response.status_code == 400
    assert "received_on" in response.context["delivery_form"].errors


def test_delivery_is_only_for_revoked_ones(client, caseworker, draft):
    client.force_login(caseworker)
    response = client.post(url("authorisation_revocation_delivery", draft.pk), {"sent_on": TODAY.isoformat()})
    assert response.status_code == 404
