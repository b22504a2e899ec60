"""The offers rows of the URL × role matrix, checked here with the same access classes as on main
(roles: anonymous, the marker client's caseworker, a colleague, team lead, admin, KJC, volunteer)."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from tests.conftest import make_user

from .conftest import make_client
from .matrix import offers_access

MARKER = "Zqxmarker"
ROLES = ["anonymous", "owner", "colleague", "teamlead", "admin", "kjc", "volunteer"]
STAFF = {"owner", "colleague", "teamlead", "admin"}
STAFF_SEE = {"owner", "teamlead", "admin"}


def expect(allowed, *, ok=200, denied=404, anonymous=302):
    return {r: anonymous if r == "anonymous" else ok if r in allowed else denied for r in ROLES}


CLASSES = {
    "PUBLIC": (dict.fromkeys(ROLES, 200), None),
    "STAFF_PAGE": (expect(STAFF), None),
    "STAFF_FORM": (expect(STAFF), expect(STAFF)),
    "CLIENT_PAGE": (expect(STAFF_SEE), None),
    "CLIENT_FORM": (expect(STAFF_SEE), expect(STAFF_SEE)),
    "CLIENT_ACTION": (expect(STAFF, ok=405), expect(STAFF_SEE, ok=302)),
    "CLIENT_ACTION_FORM": (expect(STAFF, ok=405), expect(STAFF_SEE)),
}
ACCESS = offers_access(CLASSES)


@pytest.fixture
def world(db):
    owner = make_user("owner@example.org", Role.CASEWORKER, "Olga Owner")
    users = {
        "owner": owner,
        "colleague": make_user("colleague@example.org", Role.CASEWORKER),
        "teamlead": make_user("lead@example.org", Role.TEAMLEAD),
        "admin": make_user("admin@example.org", Role.ADMIN),
        "kjc": make_user("kjc@example.org", Role.KJC),
        "volunteer": make_user("volunteer@example.org", Role.VOLUNTEER),
    }
    return {"client": make_client(owner, given="Mira", family=MARKER, years=10), "users": users}


def test_every_offers_url_has_a_row():
    from tests.test_access import ALL

    names = {name for _route, name in ALL if name and name.startswith("offers:")}
    assert names == set(ACCESS)


CELLS = [(name, role) for name in sorted(ACCESS) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}|{r}" for n, r in CELLS])
def test_get_and_post_per_role(world, name, role):
    (get_expect, post_expect), builder = ACCESS[name]
    url = reverse(name, kwargs=builder(world) if builder else None)
    http = HttpClient()
    if role != "anonymous":
        http.force_login(world["users"][role])
    response = http.get(url)
    assert response.status_code == get_expect[role], f"GET {url} as {role}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if role not in STAFF_SEE:
        assert MARKER.encode() not in body
    if post_expect is not None:
        response = http.post(url, {})
        assert response.status_code == post_expect[role], f"POST {url} as {role}"
        if role not in STAFF_SEE:
            assert MARKER.encode() not in response.content


@pytest.mark.parametrize("name", sorted(n for n, (a, _b) in ACCESS.items() if a[1] is not None))
def test_post_without_csrf_token_is_refused(world, name):
    _classes, builder = ACCESS[name]
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(world["users"]["owner"])
    assert http.post(reverse(name, kwargs=builder(world) if builder else None), {}).status_code == 403
