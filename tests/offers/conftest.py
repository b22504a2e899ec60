"""Fixtures of the offers tests: offers, providers and a family with a case (builders in tests/factories.py)."""

from decimal import Decimal

import pytest

from cases.models import Household, HouseholdRelation, Municipality
from offers.models import Category, Offer, Provider
from tests.factories import make_client, make_offer


@pytest.fixture
def municipality(db):
    return Municipality.objects.get_or_create(name="Erbach")[0]


@pytest.fixture
def provider(db):
    return Provider.objects.create(name="DLRG Ortsgruppe Test", kind=Provider.Kind.CLUB)


@pytest.fixture
def category(db):
    return Category.objects.get(name="Schwimmen")


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
        given_names="Layla",
        family_name="Karimi",
        years=35,
        gender="female",
        household=household,
        household_relation=HouseholdRelation.HEAD,
    )
    girl = make_client(
        None,
        given_names="Sara",
        family_name="Karimi",
        years=9,
        gender="female",
        household=household,
        household_relation=HouseholdRelation.CHILD,
    )
    boy = make_client(
        None,
        given_names="Omid",
        family_name="Karimi",
        years=12,
        gender="male",
        household=household,
        household_relation=HouseholdRelation.CHILD,
    )
    return mother, girl, boy
