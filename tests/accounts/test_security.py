import logging
import os
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from django.test import Client

from accounts.models import Role
from cases.models import AccessLog
from tests.factories import PASSWORD, make_client

LOGIN = "/accounts/login/"


def fail_login(client, email, times):
    for _ in range(times):
        client.post(LOGIN, {"username": email, "password": "wrong-password"})


# ------------------------------------------------------------------------------ lockout


def test_five_failures_lock_the_account_with_a_german_page(client, caseworker):
    fail_login(client, caseworker.email, 5)
    response = client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_four_failures_do_not_lock_and_success_resets_the_count(client, caseworker):
    fail_login(client, caseworker.email, 4)
    assert client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD}).status_code == 302
    client.logout()
    fail_login(client, caseworker.email, 4)
    assert client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD}).status_code == 302


def test_unknown_addresses_are_locked_the_same_way(client, db):
    fail_login(client, "nobody@example.org", 5)
    response = client.post(LOGIN, {"username": "nobody@example.org", "password": "x"})
    assert response.status_code == 429


def test_lockout_ends_after_the_cool_off(client, caseworker):
    fail_login(client, caseworker.email, 5)
    assert client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD}).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME)
    assert client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD}).status_code == 302


def test_lockout_of_one_account_does_not_lock_a_colleague(client, caseworker, colleague):
    fail_login(client, caseworker.email, 6)
    assert client.post(LOGIN, {"username": colleague.email, "password": PASSWORD}).status_code == 302


def test_administrators_can_unlock(client, caseworker, administrator):
    fail_login(client, caseworker.email, 5)
    admin = Client()
    admin.force_login(administrator)
    attempt = AccessAttempt.objects.get()
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD}).status_code == 302


# ------------------------------------------------------------------------------ security log


def test_login_events_are_logged_without_secrets(client, caseworker, caplog):
    caplog.set_level(logging.INFO, logger="wir.security")
    client.post(LOGIN, {"username": caseworker.email, "password": "wrong-password"})
    client.post(LOGIN, {"username": caseworker.email, "password": PASSWORD})
    lines = [r.getMessage() for r in caplog.records if r.name == "wir.security"]
    assert any("event=login outcome=failed" in line for line in lines)
    assert any(f"event=login outcome=ok user={caseworker.pk}" in line for line in lines)
    text = "\n".join(lines)
    assert PASSWORD not in text and "wrong-password" not in text and caseworker.email not in text
    assert client.session.session_key not in text


def test_newlines_in_input_cannot_forge_log_lines(client, caseworker, caplog):
    from accounts import security

    caplog.set_level(logging.INFO, logger="wir.security")
    security.event("probe", request=None, note="x\nevent=login outcome=ok user=1\r\u2028")
    message = [r.getMessage() for r in caplog.records if r.name == "wir.security"][-1]
    assert "\n" not in message and "\r" not in message and "\u2028" not in message


def test_denied_access_and_role_changes_are_logged(client, caseworker, colleague, caplog):
    caplog.set_level(logging.INFO, logger="wir.security")
    other = make_client(caseworker)
    client.force_login(colleague)
    client.get(f"/clients/{other.pk}/")
    colleague.role = Role.TEAMLEAD
    colleague.save()
    lines = [r.getMessage() for r in caplog.records if r.name == "wir.security"]
    assert any("event=access_denied outcome=denied" in line for line in lines)
    assert any("event=role_change" in line and "new=Teamleitung" in line for line in lines)


# ------------------------------------------------------------------------------ passwords and sessions


def test_password_policy_min_10_and_long_passphrases(client, caseworker):
    client.force_login(caseworker)
    long_pass = "Ein sehr langer Satz als Passwort, " * 3  # > 64 characters
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": long_pass, "new_password2": long_pass},
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password(long_pass)
    for bad in ["Kurz1!", "password123", "1234567890123"]:
        response = client.post(
            "/accounts/password_change/", {"old_password": long_pass, "new_password1": bad, "new_password2": bad}
        )
        assert response.status_code == 200


def test_a_password_change_ends_the_users_other_sessions(caseworker):
    laptop, phone = Client(), Client()
    laptop.force_login(caseworker)
    phone.force_login(caseworker)
    response = laptop.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "Neues-Passwort-2026!", "new_password2": "Neues-Passwort-2026!"},
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200  # the session that changed it stays
    assert phone.get("/").status_code == 302  # the other one is logged out


def test_deactivating_a_user_ends_all_their_sessions(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/").status_code == 200
    caseworker.is_active = False
    caseworker.save()
    assert client.get("/").status_code == 302


# ------------------------------------------------------------------------------ audit tables


def test_history_rows_cannot_be_changed_or_deleted(caseworker):
    target = make_client(caseworker)
    table = target.history.model._meta.db_table
    errors = (InternalError, ProgrammingError, IntegrityError)
    with pytest.raises(errors), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET family_name = %s', ["Manipuliert"])  # noqa: S608
    with pytest.raises(errors), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
    assert target.history.count() == 1


def test_access_log_rows_cannot_be_changed_or_deleted(caseworker):
    target = make_client(caseworker)
    AccessLog.objects.create(user=caseworker, client=target, action="view")
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccessLog.objects.update(action="export")
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().action == "view"


def test_every_history_table_is_protected(db):
    from accounts.immutable import audit_tables

    tables = audit_tables()
    assert "accounts_accesslog" in tables
    assert "cases_historicalclient" in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_name = 'wir_append_only'"
        )
        protected = {row[0] for row in cursor.fetchall()}
    assert set(tables) <= protected


# ------------------------------------------------------------------------------ errors


def test_server_errors_show_an_incident_id_and_no_trace(caseworker, settings, caplog, expect_errors):
    settings.ROOT_URLCONF = "tests.accounts.failing_urls"
    http = Client(raise_request_exception=False)
    http.force_login(caseworker)
    response = http.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Vorgangsnummer" in body
    assert "secret internal detail" not in body and "Traceback" not in body
    incident = body.split("<code>")[1].split("</code>")[0]
    assert any(incident in r.getMessage() for r in caplog.records if r.name == "wir.incident")
    assert {r.name for r in expect_errors()} >= {"wir.incident"}


def test_production_settings_require_two_factors_and_the_demo_may_not(db):
    def setting(extra):
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("WIR_") and k != "DEBUG"}, **extra}
        env["SECRET_KEY"] = secrets.token_urlsafe(40)
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django,os;django.setup();from django.conf import settings;print(settings.WIR_REQUIRE_2FA)",
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "wir_fallmanagement.settings"},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    assert setting({}) == "True"
    assert setting({"WIR_DEMO": "1"}) == "False"


def test_no_model_form_uses_all_fields():
    import pathlib

    offenders = [
        str(p)
        for p in pathlib.Path(settings.BASE_DIR).glob("*/**/*.py")
        if ".venv" not in p.parts and "tests" not in p.parts and '"__all__"' in p.read_text()
    ]
    assert offenders == []


def test_group_for_each_role_exists(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    assert mail.outbox == []
