"""Bildung und Teilhabe: the participation budget over an approval period and the BuT services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Client
from offers import but, services
from offers.models import ButApplication, ButCategory, ButRate, Referral
from tests.factories import give_consent, make_client

D = datetime.date
A = ButApplication.Status


def child_born(year, month, day):
    return Client(given_names="Kind", family_name="Test", birth_year=year, birth_month=month, birth_day=day)


def test_month_starts_cover_every_month_of_the_period():
    months = list(but.month_starts(D(2025, 11, 15), D(2026, 2, 1)))
    assert months == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]


def test_the_rates_are_master_data_from_the_migration(db):
    rates = but.participation_rates()
    assert but.rate_on(D(2019, 7, 1), rates) == Decimal("10.00")
    assert but.rate_on(D(2019, 8, 1), rates) == Decimal("15.00")
    assert but.rate_on(D(2010, 12, 1), rates) == Decimal("0.00")


def test_a_full_year_at_15_euros_is_180_euros(db):
    budget = but.participation_budget(
        child=child_born(2015, 3, 3),
        period_from=D(2025, 1, 1),
        period_until=D(2025, 12, 31),
        rates=but.participation_rates(),
        today=D(2025, 4, 10),
    )
    assert (budget.months, budget.total, budget.accrued) == (12, Decimal("180.00"), Decimal("60.00"))
    assert budget.left == Decimal("180.00")


def test_a_period_across_the_rise_in_august_2019_counts_each_month_at_its_rate(db):
    budget = but.participation_budget(
        child=child_born(2010, 1, 1),
        period_from=D(2019, 2, 1),
        period_until=D(2020, 1, 31),
        rates=but.participation_rates(),
        used=Decimal("40.00"),
    )
    assert budget.total == 6 * Decimal("10.00") + 6 * Decimal("15.00")
    assert budget.used == Decimal("40.00")
    assert budget.left == Decimal("110.00")


def test_the_budget_ends_with_the_18th_birthday(db):
    budget = but.participation_budget(
        child=child_born(2008, 6, 15),
        period_from=D(2026, 1, 1),
        period_until=D(2026, 12, 31),
        rates=but.participation_rates(),
    )
    # January to June count (still 17 on the first of June), July onwards not.
    assert (budget.months, budget.total) == (6, Decimal("90.00"))


def test_a_new_amount_in_the_master_data_changes_the_budget(db):
    ButRate.objects.create(
        category=ButCategory.PARTICIPATION, monthly_amount=Decimal("20.00"), valid_from=D(2027, 1, 1)
    )
    budget = but.participation_budget(
        child=child_born(2015, 1, 1),
        period_from=D(2026, 11, 1),
        period_until=D(2027, 2, 28),
        rates=but.participation_rates(),
    )
    assert budget.total == Decimal("15.00") * 2 + Decimal("20.00") * 2


@pytest.fixture
def approved(family, caseworker):
    _mother, girl, _boy = family
    today = timezone.localdate()
    return ButApplication.objects.create(
        child=girl,
        category=ButCategory.PARTICIPATION,
        status=A.APPROVED,
        period_from=today.replace(day=1) - datetime.timedelta(days=150),
        period_until=today + datetime.timedelta(days=150),
        created_by=caseworker,
    )


def test_expenses_are_paid_from_the_budget_until_it_is_used_up(approved, caseworker):
    budget = but.budget_for(approved, but.participation_rates())
    day = approved.period_from
    services.record_but_expense(
        application=approved, amount=budget.total - 5, spent_on=day, purpose="Verein", user=caseworker
    )
    with pytest.raises(ValidationError) as error:
        services.record_but_expense(
            application=approved, amount=Decimal("5.01"), spent_on=day, purpose="x", user=caseworker
        )
    assert "noch 5,00 € übrig" in error.value.message_dict["amount"][0]
    services.record_but_expense(
        application=approved, amount=Decimal("5.00"), spent_on=day, purpose="x", user=caseworker
    )
    approved = ButApplication.objects.prefetch_related("expenses").get(pk=approved.pk)
    assert but.budget_for(approved, but.participation_rates()).left == Decimal("0.00")


def test_an_expense_outside_the_approval_period_is_refused(approved, caseworker):
    with pytest.raises(ValidationError) as error:
        services.record_but_expense(
            application=approved,
            amount=Decimal("1"),
            spent_on=approved.period_until + datetime.timedelta(days=1),
            purpose="x",
            user=caseworker,
        )
    assert "außerhalb des Bewilligungszeitraums" in error.value.message_dict["spent_on"][0]


def test_only_an_approved_participation_benefit_has_a_budget(approved, caseworker):
    approved.category = ButCategory.TUTORING
    approved.save()
    assert but.budget_for(approved, but.participation_rates()) is None
    with pytest.raises(ValidationError):
        services.record_but_expense(
            application=approved, amount=Decimal("1"), spent_on=approved.period_from, purpose="x", user=caseworker
        )


def test_an_application_moves_from_advised_to_approved_with_a_period(family, caseworker):
    _mother, girl, _boy = family
    application = ButApplication.objects.create(child=girl, category=ButCategory.LUNCH, created_by=caseworker)
    with pytest.raises(ValidationError):
        services.change_but_status(application=application, status=A.APPROVED)
    application = services.change_but_status(application=application, status=A.APPLIED, on=D(2026, 3, 2))
    assert application.applied_on == D(2026, 3, 2)
    with pytest.raises(ValidationError) as error:
        services.change_but_status(application=application, status=A.APPROVED, period_from=D(2026, 4, 1))
    assert set(error.value.message_dict) == {"period_until"}
    application = services.change_but_status(
        application=application, status=A.APPROVED, period_from=D(2026, 4, 1), period_until=D(2027, 3, 31)
    )
    assert application.status == A.APPROVED and application.period_until == D(2027, 3, 31)
    assert list(application.history.order_by("history_date").values_list("status", flat=True)) == [
        A.ADVISED,
        A.APPLIED,
        A.APPROVED,
    ]


def test_a_referral_to_a_but_eligible_offer_starts_an_application(girls_course, caseworker):
    girl = make_client(caseworker, years=9, gender="female")
    give_consent(girl, girls_course.provider, caseworker)
    referral = services.create_referral(offer=girls_course, client=girl, user=caseworker, register=True)
    application = services.start_but_application(referral=referral, user=caseworker)
    assert (application.child, application.category, application.amount, application.status) == (
        girl,
        ButCategory.PARTICIPATION,
        Decimal("30.00"),
        A.ADVISED,
    )
    assert application.referral == referral
    with pytest.raises(ValidationError, match="schon einen BuT-Antrag"):
        services.start_but_application(referral=referral, user=caseworker)


def test_no_application_from_an_offer_that_is_not_but_eligible(offer, caseworker):
    client = make_client(caseworker, years=9, gender="female")
    referral = services.create_referral(offer=offer, client=client, user=caseworker, register=False)
    with pytest.raises(ValidationError, match="nicht BuT-fähig"):
        services.start_but_application(referral=referral, user=caseworker)


def test_no_participation_benefit_for_adults(girls_course, caseworker):
    woman = make_client(caseworker, years=19, gender="female")
    referral = services.create_referral(
        offer=girls_course, client=woman, user=caseworker, register=False, override_reason="Begleitperson"
    )
    with pytest.raises(ValidationError, match="18. Geburtstag"):
        services.start_but_application(referral=referral, user=caseworker)
    assert Referral.objects.count() == 1


def test_applications_are_visible_through_the_household(family, caseworker, colleague, teamlead):
    _mother, girl, _boy = family
    application = ButApplication.objects.create(child=girl, category=ButCategory.LUNCH, created_by=caseworker)
    assert list(ButApplication.objects.visible_to(caseworker)) == [application]
    assert list(ButApplication.objects.visible_to(colleague)) == []
    assert list(ButApplication.objects.visible_to(teamlead)) == [application]
