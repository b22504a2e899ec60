"""The daily jobs run as periodic tasks of a real Procrastinate worker, no cron line needed."""

import datetime
import time

import pytest
from django.db import connection
from django.utils import timezone

from authorisations.models import Authorisation
from tests import live
from tests.factories import make_authorisation, make_principal


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_daily_jobs_by_itself(agent, caseworker, branch, tmp_path):
    # No language: a transactional test may run after others emptied the migrations' rows.
    principal = make_principal(caseworker, language=None)
    ended = make_authorisation(
        principal, agent, caseworker, branch, status="signed", valid_until=timezone.localdate() - datetime.timedelta(1)
    )
    env = live.production_env(live.database_url(connection.settings_dict["NAME"]), tmp_path)
    worker = live.start([live.PYTHON, "manage.py", "procrastinate", "worker"], env, tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 60
        # A fresh worker defers the latest due run of each periodic task at once (max_delay: a day).
        while Authorisation.objects.get(pk=ended.pk).status != "expired":
            assert worker.poll() is None, live.read_log(worker)
            assert time.monotonic() < deadline, live.read_log(worker)
            time.sleep(0.5)
        while "reports.send_reminders" not in live.read_log(worker) or "Success" not in live.read_log(worker):
            assert time.monotonic() < deadline, live.read_log(worker)
            time.sleep(0.5)
    finally:
        live.stop(worker)
    log = (tmp_path / "worker.log").read_text()
    assert "Job authorisations.expire_authorisations" in log and "ended with status: Success" in log
    assert "Job reports.send_reminders" in log
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name FROM procrastinate_periodic_defers ORDER BY task_name")
        assert [r[0] for r in cursor.fetchall()] == [
            "authorisations.expire_authorisations",
            "cases.delete_expired_exports",
            "privacy.apply_retention",
            "reports.refresh_figures",
            "reports.send_reminders",
        ]
