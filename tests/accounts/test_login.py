import re

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("caseworker", "/"),
        ("colleague", "/"),
        ("teamlead", "/"),
        ("administrator", "/"),
        ("volunteer", "/portal/"),
        ("kjc", "/kjc/"),
    ],
    indirect=["persona"],
)
def test_each_role_logs_in_and_lands_on_its_page(client, persona, landing):
    response = client.post(LOGIN, {"username": persona.email, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == landing
    assert response.wsgi_request.user == persona


def test_it_accepts_the_email_in_any_case(client, caseworker):
    response = client.post(LOGIN, {"username": caseworker.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_shows_german_error_and_keeps_email(client, caseworker):
    response = client.post(LOGIN, {"username": caseworker.email, "password": "falsch-falsch"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "E-Mail-Adresse oder Passwort ist nicht richtig" in body
    assert f'value="{caseworker.email}"' in body
    assert not response.wsgi_request.user.is_authenticated


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, caseworker):
    def page(email):
        body = client.post(LOGIN, {"username": email, "password": "x"}).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body).replace(email, "EMAIL")

    unknown, wrong = page("nobody@example.org"), page(caseworker.email)
    assert "E-Mail-Adresse oder Passwort ist nicht richtig" in unknown
    assert unknown == wrong


def test_inactive_user_cannot_log_in(client, caseworker):
    caseworker.is_active = False
    caseworker.save()
    response = client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_login_page_is_german(client, db):
    body = client.get(LOGIN).content.decode()
    assert '<html lang="de"' in body
    assert "Anmelden" in body
    assert 'for="id_username"' in body  # labelled field


def test_it_rotates_the_session_key_at_login(client, caseworker):
    client.get(LOGIN)
    client.session["probe"] = 1
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD})
    assert client.session.session_key != before


def test_logout_rejects_get(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/accounts/logout/").status_code == 405


def test_logout_ends_the_session(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_next_parameter_is_followed_but_not_to_other_hosts(client, caseworker):
    ok = client.post(f"{LOGIN}?next=/accounts/password_change/", {"username": caseworker.email, "password": PASSWORD})
    assert ok.url == "/accounts/password_change/"
    client.logout()
    evil = client.post(f"{LOGIN}?next=https://evil.example/", {"username": caseworker.email, "password": PASSWORD})
    assert evil.url == reverse("home")


def test_user_without_role_sees_an_explanation(client, db):
    from tests.factories import make_user

    user = make_user("norole@example.org", "")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403
    assert "Keine Rolle zugewiesen" in response.content.decode()


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_role_membership_follows_the_role_field(db, role):
    from tests.factories import make_user

    user = make_user(f"{role.lower()}@example.org", role)
    assert list(user.groups.values_list("name", flat=True)) == [role]
    user.role = Role.KJC if role != Role.KJC else Role.VOLUNTEER
    user.save()
    assert list(user.groups.values_list("name", flat=True)) == [user.role]


def test_the_admin_login_redirect_keeps_next_url_encoded(client, administrator):
    from urllib.parse import parse_qs, urlsplit

    client.force_login(administrator)
    response = client.get("/admin/login/", {"next": "/admin/?a=1&b=https://evil.example/"})
    location = urlsplit(response.url)
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query) == {"next": ["/admin/?a=1&b=https://evil.example/"]}
