import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case, Consent, DataCategory, Household, validate_bg_number
from tests.factories import make_client


@pytest.mark.parametrize("value", ["06431BG0012345", "06431 bg 0012345", " 06431bg0012345 "])
def test_bg_number_accepts_spaces_and_lower_case_and_stores_it_normalised(db, value):
    validate_bg_number(value)
    household = Household.objects.create(bg_number=value)
    household.refresh_from_db()
    assert household.bg_number == "06431BG0012345"


@pytest.mark.parametrize("value", ["", "0643BG0012345", "06431XX0012345", "06431BG001234", "06431BG00123456", "abc"])
def test_bg_number_rejects_wrong_formats(value):
    with pytest.raises(ValidationError):
        validate_bg_number(value)


def test_bg_number_is_unique_in_the_database(db):
    Household.objects.create(bg_number="06431BG0012345")
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(bg_number="06431 bg 0012345")


def test_bg_number_format_is_enforced_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.bulk_create([Household(bg_number="WRONG")])


def test_case_lifecycle_follows_the_allowed_transitions(caseworker):
    case = Case.objects.get(client=make_client(caseworker))
    assert case.status == Case.Status.INTAKE
    case.change_status(Case.Status.ACTIVE)
    case.change_status(Case.Status.DORMANT)
    case.change_status(Case.Status.ACTIVE)
    with pytest.raises(ValidationError):
        case.change_status(Case.Status.INTAKE)
    with pytest.raises(ValidationError):
        case.change_status(Case.Status.CLOSED)  # no reason
    case.change_status(Case.Status.CLOSED, reason=Case.ClosingReason.MOVED)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.closed_on == timezone.localdate()
    with pytest.raises(ValidationError):
        case.change_status(Case.Status.ACTIVE)


def test_only_one_open_case_per_client(caseworker, colleague):
    client = make_client(caseworker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(client=client, caseworker=colleague)


def test_a_closed_case_allows_a_new_one(caseworker):
    client = make_client(caseworker)
    client.cases.get().change_status(Case.Status.CLOSED, reason=Case.ClosingReason.OTHER)
    Case.objects.create(client=client, caseworker=caseworker)
    assert client.cases.open().count() == 1


def test_closing_without_reason_is_refused_by_the_database(caseworker):
    case = Case.objects.get(client=make_client(caseworker))
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="closed", closed_on=timezone.localdate())


def test_unknown_day_and_month_of_birth(caseworker):
    client = make_client(caseworker, birth_year=2000)
    assert client.date_of_birth_display == "??.??.2000"
    client.birth_month = 7
    assert client.date_of_birth_display == "??.07.2000"
    assert client.age_on(datetime.date(2018, 1, 1)) == 17


def test_impossible_birth_date_is_rejected(caseworker):
    client = make_client(caseworker)
    client.birth_day, client.birth_month, client.birth_year = 31, 2, 1990
    with pytest.raises(ValidationError) as info:
        client.full_clean()
    assert "birth_day" in info.value.message_dict


def test_consent_validity_over_time(caseworker):
    client = make_client(caseworker)
    today = timezone.localdate()
    consent = Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.KJC,
        data_categories=[DataCategory.IDENTITY],
        purpose="Test",
        given_on=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=10),
        created_by=caseworker,
    )
    assert consent.is_valid_on(today)
    assert not consent.is_valid_on(today + datetime.timedelta(days=11))
    assert not consent.is_valid_on(today - datetime.timedelta(days=11))
    consent.revoked_on = today
    consent.save()
    assert not consent.is_valid_on(today)
    assert list(Consent.objects.valid_on(today)) == []


def test_health_data_needs_a_written_consent_in_the_database(caseworker):
    client = make_client(caseworker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            client=client,
            recipient_kind=Consent.RecipientKind.KJC,
            data_categories=[DataCategory.HEALTH],
            purpose="x",
            form=Consent.Form.ORAL,
            created_by=caseworker,
        )


def test_a_consent_for_a_volunteer_must_name_the_volunteer(caseworker):
    client = make_client(caseworker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            client=client,
            recipient_kind=Consent.RecipientKind.VOLUNTEER,
            data_categories=[DataCategory.CONTACT],
            purpose="x",
            created_by=caseworker,
        )


def test_every_change_is_kept_in_history(caseworker):
    client = make_client(caseworker, family_name="Alt")
    client.family_name = "Neu"
    client.save()
    assert [h.family_name for h in client.history.order_by("history_date")] == ["Alt", "Neu"]
