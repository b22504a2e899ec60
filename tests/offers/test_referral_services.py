"""Capacity, waiting list, consent and target-group rules of referrals (offers/services.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from offers import services
from offers.models import Referral
from tests.factories import give_consent, make_client

S = Referral.Status


@pytest.fixture
def people(caseworker, offer):
    clients = [make_client(caseworker, given_names=name, family_name="Test") for name in ("Ana", "Bea", "Cem", "Dana")]
    for client in clients:
        give_consent(client, offer.provider, caseworker)
    return clients


def refer(offer, client, user, **kwargs):
    return services.create_referral(
        offer=offer, client=client, user=user, register=kwargs.pop("register", True), **kwargs
    )


def test_it_registers_while_places_are_free_and_waitlists_beyond_capacity(offer, people, caseworker):
    first, second, third, fourth = (refer(offer, c, caseworker) for c in people)
    assert [first.status, second.status] == [S.REGISTERED, S.REGISTERED]
    assert [third.status, fourth.status] == [S.WAITLIST, S.WAITLIST]
    assert first.registered_on == timezone.localdate()
    assert third.waitlisted_at < fourth.waitlisted_at


def test_the_first_on_the_waiting_list_moves_up_when_a_place_frees(offer, people, caseworker):
    first, _second, third, fourth = (refer(offer, c, caseworker) for c in people)
    _referral, promoted = services.change_referral_status(referral=first, status=S.CANCELLED, user=caseworker)
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == S.REGISTERED and third.moved_up_at is not None and third.moved_up_seen_at is None
    assert fourth.status == S.WAITLIST


def test_completing_frees_a_place_but_taking_part_does_not(offer, people, caseworker):
    first, _second, third, _fourth = (refer(offer, c, caseworker) for c in people)
    _referral, promoted = services.change_referral_status(referral=first, status=S.PARTICIPATING, user=caseworker)
    assert promoted == []
    _referral, promoted = services.change_referral_status(referral=first, status=S.COMPLETED, user=caseworker)
    assert [r.pk for r in promoted] == [third.pk]


def test_dropping_out_from_the_waiting_list_frees_nothing(offer, people, caseworker):
    *_registered, third, fourth = (refer(offer, c, caseworker) for c in people)
    _referral, promoted = services.change_referral_status(referral=third, status=S.CANCELLED, user=caseworker)
    assert promoted == []
    fourth.refresh_from_db()
    assert fourth.status == S.WAITLIST


def test_someone_without_a_valid_consent_is_passed_over_when_moving_up(offer, people, caseworker):
    first, _second, third, fourth = (refer(offer, c, caseworker) for c in people)
    third.client.consents.update(revoked_on=timezone.localdate())
    _referral, promoted = services.change_referral_status(referral=first, status=S.CANCELLED, user=caseworker)
    assert [r.pk for r in promoted] == [fourth.pk]
    third.refresh_from_db()
    assert third.status == S.WAITLIST


def test_more_places_let_the_waiting_list_move_up(offer, people, caseworker):
    *_registered, third, fourth = (refer(offer, c, caseworker) for c in people)
    offer.capacity = 3
    offer.save()
    assert [r.pk for r in services.refill_offer(offer=offer)] == [third.pk]
    offer.capacity = None
    offer.save()
    assert [r.pk for r in services.refill_offer(offer=offer)] == [fourth.pk]


def test_suggesting_takes_no_place_and_needs_no_consent(offer, caseworker):
    client = make_client(caseworker)
    referral = refer(offer, client, caseworker, register=False)
    assert referral.status == S.SUGGESTED
    assert services.occupied_places(offer) == 0


def test_registering_without_consent_explains_what_is_missing(offer, caseworker):
    client = make_client(caseworker, given_names="Nour", family_name="Ali")
    with pytest.raises(ValidationError) as error:
        refer(offer, client, caseworker)
    message = error.value.message_dict["register"][0]
    assert "Einwilligung" in message and "Nour Ali" in message and offer.provider.name in message
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "consent",
    [
        {"recipient": "other provider"},
        {"revoked_on": "today"},
        {"valid_until": "yesterday"},
        {"given_on": "tomorrow"},
    ],
)
def test_only_a_valid_consent_naming_the_provider_counts(offer, caseworker, consent):
    from offers.models import Provider

    client = make_client(caseworker)
    today = timezone.localdate()
    days = {
        "today": today,
        "yesterday": today - datetime.timedelta(days=1),
        "tomorrow": today + datetime.timedelta(days=1),
    }
    if "recipient" in consent:
        give_consent(client, Provider.objects.create(name="Anderer Verein"), caseworker)
    else:
        key, value = next(iter(consent.items()))
        fields = {key: days[value]}
        give_consent(client, offer.provider, caseworker, **fields)
    with pytest.raises(ValidationError):
        refer(offer, client, caseworker)


def test_a_suggestion_can_be_registered_later_once_there_is_consent(offer, caseworker):
    client = make_client(caseworker)
    referral = refer(offer, client, caseworker, register=False)
    with pytest.raises(ValidationError) as error:
        services.change_referral_status(referral=referral, status=S.REGISTERED, user=caseworker)
    assert "Einwilligung" in error.value.message_dict["status"][0]
    give_consent(client, offer.provider, caseworker)
    referral, _promoted = services.change_referral_status(referral=referral, status=S.REGISTERED, user=caseworker)
    assert referral.status == S.REGISTERED


def test_age_and_gender_restrictions_need_a_reason(girls_course, caseworker):
    boy = make_client(caseworker, given_names="Karim", family_name="Said", years=16, gender="male")
    give_consent(boy, girls_course.provider, caseworker)
    with pytest.raises(ValidationError) as error:
        refer(girls_course, boy, caseworker)
    messages = error.value.message_dict["override_reason"]
    assert any("6 bis 14 Jahre" in m and "16 Jahre alt" in m for m in messages)
    assert any("nur für Frauen und Mädchen" in m and "männlich" in m for m in messages)
    assert any("begründen" in m for m in messages)

    referral = refer(girls_course, boy, caseworker, override_reason="Absprache mit der Trainerin: Bruder begleitet")
    assert referral.restriction_override_reason == "Absprache mit der Trainerin: Bruder begleitet"


def test_a_fitting_client_needs_no_reason_and_none_is_stored(girls_course, caseworker):
    girl = make_client(caseworker, years=9, gender="female")
    give_consent(girl, girls_course.provider, caseworker)
    referral = refer(girls_course, girl, caseworker, override_reason="unnötig")
    assert referral.status == S.REGISTERED
    assert referral.restriction_override_reason == ""


def test_one_open_referral_per_client_and_offer(offer, people, caseworker):
    refer(offer, people[0], caseworker)
    with pytest.raises(ValidationError) as error:
        refer(offer, people[0], caseworker)
    assert "schon vorgemerkt" in error.value.message_dict["offer"][0]
    # the database holds the line too
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(offer=offer, client=people[0], created_by=caseworker)


def test_after_dropping_out_the_client_can_be_referred_again(offer, people, caseworker):
    referral = refer(offer, people[0], caseworker)
    services.change_referral_status(referral=referral, status=S.CANCELLED, user=caseworker)
    assert refer(offer, people[0], caseworker).status == S.REGISTERED


def test_an_offer_that_is_not_running_takes_no_referrals(offer, caseworker):
    offer.active_until = timezone.localdate() - datetime.timedelta(days=1)
    offer.save()
    with pytest.raises(ValidationError):
        refer(offer, make_client(caseworker), caseworker, register=False)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], S.PARTICIPATING),
        ([S.PARTICIPATING], S.REGISTERED),
        ([S.CANCELLED], S.REGISTERED),
        ([S.PARTICIPATING, S.COMPLETED], S.CANCELLED),
    ],
)
def test_it_refuses_transitions_outside_the_lifecycle(offer, people, caseworker, path, target):
    referral = refer(offer, people[0], caseworker, register=False)
    if path:
        referral, _p = services.change_referral_status(referral=referral, status=S.REGISTERED, user=caseworker)
    for status in path:
        referral, _p = services.change_referral_status(referral=referral, status=status, user=caseworker)
    with pytest.raises(ValidationError) as error:
        services.change_referral_status(referral=referral, status=target, user=caseworker)
    assert "kann nicht" in error.value.message_dict["status"][0]


def test_a_waitlisted_person_cannot_be_registered_by_hand_while_the_offer_is_full(offer, people, caseworker):
    *_registered, third, _fourth = (refer(offer, c, caseworker) for c in people)
    with pytest.raises(ValidationError) as error:
        services.change_referral_status(referral=third, status=S.REGISTERED, user=caseworker)
    assert "kein Platz frei" in error.value.message_dict["status"][0]


def test_status_changes_are_kept_in_the_history(offer, people, caseworker):
    referral = refer(offer, people[0], caseworker)
    services.change_referral_status(referral=referral, status=S.PARTICIPATING, user=caseworker, note="erster Termin")
    statuses = list(referral.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [S.REGISTERED, S.PARTICIPATING]
    referral.refresh_from_db()
    assert "erster Termin" in referral.note


def test_database_constraints_guard_the_lifecycle(offer, people, caseworker):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(offer=offer, client=people[0], created_by=caseworker, status=S.WAITLIST)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(offer=offer, client=people[1], created_by=caseworker, status=S.REGISTERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(offer=offer, client=people[2], created_by=caseworker, status=S.CANCELLED)
