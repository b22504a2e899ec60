"""Rate limits that hold in production (issue 10): one client-IP helper honouring only
WIR_TRUSTED_PROXIES, counters in the shared database cache (one count across processes and
threads), logged-in users limited too, password reset per address and per IP, the invitation link
per IP and per link, X-Forwarded-Proto only from trusted proxies."""

import logging
import os
import subprocess
import sys
import threading

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from tests.conftest import jobs
from wir_fallmanagement import ratelimit
from wir_fallmanagement.client_ip import client_ip


def request_with(**meta):
    return RequestFactory().get("/", **meta)


# ---------------------------------------------------------------------------- the client IP


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "192.0.2.1"),  # no proxy: the header is the client's own invention
        (1, "10.9.9.9, 198.51.100.7", "198.51.100.7"),  # the entry the proxy appended
        (2, "10.9.9.9, 198.51.100.7, 203.0.113.5", "198.51.100.7"),  # second from the right
        (2, "198.51.100.7", "192.0.2.1"),  # fewer entries than proxies: came past them
        (1, "not-an-ip", "192.0.2.1"),
        (1, "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_one_helper_decides_the_client_ip(settings, trusted, forwarded, expected):
    settings.WIR_TRUSTED_PROXIES = trusted
    request = request_with(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_axes_and_the_security_log_use_the_same_address(settings, caplog, client, db):
    settings.WIR_TRUSTED_PROXIES = 1
    request = request_with(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.7")
    assert get_client_ip_address(request) == "198.51.100.7"
    with caplog.at_level(logging.INFO, logger="wir.security"):
        client.post(
            "/accounts/login/",
            {"username": "nobody@example.org", "password": "falsch-falsch"},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.7",
        )
    assert "ip=198.51.100.7" in caplog.text and "ip=10.0.0.1" not in caplog.text


def test_the_old_client_ip_headers_setting_is_refused_loudly():
    env = {**os.environ, "WIR_CLIENT_IP_HEADERS": "HTTP_X_REAL_IP", "SECRET_KEY": "x" * 50}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "WIR_TRUSTED_PROXIES" in result.stderr


# ---------------------------------------------------------------------------- the shared cache


def test_the_default_cache_is_the_database_cache_created_by_migrate(db):
    assert django_settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert django_settings.CACHES["default"]["LOCATION"] in connection.introspection.table_names()


def _database_url_of_the_test_database() -> str:
    base = os.environ["DATABASE_URL"]
    name = connection.settings_dict["NAME"]
    head, _sep, tail = base.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + ("?" + tail if tail else "")


@pytest.mark.django_db(transaction=True)
def test_another_process_sees_the_same_counter(settings):
    settings.WIR_RATE_LIMITS = {"verify": (30, 600)}
    results = [ratelimit.hit("verify", "ip:198.51.100.1") for _ in range(30)]
    assert not any(results)
    script = "from wir_fallmanagement import ratelimit; print(ratelimit.hit('verify', 'ip:198.51.100.1'))"
    env = {**os.environ, "DATABASE_URL": _database_url_of_the_test_database(), "SECRET_KEY": "x" * 50}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_are_all_counted(settings):
    settings.WIR_RATE_LIMITS = {"verify": (1000, 600)}
    barrier = threading.Barrier(12)

    def worker():
        barrier.wait()
        for _ in range(5):
            ratelimit.hit("verify", "ip:198.51.100.2")
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    settings.WIR_RATE_LIMITS = {"verify": (60, 600)}
    assert ratelimit.hit("verify", "ip:198.51.100.2")  # 61st: all 60 before were counted
    cache.clear()


def test_logged_in_users_are_counted_per_account_with_a_higher_allowance(settings, rf, caseworker, colleague):
    settings.WIR_RATE_LIMITS = {"verify": (1, 600), "verify_user": (2, 600)}
    for user, expected in ((caseworker, [False, False, True]), (colleague, [False, False, True])):
        request = rf.get("/", REMOTE_ADDR="192.0.2.1")
        request.user = user
        assert [ratelimit.hit_per_client(request, "verify") for _ in range(3)] == expected


# ---------------------------------------------------------------------------- password reset


def test_password_reset_is_limited_per_address_without_telling(settings, client, volunteer):
    settings.WIR_RATE_LIMITS = {"password_reset_address": (2, 3600)}
    for i in range(4):
        response = client.post("/accounts/password_reset/", {"email": volunteer.email}, REMOTE_ADDR=f"192.0.2.{i}")
        assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    assert jobs("send_password_reset").count() == 2  # two mails queued for the worker


def test_password_reset_is_limited_per_client_ip(settings, client, db):
    settings.WIR_RATE_LIMITS = {"password_reset_ip": (2, 3600)}
    statuses = [
        client.post("/accounts/password_reset/", {"email": f"a{i}@example.org"}, REMOTE_ADDR="192.0.2.1").status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    response = client.post("/accounts/password_reset/", {"email": "kept@example.org"}, REMOTE_ADDR="192.0.2.1")
    assert "zu viele Anfragen" in response.content.decode()
    assert response.context["form"]["email"].value() == "kept@example.org"
    other = client.post("/accounts/password_reset/", {"email": "b@example.org"}, REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 302


# ---------------------------------------------------------------------------- invitation link


def test_the_invitation_link_is_limited_per_ip_and_per_link(settings, client, db):
    settings.WIR_RATE_LIMITS = {"invitation_ip": (3, 600), "invitation_token": (2, 600)}
    link = "/portal/invitation/MQ/abc-def/"
    assert [client.get(link, REMOTE_ADDR=f"192.0.2.{i}").status_code for i in range(3)] == [200, 200, 429]
    others = [client.get(f"/portal/invitation/MQ/x{i}-y/", REMOTE_ADDR="192.0.2.50").status_code for i in range(4)]
    assert others == [200, 200, 200, 429]
    assert "Zu viele Versuche" in client.get(link, REMOTE_ADDR="192.0.2.99").content.decode()


# ---------------------------------------------------------------------------- X-Forwarded-Proto


def test_x_forwarded_proto_is_ignored_without_trusted_proxies(settings, client, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.WIR_TRUSTED_PROXIES = 0
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 301 and response.url.startswith("https://")


def test_x_forwarded_proto_counts_from_the_trusted_proxy(settings, client, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.WIR_TRUSTED_PROXIES = 1
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 200
    # …but not from a request that did not come through the proxy
    direct = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301


def test_the_password_reset_link_is_limited_per_client_ip(settings, client, db):
    settings.WIR_RATE_LIMITS = {"password_reset_link_ip": (2, 600)}
    statuses = [client.get(f"/accounts/reset/MQ/x{i}-y/", REMOTE_ADDR="192.0.2.1").status_code for i in range(3)]
    assert statuses == [200, 200, 429]
    assert "Zu viele Versuche" in client.get("/accounts/reset/MQ/a-b/", REMOTE_ADDR="192.0.2.1").content.decode()
    assert client.get("/accounts/reset/MQ/a-b/", REMOTE_ADDR="192.0.2.2").status_code == 200


# ---------------------------------------------------------------------------- public directory PDF


def test_new_pdfs_of_the_public_directory_are_limited_per_client_ip(settings, client, db):
    """Every new search text is a new PDF for the worker to render (a stored row and a job): without
    a limit, anyone could fill the queue and the table. Copies that exist already stay free."""
    from offers.models import DirectoryPdf

    settings.WIR_RATE_LIMITS = {"directory_pdf": (3, 600)}
    statuses = [client.get(f"/directory/pdf/?q=kurs{i}", REMOTE_ADDR="192.0.2.1").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert DirectoryPdf.objects.count() == 3 and jobs("render_directory_pdf").count() == 3
    assert client.get("/directory/pdf/?q=kurs0", REMOTE_ADDR="192.0.2.1").status_code == 200  # exists: free
    limited = client.get("/directory/pdf/?q=kurs9", REMOTE_ADDR="192.0.2.1")
    assert "Bitte versuchen Sie es in einigen Minuten noch einmal" in limited.content.decode()
    assert client.get("/directory/pdf/?q=kurs9", REMOTE_ADDR="192.0.2.2").status_code == 200
