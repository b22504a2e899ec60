"""Erasure (Art. 17) and restriction (Art. 18) of one person; the data protection officer's pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import AccessLog, Case, Client, FollowUp
from privacy import services
from privacy.models import ErasureRequest, LegalHold, RetentionRun
from tests import factories
from tests.factories import make_client, make_user

URL = "privacy:client_privacy"


def closed(client):
    client.cases.get().change_status(Case.Status.CLOSED, reason="declined")
    return client


def post(http, client, **data):
    return http.post(reverse(URL, args=[client.pk]), data, follow=True)


# ------------------------------------------------------------------------------------ erasure


def test_an_erasure_request_is_recorded_checked_and_carried_out(client, administrator, caseworker):
    person = make_client(caseworker, family_name="Yousef")
    client.force_login(administrator)
    post(client, person, action="record_erasure")
    erasure = ErasureRequest.objects.get(client=person)
    response = post(client, person, action="carry_out", erasure=erasure.pk)
    erasure.refresh_from_db()
    assert erasure.status == "blocked" and "offen" in erasure.outcome  # the case is still open
    assert "offen" in response.content.decode()

    closed(person)
    post(client, person, action="carry_out", erasure=erasure.pk)
    erasure.refresh_from_db()
    assert erasure.status == "done" and erasure.run.trigger == RetentionRun.Trigger.ERASURE
    person.refresh_from_db()
    assert person.anonymised_at and person.family_name == "Anonymisiert"


def test_a_legal_hold_blocks_an_erasure(client, administrator, caseworker):
    person = closed(make_client(caseworker, family_name="Yousef"))
    LegalHold.objects.create(case=person.cases.get(), reason="Klage anhängig", created_by=administrator)
    client.force_login(administrator)
    post(client, person, action="record_erasure")
    erasure = ErasureRequest.objects.get()
    post(client, person, action="carry_out", erasure=erasure.pk)
    erasure.refresh_from_db()
    assert erasure.status == "blocked" and "Löschsperre" in erasure.outcome
    assert Client.objects.get(pk=person.pk).family_name == "Yousef"


@pytest.mark.parametrize("persona", ["caseworker", "teamlead", "data_protection_officer"], indirect=True)
def test_only_administrators_erase_or_restrict(client, persona, caseworker):
    person = make_client(caseworker)
    client.force_login(persona)
    assert client.post(reverse(URL, args=[person.pk]), {"action": "restrict"}).status_code == 404
    assert Client.objects.get(pk=person.pk).restricted_at is None


# -------------------------------------------------------------------------------- restriction


@pytest.fixture
def restricted(client, administrator, caseworker, volunteer):
    person = make_client(caseworker, family_name="Zqxrestricted")
    FollowUp.objects.create(client=person, owner=caseworker, due_on=timezone.localdate(), text="Anruf")
    record = factories.make_volunteer(volunteer, inspected_by=caseworker)
    factories.grant_portal_access(person, record, caseworker)
    client.force_login(volunteer)
    assert b"Zqxrestricted" in client.get("/portal/").content  # before: the volunteer sees the person
    client.force_login(administrator)
    post(client, person, action="restrict")
    person.refresh_from_db()
    assert person.restricted_at is not None
    return person


@pytest.mark.parametrize("persona", ["caseworker", "teamlead"], indirect=True)
def test_a_restricted_person_is_hidden_from_staff_everywhere(client, restricted, persona):
    client.force_login(persona)
    for url in ["/clients/", "/clients/?q=zqxrestricted", "/followups/?owner=all", "/"]:
        response = client.get(url, follow=True)
        assert b"Zqxrestricted" not in response.content, url
    assert client.get(reverse("cases:client_detail", args=[restricted.pk])).status_code == 404
    assert client.get(reverse("cases:client_export", args=[restricted.pk])).status_code == 404
    assert not Client.objects.visible_to(persona).filter(pk=restricted.pk).exists()
    assert not Case.objects.visible_to(persona).filter(client=restricted).exists()


def test_a_restricted_person_is_hidden_from_the_portal(client, restricted, volunteer):
    client.force_login(volunteer)
    assert b"Zqxrestricted" not in client.get("/portal/").content
    assert client.get(reverse("portal:client_detail", args=[restricted.pk])).status_code == 404


def test_administrators_still_see_a_restricted_person_and_can_lift_it(client, restricted, administrator, caseworker):
    client.force_login(administrator)
    assert b"Zqxrestricted" in client.get("/clients/?q=zqxrestricted").content
    post(client, restricted, action="lift")
    client.force_login(caseworker)
    assert client.get(reverse("cases:client_detail", args=[restricted.pk])).status_code == 200


# ------------------------------------------------------------------------ the officer's pages


def test_the_officer_starts_on_the_privacy_page_and_sees_the_preview(client, data_protection_officer, caseworker):
    person = closed(make_client(caseworker, family_name="Zqxpreview"))
    Case.objects.filter(client=person).update(
        closed_on=timezone.localdate().replace(year=timezone.localdate().year - 3)
    )
    client.force_login(data_protection_officer)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("privacy:overview")
    page = response.content.decode()
    assert "Klient:innen, die anonymisiert werden" in page and "Zqxpreview" not in page
    rows = response.context["rows"]
    assert {str(label): count for label, count in rows}["Klient:innen, die anonymisiert werden"] == 1


def test_the_officer_reads_the_access_log_and_the_runs_without_names(client, data_protection_officer, caseworker):
    person = make_client(caseworker, family_name="Zqxlogged")
    AccessLog.objects.create(user=caseworker, client=person, action="view", target=f"client:{person.pk}")
    RetentionRun.objects.create(today=timezone.localdate(), counts={"clients": 2}, finished_at=timezone.now())
    client.force_login(data_protection_officer)
    log = client.get(reverse("privacy:access_log"), {"action": "view"}).content.decode()
    assert caseworker.email in log and str(person.pk) in log and "Zqxlogged" not in log
    runs = client.get(reverse("privacy:run_list")).content.decode()
    assert "clients: 2" in runs


def test_bad_filter_input_is_no_error(client, data_protection_officer):
    client.force_login(data_protection_officer)
    response = client.get(reverse("privacy:access_log"), {"at_after": "gestern", "client": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["caseworker", "teamlead", "volunteer", "kjc"], indirect=True)
def test_other_roles_do_not_reach_the_privacy_pages(client, persona):
    client.force_login(persona)
    for name in ("privacy:overview", "privacy:run_list", "privacy:access_log"):
        assert client.get(reverse(name)).status_code == 404


def test_the_officer_sees_no_case_data(client, data_protection_officer, caseworker):
    person = make_client(caseworker)
    client.force_login(data_protection_officer)
    for url in ["/clients/", reverse("cases:client_detail", args=[person.pk]), "/volunteers/", "/admin/"]:
        assert client.get(url).status_code == 404, url
    assert make_user("x@example.org", Role.DPO).has_perm("privacy.view_retentionrun")


def test_a_restricted_person_is_left_out_of_handover_pages(client, caseworker, teamlead, administrator):
    person = factories.make_principal(caseworker, family_name="Zqxhanded")
    authorisation = factories.make_authorisation(
        person, factories.make_agent(), caseworker, factories.make_branch(), status="handed_over"
    )
    url = reverse("authorisations:handover_detail", args=[authorisation.handover_id])
    client.force_login(teamlead)
    assert b"Zqxhanded" in client.get(url).content
    services.set_restriction(client=person, user=administrator, restricted=True)
    assert b"Zqxhanded" not in client.get(url).content
    client.force_login(administrator)
    assert b"Zqxhanded" in client.get(url).content
