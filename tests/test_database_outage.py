"""A database outage under gunicorn, for real: a throwaway PostgreSQL cluster is stopped and
started again. Pages answer 503 with an incident id while it is down, and the app recovers by
itself (same processes, same login) within seconds of the database coming back."""

import re
import time

from accounts.models import Role
from tests import live

PASSWORD = "Ausfall-Test-Passwort-2026"


def test_database_outage_gives_503_with_incident_id_and_recovers_by_itself(tmp_path, collected_static):
    cluster = live.ThrowawayCluster()
    try:
        env = live.production_env(
            cluster.create_database("wir_outage"), tmp_path, WIR_STATIC_ROOT=str(collected_static)
        )
        live.manage(env, "migrate", "--noinput", "-v", "0")  # a cluster of its own: no template there
        live.create_user(env, "ehrenamt@example.org", PASSWORD, Role.VOLUNTEER)
        web, port = live.start_gunicorn(env, tmp_path)
        try:
            browser = live.Browser(port)
            browser.login("ehrenamt@example.org", PASSWORD)
            assert browser.get("/portal/").status == 200

            cluster.stop()
            down = browser.get("/portal/")
            assert down.status == 503
            assert down.headers["Retry-After"] == "10"
            assert "Vorübergehend nicht erreichbar" in down.text
            assert "Traceback" not in down.text
            incident = re.search(r"<code>([0-9a-f]{10})</code>", down.text).group(1)
            english = live.Browser(port, language="en")
            english.cookies = dict(browser.cookies) | {"django_language": "en"}  # the language switch's cookie
            assert "Temporarily unavailable" in english.get("/portal/").text
            assert live.Browser(port).get("/healthz").status == 503

            cluster.start()
            back_at = time.monotonic()
            while browser.get("/portal/").status != 200:
                assert time.monotonic() - back_at < 10, "not recovered 10 s after the database came back"
                time.sleep(0.2)
            assert live.Browser(port).get("/healthz").status == 200
            assert browser.get("/portal/").status == 200  # the session survived the outage
        finally:
            live.stop(web)
        log = (tmp_path / "web.log").read_text()
        assert f"incident={incident} status=503" in log
    finally:
        cluster.destroy()
