"""The production path, run for real: scripts/serve (migrate, compilemessages, collectstatic with the
manifest storage, check --deploy, gunicorn + the task worker) on a fresh database and a fresh
STATIC_ROOT, then HTTP requests as the TLS proxy forwards them."""

import json
import re
import signal
import subprocess

from accounts.models import Role
from tests import live

PASSWORD = "Produktionsweg-Test-2026"


def test_production_steps_from_a_clean_state_serve_real_requests(tmp_path):
    with live.fresh_database() as database:
        port = live.free_port()
        env = live.production_env(database, tmp_path, WIR_BIND=f"127.0.0.1:{port}")
        serve = live.start([str(live.BASE_DIR / "scripts" / "serve")], env, tmp_path / "serve.log")
        try:
            live.wait_for_http(port, timeout=400, process=serve)
            live.create_user(env, "ehrenamt@example.org", PASSWORD, Role.VOLUNTEER)
            browser = live.Browser(port)

            login_page = browser.get("/accounts/login/")
            assert login_page.status == 200
            assert "Anmelden" in login_page.text
            # Pages link the hashed, compressed copies collectstatic made.
            css = re.search(r'href="(/static/vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css)"', login_page.text)
            assert css, login_page.text[:1500]

            browser.login("ehrenamt@example.org", PASSWORD)
            portal = browser.get("/portal/")
            assert portal.status == 200, portal.text[:2000]
            assert "Abmelden" in portal.text
            assert "no-store" in portal.headers["Cache-Control"]

            # Staff with the second factor: a page of every app added since (imports, privacy,
            # reports, operations) renders from the collected files and the migrated database.
            key = live.create_staff_with_second_factor(env, "admin@example.org", PASSWORD, "Administration")
            staff = live.Browser(port)
            staff.login("admin@example.org", PASSWORD)
            live.second_factor(staff, key)
            for path, words in [
                ("/imports/", "Import"),
                ("/privacy/", "Löschfristen"),
                ("/reports/", "Statistik"),
                ("/reports/yearly/", "Jahresbericht"),
                ("/setup/", "Kommunen"),
            ]:
                page = staff.get(path)
                assert page.status == 200 and words in page.text, (path, page.status, page.text[:1500])

            manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
            hashed = manifest["paths"]["css/app.css"]
            assert hashed != "css/app.css"
            static = live.Browser(port).get(f"/static/{hashed}")
            assert static.status == 200
            assert "immutable" in static.headers["Cache-Control"]
            assert static.body == (tmp_path / "static" / hashed).read_bytes()
            # The PDF stylesheet with its wirstatic: font URLs survived collectstatic unchanged.
            fonts_css = (tmp_path / "static" / manifest["paths"]["css/pdf-fonts.css"]).read_text()
            assert 'url("wirstatic:fonts/noto/NotoSans-Regular.ttf")' in fonts_css

            health = live.Browser(port).get("/healthz")
            assert (health.status, health.body) == (200, b"ok")
            live.wait_for_http(port, "/readyz", timeout=60, process=serve)  # the worker's heartbeat
        finally:
            status = live.stop(serve, signal.SIGTERM)
        log = (tmp_path / "serve.log").read_text()
        assert status == 0, log[-4000:]
        assert "System check identified no issues" in log
        assert "Starting worker" in log  # the Procrastinate worker ran next to gunicorn
        assert "Stopped worker" in log and "Shutting down: Master" in log  # both stopped by one signal


SHOW_HTTPS = (
    "import django; django.setup(); from django.conf import settings as s;"
    "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
)


def test_plain_http_for_the_local_demo_only(tmp_path):
    def run(**extra):
        env = live.production_env("postgres:///unused", tmp_path, DJANGO_SETTINGS_MODULE="wir_fallmanagement.settings")
        env.update(extra)
        return subprocess.run(
            [live.PYTHON, "-c", SHOW_HTTPS], cwd=live.BASE_DIR, env=env, capture_output=True, text=True
        )

    assert run().stdout.split() == ["True", "True", "True"]
    assert run(WIR_PLAIN_HTTP="1", ALLOWED_HOSTS="127.0.0.1,localhost").stdout.split() == ["False", "False", "False"]
    public = run(WIR_PLAIN_HTTP="1", ALLOWED_HOSTS="fallmanagement.example.de")
    assert public.returncode != 0 and "WIR_PLAIN_HTTP=1 is only allowed" in public.stderr
