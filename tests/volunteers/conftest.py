"""Builders for the volunteers tests: clients with a case, assignable volunteers, assignments,
consents naming a volunteer and Vollmachten (real Authorisation rows)."""

import datetime
import itertools

import pytest
from django.utils import timezone

from authorisations.models import Authorisation
from cases.models import Case, Client, ClientLanguage, Consent, Language, Municipality
from tests.conftest import make_user
from volunteers.models import Assignment, Volunteer, VolunteerLanguage

_counter = itertools.count(1)
TODAY = timezone.localdate


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def make_client(db):
    def make(caseworker=None, **fields):
        n = next(_counter)
        fields.setdefault("given_names", f"Amal{n}")
        fields.setdefault("family_name", f"Nasser{n}")
        fields.setdefault("birth_year", 1990)
        fields.setdefault("phone", f"+49 6062 12{n:04d}")
        client = Client.objects.create(**fields)
        if caseworker is not None:
            Case.objects.create(client=client, caseworker=caseworker, status=Case.Status.ACTIVE)
        return client

    return make


@pytest.fixture
def make_volunteer(db, caseworker):
    def make(user=None, *, assignable=True, languages=(), municipalities=(), **fields):
        n = next(_counter)
        fields.setdefault("given_names", f"Vera{n}")
        fields.setdefault("family_name", f"Helfer{n}")
        fields.setdefault("email", user.email if user else f"helper{n}@example.org")
        if assignable:
            today = TODAY()
            fields.setdefault("status", Volunteer.Status.ACTIVE)
            fields.setdefault("police_certificate_issued_on", today - days(60))
            fields.setdefault("police_certificate_inspected_on", today - days(30))
            fields.setdefault("police_certificate_inspected_by", caseworker)
            fields.setdefault("police_certificate_result", Volunteer.PoliceCertificateResult.CLEAR)
            fields.setdefault("confidentiality_signed_on", today - days(30))
        volunteer = Volunteer.objects.create(user=user, **fields)
        for code, level in languages:
            VolunteerLanguage.objects.create(volunteer=volunteer, language=Language.objects.get(code=code), level=level)
        volunteer.municipalities.set(municipalities)
        return volunteer

    return make


@pytest.fixture
def assign(db, caseworker):
    def make(volunteer, client, *, start=None, end=None, kind=Assignment.Kind.ACCOMPANIMENT):
        return Assignment.objects.create(
            volunteer=volunteer,
            client=client,
            kind=kind,
            start_on=start or TODAY() - days(10),
            end_on=end,
            created_by=caseworker,
        )

    return make


@pytest.fixture
def consent(db, caseworker):
    def make(client, volunteer, **fields):
        fields.setdefault("given_on", TODAY() - days(10))
        return Consent.objects.create(
            client=client,
            recipient_kind=Consent.RecipientKind.VOLUNTEER,
            recipient_volunteer=volunteer,
            data_categories=["identity", "contact"],
            purpose="Begleitung",
            created_by=caseworker,
            **fields,
        )

    return make


@pytest.fixture
def authorise(db, caseworker):
    """A Vollmacht in `status` with everything its lifecycle requires (see tests/authorisations)."""
    from authorisations.models import KjcBranch
    from tests.authorisations.conftest import make_authorisation

    branch = KjcBranch.objects.create(
        name="KJC Erbach", street="Michelstädter Straße 12", postcode="64711", town="Erbach"
    )

    def make(client, volunteer, *, status=Authorisation.Status.SIGNED, **fields):
        fields.setdefault("valid_from", TODAY() - days(5))
        return make_authorisation(client, volunteer, caseworker, branch, status=str(status), **fields)

    return make


@pytest.fixture
def portal_setup(make_client, make_volunteer, assign, consent, caseworker, volunteer):
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


def speak(client, code, level="native"):
    ClientLanguage.objects.create(client=client, language=Language.objects.get(code=code), level=level)


@pytest.fixture
def other_persona_volunteer(db):
    return make_user("third.helper@example.org", "Ehrenamt", "Theo Third")
