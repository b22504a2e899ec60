"""The one history component (wir_fallmanagement/history.py + templates/fragments/history.html)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Contact, FollowUp, Goal, Municipality
from offers.models import Category, Offer, Provider
from tests.factories import make_agent, make_authorisation, make_branch, make_client

HISTORY_TEMPLATE = "fragments/history.html"


def queries_for(http, url):
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_client_history_needs_the_same_queries_for_few_and_many_changes(client, caseworker):
    person = make_client(caseworker)
    client.force_login(caseworker)
    url = f"/clients/{person.pk}/history/"
    person.street = "Erste Straße 1"
    person.municipality = Municipality.objects.create(name="Erster Ort")
    person.save()
    Contact.objects.create(client=person, author=caseworker, note="Erste Notiz")
    queries_for(client, url)  # the session is written at most once a minute: not in what is compared
    few = queries_for(client, url)  # (one query for the tracked histories, one for referenced names)
    for i in range(15):
        person.street = f"Straße {i}"
        person.municipality = Municipality.objects.create(name=f"Ort {i}")
        person.save()
        Contact.objects.create(client=person, author=caseworker, note=f"Notiz {i}")
    assert queries_for(client, url) == few
    body = client.get(url).content.decode()
    assert "<del>Straße 13</del> → <ins>Straße 14</ins>" in body
    assert "<del>Ort 13</del> → <ins>Ort 14</ins>" in body  # referenced objects by name


def test_client_offer_and_vollmacht_pages_share_the_one_fragment(client, caseworker, volunteer):
    person = make_client(caseworker)
    offer = Offer.objects.create(
        title="Sprachcafé", provider=Provider.objects.create(name="Verein"), category=Category.objects.first()
    )
    authorisation = make_authorisation(person, make_agent(volunteer), caseworker, make_branch())
    client.force_login(caseworker)
    for url in [
        f"/clients/{person.pk}/",
        f"/clients/{person.pk}/history/",
        f"/offers/{offer.pk}/",
        f"/authorisations/{authorisation.pk}/",
    ]:
        response = client.get(url)
        assert HISTORY_TEMPLATE in [t.name for t in response.templates], url


@pytest.mark.parametrize("field", ["exclusions", "status"])
def test_a_vollmacht_shows_old_and_new_status_but_not_free_text(client, caseworker, volunteer, field):
    authorisation = make_authorisation(make_client(caseworker), make_agent(volunteer), caseworker, make_branch())
    authorisation.exclusions = "Geheime Ausnahme"
    authorisation.status = "printed"
    authorisation.save()
    client.force_login(caseworker)
    body = client.get(f"/authorisations/{authorisation.pk}/").content.decode()
    history = body.split('id="history-heading"')[1].split("</section>")[0]
    if field == "status":
        assert "<del>Entwurf</del> → <ins>gedruckt</ins>" in history
    else:
        assert "Geheime Ausnahme" not in history
        assert "<li>Ausnahmen</li>" in history  # only that it changed


def test_the_client_timeline_reads_every_history_table_in_one_query(caseworker, teamlead):
    """Client, case, contact, follow-up and goal histories: one query for all their rows (a UNION
    over the history tables) and one for every referenced name, however many tables have rows."""
    person = make_client(caseworker, nationalities=["SY"])
    person.municipality = Municipality.objects.create(name="Michelstadt")
    person.nationalities = ["SY", "AF"]
    person.save()
    Contact.objects.create(client=person, author=caseworker, note="Anruf")
    followup = FollowUp.objects.create(client=person, owner=caseworker, due_on=datetime.date(2026, 3, 2), text="Pass")
    followup.due_on = datetime.date(2026, 4, 1)
    followup.owner = teamlead
    followup.save()
    goal = Goal.objects.create(client=person, title="Deutschkurs B1", created_by=caseworker)
    goal.status = Goal.Status.ACHIEVED
    goal.save()
    with CaptureQueriesContext(connection) as ctx:
        entries = person.timeline(limit=20)
    assert len(ctx.captured_queries) == 2
    changes = {(c.label, c.old, c.new) for e in entries for c in e.changes}
    assert ("Kommune", "–", "Michelstadt") in changes
    assert ("Staatsangehörigkeiten", "Syrien", "Afghanistan, Syrien") in changes
    assert ("fällig am", "02.03.2026", "01.04.2026") in changes
    assert ("zuständig", str(caseworker), str(teamlead)) in changes  # a referenced user, by name
    assert ("Status", "offen", "erreicht") in changes
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
