"""Fixtures of the volunteers tests: the builders of tests/factories.py bound to the caseworker
persona (who inspects certificates, makes assignments and records consents), and a portal setup."""

import functools

import pytest

from accounts.models import Role
from authorisations.models import Authorisation
from cases.models import Municipality
from tests import factories
from tests.factories import TODAY, days, make_client, make_user


@pytest.fixture
def make_volunteer(db, caseworker):
    """An assignable volunteer unless `assignable=False` (a prospect without checks)."""

    def make(user=None, *, assignable=True, **fields):
        return factories.make_volunteer(user, inspected_by=caseworker if assignable else None, **fields)

    return make


@pytest.fixture
def assign(db, caseworker):
    return functools.partial(factories.assign, created_by=caseworker)


@pytest.fixture
def consent(db, caseworker):
    return functools.partial(factories.volunteer_consent, created_by=caseworker)


@pytest.fixture
def authorise(db, caseworker):
    """A Vollmacht in `status` with everything its lifecycle requires (see tests/authorisations)."""
    branch = factories.make_branch(name="KJC Erbach")

    def make(client, volunteer, *, status=Authorisation.Status.SIGNED, **fields):
        fields.setdefault("valid_from", TODAY() - days(5))
        return factories.make_authorisation(client, volunteer, caseworker, branch, status=str(status), **fields)

    return make


@pytest.fixture
def portal_setup(make_volunteer, assign, consent, caseworker, volunteer):
    """The `volunteer` persona linked to a record, accompanying one client with consent (BASIC)."""
    record = make_volunteer(volunteer)
    client = make_client(caseworker)
    assign(record, client)
    consent(client, record)
    return record, client


@pytest.fixture
def erbach(db):
    return Municipality.objects.create(name="Erbach", postcodes="64711")


@pytest.fixture
def michelstadt(db):
    return Municipality.objects.create(name="Michelstadt", postcodes="64720")


@pytest.fixture
def other_persona_volunteer(db):
    return make_user("third.helper@example.org", Role.VOLUNTEER, "Theo Third")
