"""The portal access rule (portal/access.py), with real Consent and Authorisation rows."""

import pytest
from django.utils import timezone

from authorisations.models import Authorisation
from portal.access import Level, level_of, portal_clients
from tests.factories import days, make_client
from volunteers.models import Volunteer


def visible(record):
    return list(portal_clients(record))


def test_assignment_and_consent_give_the_basic_level(portal_setup):
    record, client = portal_setup
    assert visible(record) == [client]
    assert level_of(visible(record)[0]) == Level.BASIC


def test_an_effective_vollmacht_gives_the_full_level(portal_setup, authorise):
    record, client = portal_setup
    authorise(client, record)
    assert level_of(visible(record)[0]) == Level.FULL


def test_a_handed_over_vollmacht_counts_too(portal_setup, authorise):
    record, client = portal_setup
    authorise(client, record, status=Authorisation.Status.HANDED_OVER)
    assert level_of(visible(record)[0]) == Level.FULL


@pytest.mark.parametrize(
    "status",
    [
        Authorisation.Status.DRAFT,
        Authorisation.Status.PRINTED,
        Authorisation.Status.REVOKED,
        Authorisation.Status.EXPIRED,
    ],
)
def test_a_vollmacht_that_is_not_signed_or_no_longer_valid_gives_only_basic(portal_setup, authorise, status):
    record, client = portal_setup
    authorise(client, record, status=status)
    assert level_of(visible(record)[0]) == Level.BASIC


def test_a_vollmacht_past_its_validity_gives_only_basic(portal_setup, authorise):
    record, client = portal_setup
    today = timezone.localdate()
    authorise(client, record, valid_from=today - days(30), valid_until=today - days(1))
    assert level_of(visible(record)[0]) == Level.BASIC


def test_a_vollmacht_for_another_volunteer_does_not_count(portal_setup, authorise, make_volunteer):
    record, client = portal_setup
    authorise(client, make_volunteer())
    assert level_of(visible(record)[0]) == Level.BASIC


def test_a_vollmacht_without_consent_shows_nothing(make_volunteer, assign, authorise, volunteer):
    record, client = make_volunteer(volunteer), make_client()
    assign(record, client)
    authorise(client, record)
    assert visible(record) == []


def test_without_consent_there_is_no_access(make_volunteer, assign, volunteer):
    record, client = make_volunteer(volunteer), make_client()
    assign(record, client)
    assert visible(record) == []


def test_a_consent_naming_another_volunteer_does_not_count(make_volunteer, assign, consent, volunteer):
    record, client = make_volunteer(volunteer), make_client()
    assign(record, client)
    consent(client, make_volunteer())
    assert visible(record) == []


def test_a_revoked_consent_ends_access(portal_setup):
    record, client = portal_setup
    client.consents.update(revoked_on=timezone.localdate())
    assert visible(record) == []


def test_an_expired_consent_ends_access(portal_setup):
    record, client = portal_setup
    client.consents.update(valid_until=timezone.localdate() - days(1))
    assert visible(record) == []


def test_without_an_assignment_there_is_no_access(make_volunteer, consent, volunteer):
    record, client = make_volunteer(volunteer), make_client()
    consent(client, record)
    assert visible(record) == []


def test_an_ended_assignment_ends_access(portal_setup):
    record, client = portal_setup
    record.assignments.update(end_on=timezone.localdate() - days(1))
    assert visible(record) == []


def test_an_assignment_that_has_not_started_gives_no_access(portal_setup):
    record, client = portal_setup
    record.assignments.update(start_on=timezone.localdate() + days(1))
    assert visible(record) == []


def test_a_volunteer_who_left_sees_nothing(portal_setup):
    record, client = portal_setup
    record.status = Volunteer.Status.LEFT
    record.save()
    assert visible(record) == []


def test_nobody_sees_anything_without_a_record():
    assert visible(None) == []
