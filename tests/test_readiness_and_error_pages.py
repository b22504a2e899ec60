"""/readyz with a real task worker, and the error pages in both languages."""

import json
import re
import time

import pytest
from django.db import connection
from django.test import Client

from tests import live

MANIFEST_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def production_static(settings, tmp_path):
    """The production static storage with an empty STATIC_ROOT (collectstatic not yet run)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    return settings.STATIC_ROOT


def readyz(client):
    response = client.get("/readyz")
    return response.status_code, response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_readyz_needs_the_static_manifest_and_a_live_task_worker(client, production_static, tmp_path, expect_errors):
    status, body = readyz(client)
    assert status == 503
    assert "static: FAIL" in body and "worker: FAIL" in body
    assert "database: ok" in body and "migrations: ok" in body

    manifest = {"version": "1.1", "paths": {"css/app.css": "css/app.0123456789ab.css"}, "hash": "x"}
    (production_static / "staticfiles.json").write_text(json.dumps(manifest))
    status, body = readyz(client)
    assert "static: ok" in body and status == 503  # still no worker

    env = live.production_env(live.database_url(connection.settings_dict["NAME"]), tmp_path)
    worker = live.start([live.PYTHON, "manage.py", "procrastinate", "worker"], env, tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 60
        while readyz(client)[0] != 200:
            assert worker.poll() is None, live.read_log(worker)
            assert time.monotonic() < deadline, readyz(client)[1]
            time.sleep(0.5)
        assert "worker: ok – 1 alive" in readyz(client)[1]
    finally:
        assert live.stop(worker) == 0
    # A worker that stopped cleanly unregisters: not ready any more.
    status, body = readyz(client)
    assert status == 503 and "worker: FAIL" in body


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_unapplied_migrations(client, production_static, expect_errors):
    (production_static / "staticfiles.json").write_text('{"version": "1.1", "paths": {}, "hash": "x"}')
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'procrastinate' AND name LIKE '0041_%'")
    try:
        status, body = readyz(client)
    finally:
        from django.core.management import call_command

        call_command("migrate", "procrastinate", fake=True, verbosity=0)
    assert status == 503
    assert "migrations: FAIL – 1 not applied" in body


def test_healthz_is_liveness_only(client, production_static, db):
    """No manifest, no worker: the process and the database answer, so it is alive."""
    assert client.get("/healthz").status_code == 200


PAGES = {
    "/e400/": (400, "Ungültige Anfrage", "Bad request"),
    "/e403/": (403, "Keine Berechtigung", "Not permitted"),
    "/does-not-exist/": (404, "Seite nicht gefunden", "Page not found"),
    "/e500/": (500, "Ein Fehler ist aufgetreten", "An error occurred"),
    "/e503/": (503, "Vorübergehend nicht erreichbar", "Temporarily unavailable"),
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["de", "en"])
def test_error_pages_in_german_and_english(path, language, settings, caseworker, caplog, expect_errors):
    settings.ROOT_URLCONF = "tests.error_urls"
    status, german, english = PAGES[path]
    caseworker.language = language  # the user's choice decides, not the browser's Accept-Language
    caseworker.save(update_fields=["language"])
    http = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en" if language == "de" else "de")
    http.force_login(caseworker)
    response = http.get(path)
    assert response.status_code == status
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    assert (german if language == "de" else english) in body
    assert "secret internal detail" not in body and "Traceback" not in body
    if status >= 500:
        incident = re.search(r"<code>([0-9a-f]{10})</code>", body).group(1)
        logged = [r.getMessage() for r in caplog.records if r.name == "wir.incident"]
        assert any(f"incident={incident} status={status}" in m for m in logged)
