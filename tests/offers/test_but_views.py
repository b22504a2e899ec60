"""BuT pages: create an application for a child of the household, change its status, pay from the budget."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from offers.models import ButApplication, ButCategory

A = ButApplication.Status


@pytest.fixture
def application(family, caseworker):
    _mother, girl, _boy = family
    return ButApplication.objects.create(child=girl, category=ButCategory.PARTICIPATION, created_by=caseworker)


def test_an_application_is_created_for_a_child_of_the_household(client, caseworker, family):
    mother, girl, _boy = family
    client.force_login(caseworker)
    response = client.get(f"/clients/{mother.pk}/but/new/")
    assert set(response.context["form"].fields["child"].queryset) == set(family[1:])
    response = client.post(
        f"/clients/{mother.pk}/but/new/",
        {"child": girl.pk, "category": "tutoring", "amount": "120", "advised_on": "2026-02-03"},
    )
    application = ButApplication.objects.get()
    assert response.status_code == 302 and response.url == f"/but/{application.pk}/"
    assert (application.child, application.category, application.created_by) == (girl, "tutoring", caseworker)


def test_only_children_of_the_household_can_be_chosen(client, caseworker, family):
    mother, _girl, _boy = family
    client.force_login(caseworker)
    response = client.post(f"/clients/{mother.pk}/but/new/", {"child": mother.pk, "category": "lunch"})
    assert response.status_code == 200
    assert response.context["form"].errors["child"]
    assert not ButApplication.objects.exists()


def test_the_but_pages_are_404_for_other_caseworkers(client, colleague, family, application):
    client.force_login(colleague)
    assert client.get(f"/clients/{family[0].pk}/but/new/").status_code == 404
    assert client.get(f"/but/{application.pk}/").status_code == 404
    assert client.post(f"/but/{application.pk}/status/", {"status": A.APPLIED}).status_code == 404
    assert client.post(f"/but/{application.pk}/expenses/", {}).status_code == 404


def test_anonymous_is_sent_to_login(client, application):
    assert client.get(f"/but/{application.pk}/").url.startswith("/accounts/login/")


def test_the_post_only_pages_reject_get(client, caseworker, application):
    client.force_login(caseworker)
    assert client.get(f"/but/{application.pk}/status/").status_code == 405
    assert client.get(f"/but/{application.pk}/expenses/").status_code == 405


def test_approving_needs_a_period_and_the_error_is_shown_at_the_field(client, caseworker, application):
    client.force_login(caseworker)
    client.post(f"/but/{application.pk}/status/", {"status": A.APPLIED})
    response = client.post(f"/but/{application.pk}/status/", {"status": A.APPROVED, "period_from": "2026-01-01"})
    assert response.status_code == 200
    assert "Ende des Bewilligungszeitraums" in response.context["status_form"].errors["period_until"][0]
    assert 'value="2026-01-01"' in response.content.decode()
    response = client.post(
        f"/but/{application.pk}/status/",
        {"status": A.APPROVED, "period_from": "2026-01-01", "period_until": "2026-12-31"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == A.APPROVED


def test_the_budget_page_shows_used_and_left_and_refuses_overspending(client, caseworker, application):
    today = timezone.localdate()
    application.status = A.APPROVED
    application.period_from = today.replace(day=1)
    application.period_until = (today.replace(day=1) + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(
        days=1
    )  # three whole months: 45 €
    application.save()
    client.force_login(caseworker)
    response = client.post(
        f"/but/{application.pk}/expenses/",
        {"spent_on": today.isoformat(), "amount": "30", "purpose": "Vereinsbeitrag"},
    )
    assert response.status_code == 302
    response = client.get(f"/but/{application.pk}/")
    budget = response.context["budget"]
    assert (budget.total, budget.used, budget.left) == (Decimal("45.00"), Decimal("30.00"), Decimal("15.00"))
    response = client.post(
        f"/but/{application.pk}/expenses/", {"spent_on": today.isoformat(), "amount": "20", "purpose": "Kurs"}
    )
    assert response.status_code == 200
    assert "noch 15,00 € übrig" in response.context["expense_form"].errors["amount"][0]
    assert application.expenses.count() == 1


@pytest.mark.parametrize("amount", ["", "-5", "abc"])
def test_bad_expense_input_gives_a_field_error(client, caseworker, application, amount):
    client.force_login(caseworker)
    response = client.post(
        f"/but/{application.pk}/expenses/", {"spent_on": "2026-01-01", "amount": amount, "purpose": "x"}
    )
    assert response.status_code == 200
    assert response.context["expense_form"].errors["amount"]


def test_rejecting_asks_first(client, caseworker, application):
    client.force_login(caseworker)
    client.post(f"/but/{application.pk}/status/", {"status": A.APPLIED})
    asked = client.post(f"/but/{application.pk}/status/", {"status": A.REJECTED})
    assert asked.status_code == 200 and "wirklich als abgelehnt eintragen?" in asked.content.decode()
    application.refresh_from_db()
    assert application.status == A.APPLIED  # only asked
    assert client.post(f"/but/{application.pk}/status/", {"status": A.REJECTED, "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == A.REJECTED
