import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def mandatory(settings):
    settings.WIR_REQUIRE_2FA = True


def code(device, offset=0):
    return (
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + offset):06d}"
    )


def login(http, user):
    return http.post(LOGIN, {"username": user.email, "password": PASSWORD}, follow=True)


def enrol(http, user):
    """Log in, get sent to the setup, confirm with password and a code; return the backup codes."""
    response = login(http, user)
    assert response.redirect_chain[-1][0] == "/accounts/two-factor/setup/"
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = http.post("/accounts/two-factor/setup/", {"password": PASSWORD, "token": code(device)})
    assert done.status_code == 200
    return done.context["codes"], TOTPDevice.objects.get(user=user)


@pytest.mark.parametrize(
    "persona", ["caseworker", "teamlead", "administrator", "kjc", "data_protection_officer"], indirect=True
)
def test_staff_roles_must_set_up_a_second_factor_before_anything_else(persona):
    http = Client()
    login(http, persona)
    for url in ["/", "/clients/", "/kjc/", "/privacy/access-log/", "/accounts/password_change/"]:
        response = http.get(url)
        assert response.status_code == 302 and response.url == "/accounts/two-factor/setup/", url


def test_volunteers_may_but_need_not(volunteer):
    http = Client()
    response = login(http, volunteer)
    assert response.redirect_chain[-1][0] == "/portal/"


def test_setup_shows_a_qr_code_and_the_key(caseworker):
    http = Client()
    login(http, caseworker)
    body = http.get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in body and "QR-Code" in body
    device = TOTPDevice.objects.get(user=caseworker)
    assert device.config_url.startswith("otpauth://totp/")


def test_setup_asks_for_the_password_again(caseworker):
    http = Client()
    login(http, caseworker)
    http.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=caseworker)
    response = http.post("/accounts/two-factor/setup/", {"password": "falsch", "token": code(device)})
    assert response.status_code == 200
    assert "Das Passwort ist nicht richtig." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_enrolment_then_login_needs_a_code_that_works_only_once(caseworker, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # throttling is tested on its own below
    backup_codes, device = enrol(Client(), caseworker)
    assert len(backup_codes) == 10

    http = Client()
    response = login(http, caseworker)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/verify/")
    assert http.get("/clients/").status_code == 302
    wrong = http.post("/accounts/two-factor/verify/", {"token": "000000", "next": "/clients/"})
    assert "nicht gültig" in wrong.content.decode()
    # The code used at enrolment was already consumed: a replay fails.
    replay = http.post("/accounts/two-factor/verify/", {"token": code(device), "next": "/clients/"})
    assert replay.status_code == 200
    ok = http.post("/accounts/two-factor/verify/", {"token": code(device, offset=1), "next": "/clients/"})
    assert ok.status_code == 302 and ok.url == "/clients/"
    assert http.get("/clients/").status_code == 200


def test_a_backup_code_works_once(caseworker):
    backup_codes, _device = enrol(Client(), caseworker)
    first, second = Client(), Client()
    login(first, caseworker)
    assert first.post("/accounts/two-factor/verify/", {"token": backup_codes[0]}).status_code == 302
    login(second, caseworker)
    assert second.post("/accounts/two-factor/verify/", {"token": backup_codes[0]}).status_code == 200
    assert StaticToken.objects.count() == 9


def test_too_many_wrong_codes_log_the_user_out(caseworker):
    enrol(Client(), caseworker)
    http = Client()
    login(http, caseworker)
    for _ in range(5):
        http.post("/accounts/two-factor/verify/", {"token": "123456"})
    assert http.get("/accounts/two-factor/verify/").status_code == 302  # back to login


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_password_reset_does_not_bypass_the_second_factor(caseworker, run_jobs):
    enrol(Client(), caseworker)
    http = Client()
    http.post("/accounts/password_reset/", {"email": caseworker.email})
    run_jobs()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form = http.get(link, follow=True)
    http.post(
        form.redirect_chain[-1][0], {"new_password1": "Neues-Passwort-2026!", "new_password2": "Neues-Passwort-2026!"}
    )
    assert http.get("/").status_code == 302  # not logged in by the reset
    response = http.post(LOGIN, {"username": caseworker.email, "password": "Neues-Passwort-2026!"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/verify/")


def test_replacing_the_second_factor_needs_the_password(caseworker):
    http = Client()
    enrol(http, caseworker)
    old = TOTPDevice.objects.get(user=caseworker)
    http.get("/accounts/two-factor/setup/")
    new = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert http.post("/accounts/two-factor/setup/", {"password": "falsch", "token": code(new)}).status_code == 200
    assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
    http.post("/accounts/two-factor/setup/", {"password": PASSWORD, "token": code(new)})
    assert list(TOTPDevice.objects.filter(user=caseworker)) == [new]


def test_verify_does_not_redirect_to_other_hosts(caseworker):
    _codes, device = enrol(Client(), caseworker)
    http = Client()
    login(http, caseworker)
    response = http.post(
        "/accounts/two-factor/verify/", {"token": code(device, offset=1), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_wrong_codes_slow_down_further_attempts(caseworker):
    _codes, device = enrol(Client(), caseworker)
    http = Client()
    login(http, caseworker)
    http.post("/accounts/two-factor/verify/", {"token": "000000"})
    # Right after a failure even the right code is refused for a moment (django-otp throttling).
    assert http.post("/accounts/two-factor/verify/", {"token": code(device, offset=1)}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_after_an_administrator_removes_a_lost_device_the_user_sets_up_a_new_one(caseworker):
    enrol(Client(), caseworker)
    http = Client()
    login(http, caseworker)  # the session learns: this user has a device
    from django_otp.plugins.otp_static.models import StaticDevice

    TOTPDevice.objects.filter(user=caseworker).delete()
    StaticDevice.objects.filter(user=caseworker).delete()
    response = http.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/two-factor/setup/"


@pytest.mark.parametrize(
    ("wanted", "expected_next"),
    [
        ("/clients/?q=a&b=c", "/clients/?q=a&b=c"),  # the whole query string survives
        ("/clients/?next=https://evil.example/&x=1", "/clients/?next=https://evil.example/&x=1"),
        ("/clients/?q=%23frag%26next%3Dhttps://evil.example/", "/clients/?q=%23frag%26next%3Dhttps://evil.example/"),
    ],
)
def test_the_redirect_to_the_second_factor_keeps_next_url_encoded(caseworker, settings, wanted, expected_next):
    from urllib.parse import parse_qs, urlsplit

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    _codes, device = enrol(Client(), caseworker)
    http = Client()
    login(http, caseworker)
    response = http.get(wanted)
    assert response.status_code == 302
    location = urlsplit(response.url)
    assert location.path == "/accounts/two-factor/verify/"
    assert parse_qs(location.query) == {"next": [expected_next]}  # one parameter, nothing injected
    page = http.get(response.url)
    assert page.context["next"] == expected_next
    ok = http.post("/accounts/two-factor/verify/", {"token": code(device, offset=1), "next": page.context["next"]})
    assert ok.status_code == 302 and ok.url == expected_next
