"""Deny by default: every URL that is not explicitly public sends anonymous users to login."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "readyz",
    "set_language",
    "portal:invitation",
    "offers:directory",
    "offers:directory_pdf",
    "authorisations:verify",
    "authorisations:verify_lookup",
}


def iter_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def concrete(route: str) -> str:
    """Turn a route or regex into a requestable path, filling converters with sample values."""
    import re

    path = route.lstrip("^").rstrip("$").replace("\\Z", "")
    path = re.sub(r"<(?:int:)?\w*(?:pk|id)>", "1", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<[^>]+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"[()?^$\\+*\[\]]", "", path)
    return "/" + path


ALL = list(iter_patterns())
PATTERNS = [(route, name) for route, name in ALL if name not in PUBLIC and not route.startswith("admin/")]


def test_every_public_name_exists():
    assert {name for _route, name in ALL} >= PUBLIC


@pytest.mark.parametrize(("route", "name"), PATTERNS, ids=[r for r, _ in PATTERNS])
def test_anonymous_is_sent_to_login_from_every_non_public_url(client, db, route, name):
    response = client.get(concrete(route))
    assert response.status_code == 302, route
    assert response.url.startswith("/accounts/login/"), route


def test_admin_index_sends_anonymous_to_the_one_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["caseworker", "teamlead", "volunteer", "kjc"], indirect=True)
def test_admin_is_404_for_everyone_but_administrators(client, persona):
    client.force_login(persona)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404


def test_admin_is_open_to_administrators(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("volunteer", "/", 302),
        ("volunteer", "/kjc/", 404),
        ("kjc", "/portal/", 404),
        ("caseworker", "/portal/", 404),
        ("caseworker", "/kjc/", 404),
        ("teamlead", "/portal/", 404),
    ],
    indirect=["persona"],
)
def test_role_pages_answer_404_to_other_roles(client, persona, url, status):
    client.force_login(persona)
    assert client.get(url).status_code == status


def test_unknown_url_gets_a_german_404_page(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
