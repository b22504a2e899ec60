"""Two people create the same thing at the same moment. Both pass the form's checks; the
database constraint refuses the second row, and the second person gets the constraint's message
at the form, never a server error."""

import contextlib
import threading

import pytest
from django.db import connections
from django.test import Client as HttpClient

from authorisations.models import Authorisation, KjcBranch
from cases.models import Case
from tests.factories import make_agent as make_volunteer
from tests.factories import make_client, make_principal
from tests.volunteers.test_staff_views import volunteer_data
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def together(monkeypatch, target, name):
    """Hold both requests at `target.name` until both have passed every check before it."""
    original = getattr(target, name)
    barrier = threading.Barrier(2, timeout=5)

    def wait_then_call(*args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, wait_then_call)


def post_at_once(user, url, data, tokens=(None, None)) -> list:
    """Two requests at once; `tokens`: each request's one-time form token (accounts.once), if any."""
    responses = []

    def post(token):
        try:
            browser = HttpClient(raise_request_exception=False)
            browser.force_login(user)
            response = browser.post(url, {**data, "form_token": token} if token else data)
            response.browser = browser
            responses.append(response)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return responses


def test_two_vollmachten_for_the_same_pair_at_once_give_a_form_error(caseworker, monkeypatch):
    branch = KjcBranch.objects.create(name="KJC Erbach", street="Weg 1", postcode="64711", town="Erbach")
    principal, agent = make_principal(caseworker), make_volunteer()
    together(monkeypatch, Authorisation, "full_clean")
    data = {
        "agent": agent.pk,
        "kjc_branch": branch.pk,
        "scopes": ["information", "applications"],
        "valid_from": "2026-01-01",
        "language": "",
    }
    responses = post_at_once(caseworker, f"/authorisations/new/?client={principal.pk}", data)

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "Für diese Person und diese:n Bevollmächtigte:n gibt es bereits eine Vollmacht." in refused.content.decode()
    assert refused.context["form"]["agent"].value() == str(agent.pk)  # the input is kept
    assert Authorisation.objects.filter(principal=principal, agent=agent).count() == 1


def test_two_new_cases_for_one_client_at_once_give_a_message(caseworker, monkeypatch):
    client = make_client(caseworker)
    Case.objects.filter(client=client).update(status="closed", closing_reason="moved", closed_on="2026-01-01")
    together(monkeypatch, Case.objects, "create")
    responses = post_at_once(caseworker, f"/clients/{client.pk}/cases/new/", {"caseworker": caseworker.pk})

    assert [r.status_code for r in responses] == [302, 302]
    shown = [r.browser.get(r.url).content.decode() for r in responses]
    assert sum("Für diese Person ist bereits ein Fall offen." in page for page in shown) == 1
    assert Case.objects.filter(client=client).exclude(status="closed").count() == 1


def test_two_volunteers_with_one_email_address_at_once_give_a_form_error(caseworker, monkeypatch):
    together(monkeypatch, Volunteer, "save")
    responses = post_at_once(caseworker, "/volunteers/new/", volunteer_data(email="doppelt@example.org"))

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "Diese E-Mail-Adresse ist schon bei einer anderen ehrenamtlichen Person eingetragen." in (
        refused.content.decode()
    )
    assert Volunteer.objects.filter(email="doppelt@example.org").count() == 1


def test_two_first_yearly_narratives_of_one_year_at_once_give_a_form_error(teamlead, monkeypatch):
    from reports.models import YearlyNarrative

    together(monkeypatch, YearlyNarrative, "full_clean")
    data = {"year": "2025", "text": "Was im Jahr geschah"}
    # with the form tokens of two browsers: the refused insert runs inside the token's transaction
    responses = post_at_once(teamlead, "/reports/yearly/", data, tokens=("tok-a", "tok-b"))
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    page = refused.content.decode()
    # shown like a stale save: the other's text beside the kept input, and saving again applies it
    assert "Ihre Eingaben wurden NICHT gespeichert" in page and "Aktuell gespeicherte Werte" in page
    assert "Was im Jahr geschah</textarea>" in page  # the text kept
    assert YearlyNarrative.objects.count() == 1
    browser = HttpClient()
    browser.force_login(teamlead)
    again = {
        **data,
        "text": "Was im Jahr geschah, ergänzt",
        "edit_version": refused.context["narrative_form"]["edit_version"].value(),
    }
    assert browser.post("/reports/yearly/", again).status_code == 302  # one refusal, not two
    assert YearlyNarrative.objects.get().text == "Was im Jahr geschah, ergänzt"


def test_two_new_municipalities_of_one_name_at_once_give_a_form_error(administrator, monkeypatch):
    from cases.models import Municipality

    together(monkeypatch, Municipality, "save")  # both passed the form's uniqueness check
    data = {"name": "Neu-Erbach", "postcodes": "64711"}
    responses = post_at_once(administrator, "/setup/municipalities/new/", data, tokens=("tok-a", "tok-b"))
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert "existiert bereits" in refused and 'value="Neu-Erbach"' in refused
    assert Municipality.objects.filter(name="Neu-Erbach").count() == 1
