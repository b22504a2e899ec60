"""Two caseworkers register two people for the last place at the same moment: exactly one gets it."""

import contextlib
import threading

import pytest
from django.db import connections

from accounts.models import Role
from offers import services
from offers.models import Category, Provider, Referral
from tests.factories import give_consent, make_client, make_offer, make_user


@pytest.mark.django_db(transaction=True)
def test_two_referrals_racing_for_the_last_place_exactly_one_gets_it(monkeypatch):
    caseworker = make_user("race.one@example.org", Role.CASEWORKER)
    colleague = make_user("race.two@example.org", Role.CASEWORKER)
    provider = Provider.objects.create(name="Verein für den letzten Platz")
    offer = make_offer(provider, Category.objects.get_or_create(name="Sport")[0], capacity=1)
    first = make_client(caseworker, given_names="Erste", family_name="Person")
    second = make_client(colleague, given_names="Zweite", family_name="Person")
    for client, user in ((first, caseworker), (second, colleague)):
        give_consent(client, provider, user)

    # Hold each thread right after it counted the taken places until the other one has counted
    # too. Without the lock on the offer row both would count 0 and both would get the place;
    # with it, the second thread cannot count before the first has committed (the first then
    # gives up waiting after the timeout).
    counted = threading.Barrier(2, timeout=1.5)
    original = services.occupied_places

    def count_together(offer):
        taken = original(offer)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait()
        return taken

    monkeypatch.setattr(services, "occupied_places", count_together)

    start = threading.Barrier(2)
    statuses, errors = {}, []

    def register(client, user):
        try:
            start.wait()
            referral = services.create_referral(offer=offer, client=client, user=user, register=True)
            statuses[client.pk] = referral.status
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=pair) for pair in ((first, caseworker), (second, colleague))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(statuses.values()) == [Referral.Status.REGISTERED, Referral.Status.WAITLIST]
    assert Referral.objects.filter(offer=offer, status__in=Referral.OCCUPYING).count() == 1
    assert Referral.objects.filter(offer=offer, status=Referral.Status.WAITLIST).count() == 1
