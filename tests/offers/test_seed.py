"""The offers part of `manage.py seed_demo`."""

import datetime
import io

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from accounts.demo import seed as seed_accounts
from accounts.models import User
from cases.demo import MUNICIPALITIES
from cases.models import Case, Household, HouseholdRelation, Municipality
from offers import demo
from offers.models import ButApplication, Offer, OfferTranslation, Provider, Referral
from tests.factories import make_client


@pytest.fixture
def demo_clients(db):
    """What the cases seed leaves behind: clients with cases of the demo caseworkers, families with children."""
    seed_accounts()
    fm1 = User.objects.get(email="fm1@demo.invalid")
    fm2 = User.objects.get(email="fm2@demo.invalid")
    adults = [
        ("Ahmad", "Rahimi", 34, "male"),
        ("Fatima", "Rahimi", 31, "female"),
        ("Olena", "Kovalenko", 42, "female"),
        ("Yonas", "Tesfaye", 26, "male"),
        ("Aziz", "Noori", 29, "male"),
        ("Samira", "Haddad", 38, "female"),
        ("Dmytro", "Shevchenko", 45, "male"),
        ("Huda", "Khalil", 24, "female"),
        ("Mehmet", "Yilmaz", 51, "male"),
        ("Selam", "Gebre", 33, "female"),
    ]
    for index, (given, family, years, gender) in enumerate(adults):
        make_client(fm1 if index % 2 else fm2, given_names=given, family_name=family, years=years, gender=gender)
    household = Household.objects.create(bg_number="06431BG0000001")
    for given, years, gender in (
        ("Lina", 9, "female"),
        ("Karim", 8, "male"),
        ("Maya", 11, "female"),
        ("Ali", 15, "male"),
    ):
        child = make_client(
            None,
            given_names=given,
            family_name="Rahimi",
            years=years,
            gender=gender,
            household=household,
            household_relation=HouseholdRelation.CHILD,
        )
        Case.objects.create(client=child, caseworker=fm1, status=Case.Status.ACTIVE)


def test_the_seed_creates_providers_and_offers_across_the_district(demo_clients):
    out = io.StringIO()
    demo.seed(out)
    assert Provider.objects.count() == 20
    assert Offer.objects.count() == 60
    assert set(Municipality.objects.filter(offers__isnull=False).values_list("name", flat=True)) == {
        name for name, _postcode in MUNICIPALITIES
    }
    mina = Offer.objects.get(title="MInA – Migranten-Integration in Arbeit")
    assert (mina.provider.name, mina.capacity, mina.category.name) == ("InA gGmbH", 60, "Arbeit und Qualifizierung")
    assert Offer.objects.filter(title__startswith="Schwimmkurs für Mädchen", gender=Offer.Gender.FEMALE).count() == 3
    assert Offer.objects.filter(title__startswith="Schwimmen für Frauen").exists()
    assert Offer.objects.filter(title__startswith="Sprachcafé").count() == 10
    assert Offer.objects.filter(category__name="Beratung").count() >= 5
    assert Offer.objects.filter(category__name="Sport", max_age__lte=12).exists()
    for lang in ("en", "ar", "fa", "uk"):
        assert OfferTranslation.objects.filter(language=lang).count() >= 40, lang
    assert Offer.objects.filter(translations__isnull=True).exists()  # some stay German only


def test_the_seed_creates_referrals_in_every_status_within_capacity(demo_clients):
    demo.seed(io.StringIO())
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert Referral.objects.filter(moved_up_at__isnull=False, moved_up_seen_at__isnull=True).exists()
    for offer in Offer.objects.with_occupancy().filter(capacity__isnull=False):
        assert offer.occupied <= offer.capacity, offer.title
    # nobody is registered with a provider without a consent naming it
    registered = Referral.objects.filter(status__in=Referral.SHARES_DATA).select_related("offer", "client")
    for referral in registered:
        assert referral.client.consents.valid_on().filter(recipient_provider=referral.offer.provider).exists()


def test_the_seed_creates_but_applications_in_every_status(demo_clients):
    demo.seed(io.StringIO())
    assert set(ButApplication.objects.values_list("status", flat=True)) == set(ButApplication.Status.values)
    today = timezone.localdate()
    assert ButApplication.objects.ending_between(today, today + datetime.timedelta(days=30)).exists()
    assert ButApplication.objects.filter(referral__isnull=False).exists()
    assert ButApplication.objects.filter(expenses__isnull=False).exists()


def test_the_seed_runs_twice_without_duplicates(demo_clients):
    demo.seed(io.StringIO())
    counts = (Offer.objects.count(), Referral.objects.count(), ButApplication.objects.count())
    demo.seed(io.StringIO())
    assert (Offer.objects.count(), Referral.objects.count(), ButApplication.objects.count()) == counts
    assert not Offer.objects.values("title", "provider").annotate(n=Count("pk")).filter(Q(n__gt=1)).exists()


def test_without_clients_the_seed_creates_offers_only(db, settings):
    # Only the accounts and offers parts: the cases part of the full seed would add clients.
    settings.WIR_DEMO = True
    out = io.StringIO()
    seed_accounts()
    demo.seed(out)
    assert Offer.objects.count() == 60
    assert not Referral.objects.exists()
    assert "keine Klient:innen" in out.getvalue()
