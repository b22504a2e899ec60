"""Sign-in with the district's accounts (OpenID Connect) against a real provider started as a
separate process (tests/accounts/oidc_provider.py): discovery, the authorization code flow with
PKCE over HTTP, RS256-signed ID tokens, userinfo with groups. The browser's part is played by
Django's test client (the app) and `requests` (the provider's login form)."""

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured

from accounts import oidc
from accounts.models import Role, User
from tests import live
from tests.factories import PASSWORD, make_user

PROVIDER = Path(__file__).with_name("oidc_provider.py")
USERS = {
    "fm": {"password": "pw-fm", "email": "Fatma.Fall@Kreis.example", "name": "Fatma Fall", "groups": ["wir-fallmanagement"]},
    "lead": {"password": "pw-lead", "email": "lea.leitung@kreis.example", "name": "Lea Leitung", "groups": ["wir-fallmanagement", "wir-leitung"]},
    "hr": {"password": "pw-hr", "email": "paul.personal@kreis.example", "name": "Paul Personal", "groups": ["personalamt"]},
    "vol": {"password": "pw-vol", "email": "ehrenamt@example.org", "name": "Eva Ehrenamt", "groups": ["wir-fallmanagement"]},
    # an address the provider does not vouch for (no email_verified claim), which an administrator's account uses
    "mallory": {"password": "pw-m", "email": "Chef@Kreis.example", "name": "M", "groups": ["wir-fallmanagement"], "email_verified": None},
    # the same verified address as "fm" under another subject (e.g. a second directory), and "fm" after a new address
    "fm-twin": {"password": "pw-t", "email": "fatma.fall@kreis.example", "name": "T", "groups": ["wir-fallmanagement"], "sub": "other"},
    "fm-moved": {"password": "pw-fm", "email": "fatma.neu@kreis.example", "name": "Fatma Fall", "groups": ["wir-fallmanagement"], "sub": "fm"},
}  # fmt: skip


@pytest.fixture(scope="module")
def provider_url(tmp_path_factory):
    config = tmp_path_factory.mktemp("oidc") / "provider.json"
    config.write_text(json.dumps({"client_id": "wir-app", "client_secret": "s3cret", "users": USERS}))
    process = subprocess.Popen([sys.executable, str(PROVIDER), str(config)], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc_on(settings, provider_url):
    settings.WIR_OIDC_ENABLED = True
    settings.WIR_OIDC_ISSUER = provider_url
    settings.OIDC_RP_CLIENT_ID = "wir-app"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.WIR_OIDC_GROUP_ROLES = {"wir-fallmanagement": Role.CASEWORKER, "wir-leitung": Role.TEAMLEAD}
    settings.WIR_REQUIRE_2FA = True
    oidc.forget_discovery()
    yield
    oidc.forget_discovery()


def sign_in(client, username: str, password: str | None = None):
    """The whole round trip; returns the app's answer to the callback."""
    start = client.get("/accounts/oidc/authenticate/?next=/clients/")
    assert start.status_code == 302
    login_form = requests.get(start["Location"], timeout=10)
    assert login_form.status_code == 200
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', login_form.text))
    fields = {name: unescape(value) for name, value in fields.items()}
    assert fields["code_challenge_method"] == "S256" and fields["nonce"]
    answer = requests.post(
        start["Location"].split("?")[0],
        data={**fields, "username": username, "password": password or USERS[username]["password"]},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/accounts/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def test_the_login_page_offers_the_districts_accounts_only_when_switched_on(client, settings, db):
    assert "Mit dem Konto des Kreises anmelden" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/oidc/authenticate/")["Location"] == "/accounts/login/"
    settings.WIR_OIDC_ENABLED = True
    assert "Mit dem Konto des Kreises anmelden" in client.get("/accounts/login/").content.decode()


def test_a_caseworker_signs_in_and_gets_an_account_with_the_role_of_her_group(client, oidc_on, db):
    response = sign_in(client, "fm")
    assert response.status_code == 302 and response["Location"] == "/clients/"
    user = User.objects.get(email="fatma.fall@kreis.example")
    assert (user.role, user.full_name, user.has_usable_password()) == (Role.CASEWORKER, "Fatma Fall", False)
    # the provider did the second factor: no 2FA setup although WIR_REQUIRE_2FA is on
    page = client.get("/clients/")
    assert page.status_code == 200
    assert client.get("/").status_code == 200
    assert user.history.earliest().history_type == "+"
    # deactivated in /admin/: the running session ends with the next request
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/clients/")["Location"].startswith("/accounts/login/")


def test_the_role_follows_the_group_claim_on_every_sign_in(client, oidc_on, db):
    make_user("lea.leitung@kreis.example", Role.CASEWORKER, "Lea Alt")
    sign_in(client, "lead")
    user = User.objects.get(email="lea.leitung@kreis.example")
    assert (user.role, user.full_name) == (Role.TEAMLEAD, "Lea Leitung")  # the higher of two groups


def test_the_first_sign_in_links_an_existing_account_by_its_verified_address_to_the_subject(client, oidc_on, db):
    lea = make_user("lea.leitung@kreis.example", Role.CASEWORKER, "Lea Alt")
    sign_in(client, "lead")
    lea.refresh_from_db()
    assert lea.oidc_subject == f"{oidc.settings.WIR_OIDC_ISSUER}|lead"
    assert client.get("/").wsgi_request.user == lea


def test_an_address_the_provider_does_not_verify_never_opens_an_existing_account(client, oidc_on, db):
    chef = make_user("chef@kreis.example", Role.ADMIN, "Chefin")
    response = sign_in(client, "mallory")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/")["Location"].startswith("/accounts/login/")
    chef.refresh_from_db()
    assert (chef.role, chef.full_name, chef.oidc_subject) == (Role.ADMIN, "Chefin", "")
    assert User.objects.filter(email__iexact="chef@kreis.example").count() == 1


def test_an_account_linked_to_one_subject_is_never_opened_by_another(client, oidc_on, db):
    sign_in(client, "fm")
    fatma = User.objects.get(email="fatma.fall@kreis.example")
    client.logout()
    response = sign_in(client, "fm-twin")  # same verified address, another subject
    assert response["Location"] == "/accounts/login/"
    assert client.get("/")["Location"].startswith("/accounts/login/")
    fatma.refresh_from_db()
    assert (fatma.full_name, fatma.oidc_subject.rsplit("|", 1)[1]) == ("Fatma Fall", "fm")


def test_the_subject_finds_the_account_after_a_change_of_address(client, oidc_on, db):
    sign_in(client, "fm")
    fatma = User.objects.get(email="fatma.fall@kreis.example")
    client.logout()
    sign_in(client, "fm-moved")
    assert client.get("/").wsgi_request.user == fatma
    assert User.objects.count() == 1


def test_a_group_without_a_role_gets_no_access(client, oidc_on, db):
    response = sign_in(client, "hr")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not User.objects.filter(email="paul.personal@kreis.example").exists()
    assert client.get("/")["Location"].startswith("/accounts/login/")
    page = client.get("/accounts/login/").content.decode()
    assert "nicht freigeschaltet" in page


def test_volunteers_never_sign_in_with_the_districts_accounts(client, oidc_on, db):
    volunteer = make_user("ehrenamt@example.org", Role.VOLUNTEER)
    response = sign_in(client, "vol")
    assert response["Location"] == "/accounts/login/"
    volunteer.refresh_from_db()
    assert volunteer.role == Role.VOLUNTEER
    assert client.get("/portal/")["Location"].startswith("/accounts/login/")


def test_a_replayed_code_or_a_wrong_state_gets_no_access(client, oidc_on, db):
    response = sign_in(client, "fm")
    client.logout()
    # the same callback again: the provider refuses the used code, the app the unknown state
    replay = client.get(response.wsgi_request.get_full_path())
    assert replay["Location"] == "/accounts/login/"
    assert client.get("/clients/")["Location"].startswith("/accounts/login/")


def test_local_accounts_keep_their_password_and_their_own_second_factor(client, oidc_on, db):
    make_user("fm1@example.org", Role.CASEWORKER)
    response = client.post("/accounts/login/", {"username": "fm1@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/clients/")["Location"] == "/accounts/two-factor/setup/"


def test_a_provider_that_is_down_leaves_password_logins_working(client, settings, db):
    settings.WIR_OIDC_ENABLED = True
    settings.WIR_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "wir-app", "s3cret"
    oidc.forget_discovery()
    response = client.get("/accounts/oidc/authenticate/", follow=True)
    assert "gerade nicht erreichbar" in response.content.decode()
    user = make_user("fm2@example.org", Role.VOLUNTEER)
    user.set_password("Lokales-Passwort-2")
    user.save()
    assert (
        client.post("/accounts/login/", {"username": "fm2@example.org", "password": "Lokales-Passwort-2"}).status_code
        == 302
    )


def test_groups_map_to_staff_roles_only():
    oidc.check_group_roles({"wir-fm": Role.CASEWORKER, "wir-lead": Role.TEAMLEAD, "wir-it": Role.ADMIN})
    for role in (Role.VOLUNTEER, Role.KJC, Role.DPO, "Chef"):
        with pytest.raises(ImproperlyConfigured, match="only map groups to"):
            oidc.check_group_roles({"wir-fm": Role.CASEWORKER, "other": role})


def test_a_process_with_a_group_mapped_to_another_role_does_not_start(tmp_path):
    env = {**os.environ, "WIR_OIDC_GROUP_ROLES": json.dumps({"helpers": Role.VOLUNTEER.value})}
    result = live.manage(env, "check", ok=False)
    assert result.returncode != 0
    assert (
        "WIR_OIDC_GROUP_ROLES may only map groups to ['Administration', 'Fallmanagement', 'Teamleitung']"
        in result.stderr
    )
