import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wir_fallmanagement.middleware import SESSION_LOGIN_AT


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_does_not(client, expect_errors):
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = "wir_database_that_does_not_exist"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
    assert response.status_code == 503
    assert [r.getMessage() for r in expect_errors()] == ["Service Unavailable: /healthz"]


def test_healthz_rejects_post(client, db):
    assert client.post("/healthz").status_code == 405


def test_security_headers_on_every_page(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_authenticated_pages_are_not_stored(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_pages_carry_no_inline_script_or_style(client, caseworker):
    client.force_login(caseworker)
    body = client.get("/").content.decode()
    assert "<script>" not in body
    assert "style=" not in body
    assert "<style" not in body


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_session_ends_after_30_idle_minutes(client, caseworker):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(caseworker)
    assert client.get("/").status_code == 200
    expires = session_row(client).expire_date
    assert timedelta(minutes=29) < expires - timezone.now() <= timedelta(minutes=30)
    Session.objects.filter(pk=session_row(client).pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]]


def test_a_page_does_not_write_the_session_more_than_once_a_minute(client, caseworker):
    """The idle limit is renewed by saving the session; once a minute is enough, not on every page
    (an UPDATE and a commit each time)."""
    client.force_login(caseworker)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert session_writes(queries.captured_queries) == []
    before = session_row(client).expire_date

    session = client.session
    session["wir_seen_at"] -= settings.WIR_SESSION_REFRESH_SECONDS
    session.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(session_writes(queries.captured_queries)) == 1
    assert session_row(client).expire_date > before  # the idle limit starts again


def test_session_ends_12_hours_after_login_however_active(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_LOGIN_AT] = session[SESSION_LOGIN_AT] - timedelta(hours=12, minutes=1).total_seconds()
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_static_files_are_served_locally(client, db):
    body = client.get("/accounts/login/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body
    assert "https://" not in body.split("<body")[0]  # no CDN in the head


def test_check_deploy_is_clean_with_production_settings(db):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "WIR_DEMO": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "fallmanagement.example.de",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(db):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_language_switch_to_english_and_back(client, caseworker):
    client.force_login(caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en"' in body
    assert "Overview" in body
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Übersicht" in client.get("/").content.decode()


def test_csrf_failure_page_is_german(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "a@b.de", "password": "x"})
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()


def test_migrations_can_be_checked_without_a_secret_key(db):
    """A fresh checkout or CI job may run makemigrations/migrate without secrets; the server may not."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
