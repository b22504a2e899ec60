"""Two volunteers, each with clients: neither reaches the other's clients through any portal URL,
and no staff URL answers them (404; `/` sends them to the portal)."""

import re

import pytest
from django.urls import reverse

from tests.portal.test_views import appointment
from tests.test_access import PUBLIC, concrete, iter_patterns
from volunteers.models import Appointment


@pytest.fixture
def world(make_volunteer, make_client, assign, consent, authorise, caseworker, volunteer, other_volunteer):
    """Each volunteer has a client with a Vollmacht (full level, one appointment) and one without."""
    data = {}
    for user in (volunteer, other_volunteer):
        record = make_volunteer(user)
        full, basic = make_client(caseworker), make_client(caseworker)
        for c in (full, basic):
            assign(record, c)
            consent(c, record)
        authorise(full, record)
        data[user.email] = {
            "record": record,
            "clients": [full, basic],
            "appointment": appointment(record, full),
            "assignment": record.assignments.first(),
        }
    return data


def portal_urls(entry):
    urls = []
    for c in entry["clients"]:
        urls += [
            reverse("portal:client_detail", args=[c.pk]),
            reverse("portal:contact_create", args=[c.pk]),
            reverse("portal:appointment_create", args=[c.pk]),
        ]
    urls.append(reverse("portal:appointment_cancel", args=[entry["appointment"].pk]))
    return urls


PAIRS = [("helper.one@example.org", "helper.two@example.org"), ("helper.two@example.org", "helper.one@example.org")]


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_my_own_clients_open(client, world, me, them):
    from accounts.models import User

    client.force_login(User.objects.get(email=me))
    full, basic = world[me]["clients"]
    for url in [reverse("portal:client_detail", args=[full.pk]), reverse("portal:client_detail", args=[basic.pk])]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("portal:appointment_create", args=[full.pk])).status_code == 200


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_every_portal_url_of_the_other_volunteers_clients_is_404(client, world, me, them):
    from accounts.models import User

    client.force_login(User.objects.get(email=me))
    home = client.get("/portal/").content.decode()
    for c in world[them]["clients"]:
        assert c.full_name not in home
    detail = {reverse("portal:client_detail", args=[c.pk]) for c in world[them]["clients"]}
    cancel = reverse("portal:appointment_cancel", args=[world[them]["appointment"].pk])
    for url in portal_urls(world[them]):
        # A wrong method answers 405 whatever the id, so it reveals nothing.
        assert client.get(url).status_code == (405 if url == cancel else 404), url
        response = client.post(
            url, {"date": "2026-01-01", "duration_minutes": "60", "channel": "phone", "note": "x", "place": "x"}
        )
        assert response.status_code == (405 if url in detail else 404), url
    assert not Appointment.objects.filter(cancelled_at__isnull=False).exists()
    from cases.models import Contact

    assert not Contact.objects.exists()


def staff_routes():
    for route, name in iter_patterns():
        # Portal pages of other apps live under /portal/ too (e.g. the volunteer's own Vollmachten).
        if name in PUBLIC or (name or "").startswith("portal:") or route.startswith(("accounts/", "i18n/", "portal/")):
            continue
        yield route, name


def fill(route, entry):
    """A requestable path for `route`, using the other volunteer's real objects where it takes ids."""
    path = route
    path = path.replace("<uuid:client_pk>", str(entry["clients"][0].pk)).replace(
        "<uuid:pk>", str(entry["clients"][0].pk)
    )
    if "assignments/<int:pk>" in path:
        path = path.replace("<int:pk>", str(entry["assignment"].pk))
    path = path.replace("<int:pk>", str(entry["record"].pk))
    return concrete(path) if re.search(r"[<(^$]", path) else "/" + path


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_every_staff_url_is_404_for_volunteers(client, world, me, them):
    from accounts.models import User

    client.force_login(User.objects.get(email=me))
    routes = list(staff_routes())
    assert any(name == "volunteers:volunteer_list" for _r, name in routes)
    for route, name in routes:
        url = fill(route, world[them])
        expected = 302 if name == "home" else 404
        assert client.get(url).status_code == expected, url
        if name != "home":
            assert client.post(url, {}).status_code in (404, 405), url


def test_every_staff_url_sends_anonymous_users_to_login(client, world):
    for route, _name in staff_routes():
        if route.startswith("admin/"):
            continue  # the admin has its own login view (tests/test_access.py)
        url = fill(route, world["helper.one@example.org"])
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url


def test_every_volunteers_staff_url_is_404_for_kjc_clerks(client, world, kjc):
    client.force_login(kjc)
    routes = [(r, n) for r, n in staff_routes() if (n or "").startswith("volunteers:")]
    assert len(routes) >= 9
    for route, _name in routes:
        url = fill(route, world["helper.one@example.org"])
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url
