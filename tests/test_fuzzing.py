"""Hostile and random input to the forms of every app (found by reading the pages): never a 500,
and what comes back is escaped."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Consent, FollowUp, Goal
from tests.factories import make_client, make_household
from tests.fuzzing import fill, forms_on

FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def world(caseworker, teamlead, volunteer):
    from authorisations.models import KjcBranch
    from offers.models import ButApplication, ButCategory, Category, Offer, Provider
    from tests.factories import make_authorisation
    from volunteers.models import Assignment, Volunteer

    household = make_household()
    client = make_client(caseworker, household=household)
    FollowUp.objects.create(client=client, owner=caseworker, due_on="2026-01-01", text="x")
    Goal.objects.create(client=client, title="Ziel", created_by=caseworker)
    consent = Consent.objects.create(
        client=client, recipient_kind="kjc", data_categories=["identity"], purpose="x", created_by=caseworker
    )
    provider = Provider.objects.create(name="Fuzz-Verein")
    offer = Offer.objects.create(
        title="Fuzz-Kurs", provider=provider, category=Category.objects.get_or_create(name="Sport")[0]
    )
    application = ButApplication.objects.create(child=client, category=ButCategory.LUNCH, created_by=caseworker)
    record = Volunteer.objects.create(user=volunteer, family_name="Fuzz", given_names="V", status="active")
    Assignment.objects.create(volunteer=record, client=client, start_on="2026-01-01", created_by=caseworker)
    Consent.objects.create(
        client=client,
        recipient_kind="volunteer",
        recipient_volunteer=record,
        data_categories=["identity", "contact"],
        purpose="Begleitung",
        created_by=caseworker,
    )
    branch = KjcBranch.objects.create(
        name="KJC Erbach", street="Michelstädter Straße 12", postcode="64711", town="Erbach"
    )
    signed = make_authorisation(client, record, caseworker, branch, status="signed")
    return {
        "client": client,
        "household": household,
        "consent": consent,
        "offer": offer,
        "provider": provider,
        "application": application,
        "record": record,
        "authorisation": signed,
    }


def pages(world):
    c = world["client"].pk
    return [
        ("caseworker", "/clients/new/"),
        ("caseworker", f"/clients/{c}/"),
        ("caseworker", f"/clients/{c}/edit/"),
        ("caseworker", f"/clients/{c}/consents/new/"),
        ("caseworker", f"/consents/{world['consent'].pk}/revoke/"),
        ("caseworker", f"/clients/{c}/documents/new/"),
        ("caseworker", f"/households/{world['household'].pk}/"),
        ("caseworker", "/followups/"),
        ("caseworker", "/accounts/password_change/"),
        ("teamlead", "/clients/new/"),
        ("teamlead", "/cases/reassign/?from=1"),
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/accounts/password_reset/"),
        ("caseworker", "/offers/new/"),
        ("caseworker", f"/offers/{world['offer'].pk}/edit/"),
        ("caseworker", f"/offers/{world['offer'].pk}/refer/"),
        ("caseworker", "/offers/providers/new/"),
        ("caseworker", f"/clients/{c}/referrals/new/"),
        ("caseworker", f"/clients/{c}/but/new/"),
        ("caseworker", f"/but/{world['application'].pk}/"),
        ("caseworker", "/volunteers/new/"),
        ("caseworker", f"/volunteers/{world['record'].pk}/"),
        ("caseworker", f"/volunteers/assignments/new/{c}/"),
        ("caseworker", f"/authorisations/new/?client={c}"),
        ("caseworker", f"/authorisations/{world['authorisation'].pk}/revoke/"),
        ("caseworker", "/handovers/new/"),
        ("volunteer", f"/portal/clients/{c}/contact/"),
        ("volunteer", "/portal/profile/"),
        ("kjc", "/kjc/"),
        ("anonymous", "/directory/"),
    ]


def check_response(response, data):
    assert response.status_code < 500, response.status_code
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = response.content.decode()
        for value in data.values():
            for item in value if isinstance(value, list) else [value]:
                if "<script>alert(1)</script>" in str(item) or "onerror=alert(1)" in str(item):
                    assert "<script>alert(1)</script>" not in body
                    assert "<img src=x onerror" not in body


@pytest.mark.parametrize("index", range(30))
def test_no_form_answers_500_to_hostile_input(client, world, request, index):
    role, url = pages(world)[index]
    if role != "anonymous":
        user = request.getfixturevalue(role)
        client.force_login(user)
        if "reassign" in url:
            url = f"/cases/reassign/?from={world['client'].cases.get().caseworker_id}"
    page = client.get(url)
    assert page.status_code == 200, url
    forms = forms_on(page.content.decode(), url.split("?")[0])
    assert forms, f"no form found on {url}"

    @FUZZ
    @given(st.data())
    def fuzz(data):
        for form in forms:
            values = fill(form, data.draw)
            send = client.get if form.method == "get" else client.post
            check_response(send(form.action, values), values)
            if role != "anonymous":
                client.force_login(request.getfixturevalue(role))  # a password change logs out others

    fuzz()
