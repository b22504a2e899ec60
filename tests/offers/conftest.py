"""Fixtures of the offers tests: offers, providers and clients with a case for a caseworker."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.models import Case, Client, Consent, Household, HouseholdRelation, Municipality
from offers.models import Category, Offer, Provider

TODAY = timezone.localdate


def born(years: int, *, months: int = 0) -> dict:
    """Birth fields for somebody who is `years` old today (born `months` months before that)."""
    day = timezone.localdate()
    year, month = day.year - years, day.month - months
    while month < 1:
        month += 12
        year -= 1
    return {"birth_year": year, "birth_month": month, "birth_day": 1}


def make_client(caseworker=None, *, given="Amira", family="Haddad", years=30, gender="female", **extra) -> Client:
    client = Client(given_names=given, family_name=family, gender=gender, **born(years), **extra)
    client.save()
    if caseworker is not None:
        Case.objects.create(client=client, caseworker=caseworker, status=Case.Status.ACTIVE)
    return client


def give_consent(client, provider, user, **extra) -> Consent:
    return Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.PROVIDER,
        recipient_provider=provider,
        data_categories=["identity", "contact"],
        purpose="Anmeldung beim Träger",
        created_by=user,
        given_on=extra.pop("given_on", timezone.localdate() - datetime.timedelta(days=10)),
        **extra,
    )


@pytest.fixture
def municipality(db):
    return Municipality.objects.get_or_create(name="Erbach")[0]


@pytest.fixture
def provider(db):
    return Provider.objects.create(name="DLRG Ortsgruppe Test", kind=Provider.Kind.CLUB)


@pytest.fixture
def category(db):
    return Category.objects.get(name="Schwimmen")


def make_offer(provider, category, municipality=None, **fields) -> Offer:
    defaults = {
        "title": "Schwimmkurs für Mädchen",
        "description": "Schwimmen lernen.",
        "active_from": timezone.localdate() - datetime.timedelta(days=30),
        "fee": Decimal("0"),
    }
    return Offer.objects.create(
        provider=provider, category=category, municipality=municipality, **{**defaults, **fields}
    )


@pytest.fixture
def offer(provider, category, municipality):
    return make_offer(provider, category, municipality, capacity=2)


@pytest.fixture
def girls_course(provider, category, municipality):
    return make_offer(
        provider,
        category,
        municipality,
        title="Schwimmkurs für Mädchen",
        min_age=6,
        max_age=14,
        gender=Offer.Gender.FEMALE,
        capacity=1,
        fee=Decimal("30.00"),
        but_eligible=True,
        but_category="participation",
    )


@pytest.fixture
def household(db):
    return Household.objects.create(bg_number="06431BG0012345")


@pytest.fixture
def family(caseworker, household):
    """A mother with a case and two children in her household (the children have no case)."""
    mother = make_client(
        caseworker,
        given="Layla",
        family="Karimi",
        years=35,
        household=household,
        household_relation=HouseholdRelation.HEAD,
    )
    girl = make_client(
        None, given="Sara", family="Karimi", years=9, household=household, household_relation=HouseholdRelation.CHILD
    )
    boy = make_client(
        None,
        given="Omid",
        family="Karimi",
        years=12,
        gender="male",
        household=household,
        household_relation=HouseholdRelation.CHILD,
    )
    return mother, girl, boy
