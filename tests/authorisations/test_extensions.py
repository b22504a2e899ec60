import datetime
from io import StringIO

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.demo import seed as seed_accounts
from accounts.models import User
from authorisations import demo, export, panels, sections
from authorisations.models import Authorisation, AuthorisationPdf, Handover, KjcBranch
from cases.models import Consent
from tests.factories import make_agent, make_authorisation, make_principal, printed
from volunteers.models import Assignment

TODAY = timezone.localdate()


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_client_section_lists_the_vollmachten_and_offers_a_new_one(caseworker, draft, volunteer):
    [panel] = sections.authorisation_section(request_for(caseworker), draft.principal)
    html = panel.render(request_for(caseworker))
    assert f"Vollmacht Nr. {draft.pk}" in html
    assert f"/authorisations/new/?client={draft.principal.pk}" in html
    assert 'aria-labelledby="authorisations-heading"' in html and '<h2 id="authorisations-heading" class="h5' in html
    assert sections.authorisation_section(request_for(volunteer), draft.principal) == []


def test_the_client_section_runs_a_bounded_number_of_queries(
    caseworker, principal, branch, django_assert_max_num_queries
):
    for _ in range(15):
        make_authorisation(principal, make_agent(), caseworker, branch)
    with django_assert_max_num_queries(2):
        [panel] = sections.authorisation_section(request_for(caseworker), principal)
    assert len(panel.context["items"]) == 10 and panel.context["more"]


@pytest.fixture
def due(principal, agent, caseworker, branch):
    expiring = make_authorisation(
        principal, agent, caseworker, branch, status="signed", valid_until=TODAY + datetime.timedelta(days=20)
    )
    unsigned = make_authorisation(principal, make_agent(family_name="Weber"), caseworker, branch, status="printed")
    Authorisation.objects.filter(pk=unsigned.pk).update(printed_at=timezone.now() - datetime.timedelta(days=15))
    # not due: ends in 40 days; printed only 3 days ago
    make_authorisation(
        principal,
        make_agent(family_name="Lang"),
        caseworker,
        branch,
        status="signed",
        valid_until=TODAY + datetime.timedelta(days=40),
    )
    recent = make_authorisation(principal, make_agent(family_name="Kurz"), caseworker, branch, status="printed")
    Authorisation.objects.filter(pk=recent.pk).update(printed_at=timezone.now() - datetime.timedelta(days=3))
    return expiring, unsigned


def test_the_dashboard_shows_the_responsible_caseworker_what_is_due(caseworker, due, django_assert_max_num_queries):
    expiring, unsigned = due
    with django_assert_max_num_queries(2):
        [panel] = panels.dashboard_panels(request_for(caseworker))
    assert panel.context["expiring"] == [expiring]
    assert panel.context["unsigned"] == [unsigned]
    html = panel.render(request_for(caseworker))
    assert 'class="col-lg-6"' in html and "Laufen in den nächsten 30 Tagen ab" in html


def test_the_team_lead_sees_all_and_colleagues_nothing(teamlead, colleague, volunteer, due):
    [panel] = panels.dashboard_panels(request_for(teamlead))
    assert len(panel.context["expiring"]) == 1 and len(panel.context["unsigned"]) == 1
    assert panels.dashboard_panels(request_for(colleague)) == []
    assert panels.dashboard_panels(request_for(volunteer)) == []


def test_a_closed_case_has_no_responsible_caseworker(caseworker, due):
    case = due[0].principal.cases.get()
    case.change_status("closed", reason="moved")
    assert panels.dashboard_panels(request_for(caseworker)) == []


def test_the_export_names_everything_stored(caseworker, draft):
    printed(draft, caseworker)
    [row] = export.client_export(draft.principal)["Vollmachten"]
    assert row["Nr."] == draft.pk and row["Status"] == "gedruckt"
    assert row["Bevollmächtigte:r"] == "Erika Schneider"
    assert row["Umfang"] == [
        "Auskünfte erteilen und einholen",
        "Anträge stellen",
        "Unterlagen einreichen und entgegennehmen",
    ]
    assert row["Dokumente"][0]["SHA-256"] == draft.current_pdf().sha256
    import json

    json.dumps(export.client_export(draft.principal))  # serialisable


def test_the_demo_seed_without_clients_creates_only_branches(db):
    out = StringIO()
    demo.seed(out)
    assert KjcBranch.objects.count() == 2
    assert not Authorisation.objects.exists()


def test_the_demo_seed_covers_every_status_including_the_demo_volunteer(db, settings):
    users = seed_accounts()
    fm1 = users["fm1@demo.invalid"]
    demo_volunteer = make_agent(users["ehrenamt1@demo.invalid"], family_name="Ehrenamt", given_names="Erika")
    others = [
        make_agent(users["ehrenamt2@demo.invalid"], family_name="Ehrenamt", given_names="Emil"),
        make_agent(family_name="Weber"),
    ]
    clients = [make_principal(fm1, family_name=f"Demo{i}", language="ar" if i % 2 else "ti") for i in range(10)]
    for person in clients[:3]:
        Assignment.objects.create(volunteer=demo_volunteer, client=person, start_on=TODAY, created_by=fm1)
        Consent.objects.create(
            client=person,
            recipient_kind="volunteer",
            recipient_volunteer=demo_volunteer,
            data_categories=["identity"],
            purpose="Begleitung",
            created_by=fm1,
        )
    Consent.objects.create(
        client=clients[1], recipient_kind="kjc", data_categories=["identity"], purpose="KJC", created_by=fm1
    )
    out = StringIO()
    demo.seed(out)
    statuses = set(Authorisation.objects.values_list("status", flat=True))
    assert statuses == {"draft", "printed", "signed", "handed_over", "revoked", "expired"}
    mine = Authorisation.objects.filter(agent=demo_volunteer)
    assert mine.effective_on().exists()
    assert Authorisation.objects.for_portal(User.objects.get(email="ehrenamt1@demo.invalid")).effective_on().exists()
    assert Handover.objects.count() == 1 and Handover.objects.get().consents.count() == 1
    assert AuthorisationPdf.objects.filter(kind="revocation").count() == 1
    # printed and not signed for three weeks, and one ending within 30 days: the dashboard has something
    [panel] = panels.dashboard_panels(request_for(fm1))
    assert panel.context["expiring"] and panel.context["unsigned"]
    # idempotent
    demo.seed(out)
    assert Authorisation.objects.count() == len(statuses) + 3 and KjcBranch.objects.count() == 2
    assert others
