"""Worklists with a one-click action: BuT candidates, unused budgets, approvals ending, and the
participants of measures with a fixed duration whose end is near (with the outcome counted)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.models import ButApplication, ButCategory, ButExpense, Category, Provider, Referral
from reports.statistics import Period, Scope, referral_tables
from tests.factories import born, days, give_consent, make_client, make_household, make_offer

TODAY = timezone.localdate


def worklist(client, kind):
    response = client.get(reverse("reports:worklist", kwargs={"kind": kind}))
    assert response.status_code == 200
    return response


def names(client, kind) -> set[str]:
    """The family names of the people in a worklist's rows."""
    rows = worklist(client, kind).context["page"].object_list
    people = [getattr(row, "client", None) or getattr(row, "child", None) or row for row in rows]
    return {person.family_name for person in people}


@pytest.fixture
def family(caseworker, colleague):
    """The caseworker's client M with a household: a school child S (9), a club child T (12) and
    a toddler; the colleague's client with a school child of their own in another household."""
    household = make_household()
    mother = make_client(caseworker, family_name="Mutter", household=household, years=35)
    school = make_client(family_name="Schulkind", household=household, **born(9))
    club = make_client(family_name="Vereinskind", household=household, **born(12))
    make_client(family_name="Kleinkind", household=household, **born(2))
    other_household = make_household()
    make_client(colleague, family_name="Fremdmutter", household=other_household, years=30)
    make_client(family_name="Fremdkind", household=other_household, **born(10))
    return {"mother": mother, "school": school, "club": club, "household": household}


def test_school_children_without_schulbedarf_are_listed_for_their_caseworker_only(
    client, family, caseworker, colleague
):
    client.force_login(caseworker)
    assert names(client, "school-supplies") == {"Schulkind", "Vereinskind"}
    client.force_login(colleague)
    assert names(client, "school-supplies") == {"Fremdkind"}


def test_one_click_starts_the_schulbedarf_application_and_the_child_leaves_the_list(client, family, caseworker):
    client.force_login(caseworker)
    url = reverse("reports:worklist_start_but", kwargs={"child_id": family["school"].pk, "category": "school_supplies"})
    response = client.post(url, {"worklist": "school-supplies"})
    application = ButApplication.objects.get(child=family["school"])
    assert response.url == reverse("offers:but_detail", kwargs={"pk": application.pk})
    assert (application.category, application.status, application.created_by) == (
        "school_supplies",
        "advised",
        caseworker,
    )
    assert "Schulkind" not in names(client, "school-supplies")
    # The same click again does not make a second application.
    response = client.post(url, {"worklist": "school-supplies"}, follow=True)
    assert "ist ein Antrag auf „Schulbedarf“ schon in Arbeit" in response.content.decode()
    assert ButApplication.objects.filter(child=family["school"]).count() == 1


def test_a_colleagues_child_cannot_be_given_an_application(client, family, colleague):
    client.force_login(colleague)
    url = reverse("reports:worklist_start_but", kwargs={"child_id": family["school"].pk, "category": "school_supplies"})
    assert client.post(url).status_code == 404
    assert not ButApplication.objects.exists()


def test_club_members_without_participation_are_listed_and_started_from_their_referral(client, family, caseworker):
    provider = Provider.objects.create(name="Turnverein", kind="club")
    sport = Category.objects.get_or_create(name="Sport")[0]
    gym = make_offer(provider, sport, title="Turnen", but_eligible=True, but_category=ButCategory.PARTICIPATION, fee=12)
    family["club"].cases.create(caseworker=caseworker)  # the referral belongs to a client with a case
    give_consent(family["club"], provider, caseworker)
    referral = services.create_referral(offer=gym, client=family["club"], user=caseworker, register=True)
    client.force_login(caseworker)
    assert names(client, "participation") == {"Vereinskind"}
    response = client.post(reverse("offers:referral_start_but", kwargs={"pk": referral.pk}))
    assert response.status_code == 302
    assert ButApplication.objects.get(referral=referral).category == ButCategory.PARTICIPATION
    assert "Vereinskind" not in names(client, "participation")


def test_unused_budgets_and_approvals_ending_are_listed_and_followed_up_in_one_click(client, family, caseworker):
    today = TODAY()
    unused = ButApplication.objects.create(
        child=family["club"],
        category="participation",
        status="approved",
        amount=Decimal("15"),
        period_from=today - days(90),
        period_until=today + days(20),
        created_by=caseworker,
    )
    used = ButApplication.objects.create(
        child=family["school"],
        category="participation",
        status="approved",
        amount=Decimal("15"),
        period_from=today - days(90),
        period_until=today + days(200),
        created_by=caseworker,
    )
    ButExpense.objects.create(
        application=used, spent_on=today - days(10), amount=Decimal("5"), purpose="Verein", created_by=caseworker
    )
    client.force_login(caseworker)
    assert names(client, "unused-budget") == {"Vereinskind"}
    assert reverse("offers:but_detail", kwargs={"pk": unused.pk}) in worklist(client, "unused-budget").content.decode()
    assert names(client, "approvals-ending") == {"Vereinskind"}  # the other one ends in 200 days
    response = client.post(
        reverse("reports:worklist_start_but", kwargs={"child_id": family["club"].pk, "category": "participation"}),
        {"worklist": "approvals-ending"},
    )
    assert response.status_code == 302
    assert ButApplication.objects.filter(child=family["club"], status="advised").count() == 1
    assert "Vereinskind" not in names(client, "approvals-ending")


def test_a_measure_with_a_fixed_duration_sets_the_planned_end_and_the_outcome_is_counted(client, caseworker, colleague):
    provider = Provider.objects.create(name="InA gGmbH", kind="job_centre")
    work = Category.objects.get_or_create(name="Arbeit")[0]
    mina = make_offer(provider, work, title="MInA", capacity=60, duration_months=12)
    person = make_client(caseworker, family_name="Teilnehmerin", years=30)
    give_consent(person, provider, caseworker)
    referral = services.create_referral(offer=mina, client=person, user=caseworker, register=True)
    start = TODAY() - days(350)
    referral, _ = services.change_referral_status(
        referral=referral, status="participating", user=caseworker, today=start
    )
    assert referral.planned_end_on == datetime.date(start.year + 1, start.month, start.day)
    client.force_login(colleague)
    assert "Teilnehmerin" not in names(client, "measures-ending")
    client.force_login(caseworker)
    assert "Teilnehmerin" in names(client, "measures-ending")
    url = reverse("reports:worklist_end_measure", kwargs={"pk": referral.pk})
    response = client.post(url, {"outcome": ""}, follow=True)
    assert "Bitte wählen Sie den Verbleib aus." in response.content.decode()
    client.post(url, {"outcome": "training"})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.ended_on) == ("completed", "training", TODAY())
    assert "Teilnehmerin" not in names(client, "measures-ending")
    year = Period(TODAY().replace(month=1, day=1), TODAY().replace(month=12, day=31), "")
    outcomes = referral_tables(Scope(user=caseworker, period=year))[2]
    assert outcomes.value("Ausbildung begonnen") == 1
    assert outcomes.value("Arbeit aufgenommen") == 0


def test_dropping_out_cancels_the_participation(caseworker):
    provider = Provider.objects.create(name="InA", kind="job_centre")
    mina = make_offer(provider, Category.objects.get_or_create(name="Arbeit")[0], title="MInA", duration_months=6)
    person = make_client(caseworker, years=30)
    give_consent(person, provider, caseworker)
    referral = services.create_referral(offer=mina, client=person, user=caseworker, register=True)
    referral, _ = services.change_referral_status(referral=referral, status="participating", user=caseworker)
    referral, _ = services.end_measure(referral=referral, outcome="dropped_out", user=caseworker)
    assert (referral.status, referral.outcome) == (Referral.Status.CANCELLED, "dropped_out")
    assert referral.history.count() >= 3


def test_the_offer_form_takes_a_duration_with_a_german_message_for_nonsense(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("offers:offer_create"), {"title": "MInA", "duration_months": "0"})
    assert response.status_code == 200
    assert "Dauer der Maßnahme (Monate)" in response.content.decode()
    assert "größer oder gleich 1" in " ".join(response.context["form"].errors["duration_months"])


def test_the_worklist_index_shows_every_list_with_its_count(client, family, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("reports:worklists"))
    assert response.status_code == 200
    assert {w.slug: n for w, n in response.context["lists"]}["school-supplies"] == 2
    assert client.get(reverse("reports:worklist", kwargs={"kind": "nonsense"})).status_code == 404
