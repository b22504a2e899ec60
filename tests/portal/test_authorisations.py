"""The volunteer's own Vollmachten: listed while the volunteer may see the client at all
(assignment and consent); the PDF only while the Vollmacht is valid."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from authorisations import services
from authorisations.models import Authorisation
from cases.models import AccessLog, Consent
from portal.panels import authorisation_panel
from tests.factories import grant_portal_access, make_agent, make_authorisation, make_principal, signed

TODAY = timezone.localdate()
PORTAL = reverse("portal:authorisation_list")


@pytest.fixture
def valid_one(principal, agent, caseworker, branch):
    grant_portal_access(principal, agent, caseworker)
    return signed(make_authorisation(principal, agent, caseworker, branch), caseworker)


def test_the_volunteer_sees_own_vollmachten_and_downloads_a_valid_one(client, volunteer, valid_one):
    client.force_login(volunteer)
    response = client.get(PORTAL)
    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [valid_one]
    assert "Vollmacht von Mariam Al-Hassan" in body and "unterschrieben" in body
    pdf_url = reverse("authorisations:authorisation_pdf", args=[valid_one.pk])
    assert pdf_url in body
    download = client.get(pdf_url)
    assert download.status_code == 200 and download.content == bytes(valid_one.current_pdf().pdf)
    log = AccessLog.objects.get(action="pdf")
    assert (log.user, log.client) == (volunteer, valid_one.principal)


def test_revocation_ends_the_download_at_once(client, volunteer, caseworker, valid_one):
    client.force_login(volunteer)
    pdf_url = reverse("authorisations:authorisation_pdf", args=[valid_one.pk])
    assert client.get(pdf_url).status_code == 200
    services.revoke_authorisation(
        authorisation=valid_one, user=caseworker, declared_by="principal", reason="Ende", revoked_on=TODAY
    )
    assert client.get(pdf_url).status_code == 404
    body = client.get(PORTAL).content.decode()
    assert "widerrufen" in body and pdf_url not in body


def test_no_download_before_it_is_signed_or_after_it_ended(client, volunteer, principal, agent, caseworker, branch):
    grant_portal_access(principal, agent, caseworker)
    printed_one = make_authorisation(principal, agent, caseworker, branch, status="printed")
    client.force_login(volunteer)
    assert client.get(reverse("authorisations:authorisation_pdf", args=[printed_one.pk])).status_code == 404
    ended = make_authorisation(
        make_principal(caseworker, family_name="Osman"),
        agent,
        caseworker,
        branch,
        status="signed",
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    assert client.get(reverse("authorisations:authorisation_pdf", args=[ended.pk])).status_code == 404


def test_without_a_valid_consent_the_client_is_not_shown(client, volunteer, valid_one):
    Consent.objects.filter(recipient_volunteer=valid_one.agent).update(revoked_on=TODAY)
    client.force_login(volunteer)
    assert list(client.get(PORTAL).context["page"].object_list) == []
    assert client.get(reverse("authorisations:authorisation_pdf", args=[valid_one.pk])).status_code == 404


def test_without_an_active_assignment_the_client_is_not_shown(client, volunteer, valid_one):
    valid_one.agent.assignments.update(end_on=TODAY - datetime.timedelta(days=1))
    client.force_login(volunteer)
    assert list(client.get(PORTAL).context["page"].object_list) == []


def test_other_volunteers_see_nothing(client, other_volunteer, valid_one):
    make_agent(other_volunteer, family_name="Other")
    client.force_login(other_volunteer)
    assert list(client.get(PORTAL).context["page"].object_list) == []
    assert client.get(reverse("authorisations:authorisation_pdf", args=[valid_one.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["caseworker", "kjc"], indirect=True)
def test_the_portal_list_is_404_for_other_roles(client, persona):
    client.force_login(persona)
    assert client.get(PORTAL).status_code == 404


def test_the_portal_list_rejects_post(client, volunteer):
    client.force_login(volunteer)
    assert client.post(PORTAL).status_code == 405


def test_the_portal_panel(volunteer, other_volunteer, valid_one):
    request = RequestFactory().get("/portal/")
    request.user = volunteer
    panel = authorisation_panel(request, valid_one.agent)
    assert panel.context["items"] == [valid_one]
    html = panel.render(request)
    assert "Meine Vollmachten" in html and "PDF herunterladen" in html
    request.user = other_volunteer
    assert authorisation_panel(request, valid_one.agent).context["items"] == []


@pytest.mark.parametrize("rows", [3, 30])
def test_the_portal_list_runs_a_constant_number_of_queries(
    client, volunteer, caseworker, agent, branch, rows, django_assert_max_num_queries
):
    for index in range(rows):
        person = make_principal(caseworker, family_name=f"P{index}", language=None)
        grant_portal_access(person, agent, caseworker)
        make_authorisation(person, agent, caseworker, branch, status="signed")
    client.force_login(volunteer)
    with django_assert_max_num_queries(8):
        response = client.get(PORTAL)
    assert len(response.context["page"].object_list) == min(rows, 25)
    assert Authorisation.objects.count() == rows
