"""How the reports scale: the statistics page for a year and the yearly report (PDF + XLSX).

    .venv/bin/python bench/reports.py                      # on bench/scale.py's 10,000-client database
    .venv/bin/python bench/reports.py --clients 1000000    # on the million (generate it first:
                                                           #   bench/scale.py --clients 1000000 --only-generate)

The data is the database `wir_scale_<N>` that bench/scale.py generates with bench/generate.py
(created here too if it is missing). Targets (issue 14): the statistics page for a year in ≤ 1 s,
the yearly report in ≤ 10 s in the background. The page is requested in-process through Django's
test client as the team lead (whole team) and as a caseworker (own caseload); the report is timed
as the task worker runs it (`reports.tasks.make_yearly_report`: figures, PDF, XLSX), in this process.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import _database_url, _ensure_database  # noqa: E402 - after the path is set

PAGE_TARGET, REPORT_TARGET = 1.0, 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--year", type=int, help="the year to report (default: this year)")
    parser.add_argument("--database-url", help="a database URL of the cluster to use (default: DATABASE_URL)")
    parser.add_argument("--database", help="the database's name on that cluster (default: wir_scale_<clients>)")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = _database_url(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wir_fallmanagement.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ["WIR_REQUIRE_2FA"] = "0"
    os.environ["WIR_PLAIN_HTTP"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    name = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    if _ensure_database(name, regenerate=False):
        from bench.generate import generate

        call_command("migrate", "--noinput", "-v", "0")
        generate(clients=args.clients, out=sys.stdout)
    call_command("migrate", "--noinput", "-v", "0")  # the reports' own migrations on an older database
    measure(args)


def measure(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import Role, User
    from cases.models import Client, Municipality

    has_stored_figures = importlib.util.find_spec("reports.figures") is not None  # this branch or later

    def touch():
        """A write to a counted table that changes nothing (it still marks the stored figures out of date)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cases_municipality SET name = name WHERE id = (SELECT min(id) FROM cases_municipality)"
            )

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic for a benchmark: plain static URLs instead of the manifest's.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    year = args.year or timezone.localdate().year
    lead = User.objects.filter(role=Role.TEAMLEAD).order_by("pk").first()
    caseworker = User.objects.filter(role=Role.CASEWORKER).order_by("pk").first()
    print(f"{Client.objects.count():,} clients; year {year}; PostgreSQL {connection.pg_version}")
    url = reverse("reports:statistics") + f"?kind=year&year={year}"
    municipality = Municipality.objects.order_by("pk").first()
    rows = []
    scopes = [
        ("team lead (whole team)", lead, url),
        ("caseworker (own caseload)", caseworker, url),
        (f"team lead, municipality {municipality}", lead, f"{url}&municipality={municipality.pk}"),
        ("team lead, one caseworker", lead, f"{url}&caseworker={caseworker.pk}"),
    ]
    # Each scope: counted afresh ("Jetzt neu zählen", and every visit of a branch without stored
    # figures), then stored figures (later visits while nothing changed), then -- whole team only --
    # after a change: the recent figures with their note, and exact mode (WIR_FIGURES_RECENT_MINUTES=0).
    pages = []
    for label, user, page_url in scopes:
        pages.append((f"{label}, counted afresh", user, page_url + "&neu=1", None))
        if has_stored_figures:
            pages.append((f"{label}, stored figures", user, page_url, None))
    if has_stored_figures:
        lead_url = scopes[0][2]
        pages.append(("team lead, after a change (recent figures with a note)", lead, lead_url, "recent"))
        pages.append(("team lead, after a change, WIR_FIGURES_RECENT_MINUTES=0", lead, lead_url, "exact"))
    for label, user, page_url, after_change in pages:
        client = HttpClient()
        client.force_login(user)
        client.get(page_url)  # warm-up (and the figures stored)
        settings.WIR_FIGURES_RECENT_MINUTES = 0 if after_change == "exact" else 20
        times, queries, status = [], 0, None
        for _ in range(args.repeat):
            if after_change:
                touch()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(page_url)
                times.append(time.perf_counter() - started)
            queries, status = len(captured), response.status_code
        settings.WIR_FIGURES_RECENT_MINUTES = 20
        rows.append((f"/reports/ {year}, {label}", statistics.median(times), max(times), queries, status, PAGE_TARGET))

    for label, after_change in (("with stored figures ", False),) + (
        (("after a change, counted afresh ", True),) if has_stored_figures else ()
    ):
        rows.append(report(year, lead, args, label, after_change, touch))

    print(f"\n{'what':<72} {'median':>8} {'max':>8} {'queries':>8} {'target':>8}")
    for what, median, worst, queries, status, target in rows:
        verdict = "ok" if worst <= target else "TOO SLOW"
        queries = "" if queries is None else queries
        print(
            f"{what:<72} {median:>7.2f}s {worst:>7.2f}s {queries!s:>8} {target:>7.0f}s {verdict}"
            + (f" (HTTP {status})" if status not in (None, 200) else "")
        )


def report(year, lead, args, label, after_change, touch):
    from reports.models import YearlyReportJob
    from reports.tasks import make_yearly_report

    class Context:  # what Procrastinate passes with pass_context=True
        class job:
            attempts = 0

    times = []
    if not after_change:  # a first run counts and stores the figures; the runs measured find them
        job = YearlyReportJob.objects.create(year=year, requested_by=lead)
        make_yearly_report.func(Context, job_id=job.pk)
        job.delete()
    for _ in range(max(1, args.repeat // 2)):
        if after_change:
            touch()
        job = YearlyReportJob.objects.create(year=year, requested_by=lead)
        started = time.perf_counter()
        make_yearly_report.func(Context, job_id=job.pk)
        times.append(time.perf_counter() - started)
        job.refresh_from_db()
        assert job.status == YearlyReportJob.Status.DONE, job.status
        size = f"{len(bytes(job.pdf)) // 1024} KB PDF, {len(bytes(job.xlsx)) // 1024} KB XLSX"
        job.delete()
    return (
        f"yearly report {year} {label}(task: figures + PDF + XLSX; {size})",
        statistics.median(times),
        max(times),
        None,
        None,
        REPORT_TARGET,
    )


if __name__ == "__main__":
    main()
