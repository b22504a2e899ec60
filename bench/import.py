"""Benchmark: import 10,000 clients with households from one XLSX file (docs/import.md).

    SECRET_KEY=x DATABASE_URL=$(scripts/dev dburl) .venv/bin/python bench/import.py [--rows 10000] [--csv]

Creates a throwaway database (bench_import_<name>, migrated, dropped at the end), a caseworker and the
municipalities, writes a realistic file (households of one to five members sharing a BG number,
Arabic names in the original-script columns, three date formats, languages), and times what the
task worker does: reading the file, the dry run (with the duplicate search per new client), the
commit in one transaction, and a second import of the same file (everything skipped). Each step
prints its wall-clock time and the CPU time of Python and of the PostgreSQL backend: on a machine
shared with other work the CPU times are the steadier figure (their sum is the wall time on an
idle machine, minus what overlaps).

With `--worker` the dry run and the commit run the way they run for users: the jobs are deferred to
the queue `imports` and done by a real task worker (`manage.py procrastinate worker`, started by the
benchmark on its database), while the benchmark reads the progress the page shows; the times are
from deferring the job until the run is checked / imported, the CPU the worker process's.
`--kind volunteers` imports a volunteers file (languages, municipalities, police certificate).
"""

import argparse
import datetime
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wir_fallmanagement.settings")

import django

django.setup()

import openpyxl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from cases.models import Case, Client, Household, Municipality  # noqa: E402
from cases.resources import ClientImportResource  # noqa: E402
from imports import services, tasks  # noqa: E402
from imports.models import ImportRun  # noqa: E402
from wir_fallmanagement.uploads import CSV, XLSX, CheckedUpload  # noqa: E402

FAMILY = ["Haddad", "Nasser", "Yusuf", "Karimi", "Ahmadi", "Hussein", "Al-Hassan", "Mohammadi", "Kovalenko", "Tesfaye"]
GIVEN = ["Mariam", "Omar", "Lina", "Ali", "Sara", "Ahmad", "Fatima", "Yasin", "Olena", "Dawit", "Amal", "Hamid"]
ARABIC = ["مريم", "عمر", "لينا", "علي", "سارة", "أحمد", "فاطمة", "ياسين"]
TOWNS = ["Erbach", "Michelstadt", "Bad König", "Höchst i. Odw.", "Breuberg", "Brensbach"]


def rows(count: int) -> list[list]:
    rng = random.Random(16)
    out, n, household = [], 0, 0
    while n < count:
        household += 1
        bg = f"06431BG{household:07d}"
        family = f"{rng.choice(FAMILY)}{household}"
        for member in range(min(rng.randint(1, 5), count - n)):
            born = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))
            date = [born.strftime("%d.%m.%Y"), born.isoformat(), born][n % 3]
            role = "Antragsteller:in" if member == 0 else ("Partner:in" if member == 1 else "Kind")
            out.append(
                [
                    family,
                    rng.choice(GIVEN),
                    date,
                    rng.choice(["weiblich", "männlich"]),
                    rng.choice(TOWNS),
                    bg,
                    role,
                    "Arabisch (Muttersprache); Deutsch (Grundkenntnisse)",
                    rng.choice(ARABIC),
                ]
            )
            n += 1
    return out


HEADERS = [
    "Familienname",
    "Vorname(n)",
    "Geburtsdatum",
    "Geschlecht",
    "Kommune",
    "BG-Nummer",
    "Rolle in der BG",
    "Sprachen",
    "Vorname(n) (Originalschrift)",
]


VOLUNTEER_HEADERS = [
    "Familienname",
    "Vorname(n)",
    "E-Mail",
    "Geburtsdatum",
    "Sprachen",
    "Kommunen",
    "Führungszeugnis ausgestellt am",
    "Führungszeugnis eingesehen am",
    "Ergebnis Führungszeugnis",
]


def volunteer_rows(count: int) -> list[list]:
    rng = random.Random(16)
    out = []
    for n in range(count):
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))
        issued = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        out.append(
            [
                rng.choice(FAMILY),
                f"{rng.choice(GIVEN)}{n}",
                f"ehrenamt{n}@example.org",
                born.strftime("%d.%m.%Y"),
                "Arabisch (Muttersprache); Deutsch (Grundkenntnisse)",
                "; ".join(rng.sample(TOWNS, 2)),
                issued.strftime("%d.%m.%Y"),
                (issued + datetime.timedelta(days=7)).strftime("%d.%m.%Y"),
                "ohne Eintrag – unbedenklich",
            ]
        )
    return out


def xlsx(data, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(data, headers=HEADERS) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    for row in data:
        writer.writerow([v.strftime("%d.%m.%Y") if isinstance(v, datetime.date) else v for v in row])
    return out.getvalue().encode()


def backend_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend (same machine: /proc), or 0 if unknown."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(label, func):
    start, cpu, db = time.perf_counter(), time.process_time(), backend_cpu()
    result = func()
    wall, cpu, db = time.perf_counter() - start, time.process_time() - cpu, backend_cpu() - db
    print(f"{label:<40} {wall:7.1f} s wall {cpu:7.1f} s CPU (Python) {db:6.1f} s CPU (PostgreSQL)")
    return result


def worker_cpu(process) -> float:
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def through_worker(label, process, run, defer, until):
    """Defer the job, then poll the run as the page does (its progress bar) until it is `until`."""
    start, cpu = time.perf_counter(), worker_cpu(process)
    defer()
    seen = []
    while True:
        current = ImportRun.objects.filter(pk=run.pk).values_list("status", "done").get()
        seen.append(current[1])
        if current[0] in (until, ImportRun.Status.FAILED):
            break
        if process.poll() is not None:
            raise SystemExit("the task worker ended")
        time.sleep(0.5)
    wall, cpu = time.perf_counter() - start, worker_cpu(process) - cpu
    steps = len(set(seen)) - 1
    print(f"{label:<40} {wall:7.1f} s wall {cpu:7.1f} s CPU (worker process, {steps} progress steps seen)")
    run.refresh_from_db()
    assert run.status == until, (run.status, run.problems, run.report[:3])
    return wall


def start_worker(name: str):
    env = dict(
        os.environ, WIR_MEDIA_ROOT=str(settings.MEDIA_ROOT), WIR_IMPORT_MAX_ROWS=str(settings.WIR_IMPORT_MAX_ROWS)
    )
    url = os.environ["DATABASE_URL"]
    env["DATABASE_URL"] = url.replace(
        f"/{connection.settings_dict['TEST']['NAME'].removeprefix('bench_import_')}?", f"/{name}?", 1
    )
    process = subprocess.Popen(
        [sys.executable, "manage.py", "procrastinate", "worker", "--queues", "imports", "--concurrency", "1"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(5)  # the worker is up and listening before the first job is deferred
    return process


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--csv", action="store_true")
    parser.add_argument("--worker", action="store_true", help="dry run and commit by the real task worker")
    parser.add_argument("--kind", choices=["clients", "volunteers"], default="clients")
    args = parser.parse_args()
    settings.WIR_IMPORT_MAX_ROWS = max(args.rows, 10_000)
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-import-")
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_import_{old_name}"  # never the tests' database
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    worker = None
    try:
        caseworker = User.objects.create(email="bench@example.org", full_name="Bench", role=Role.CASEWORKER)
        for town in TOWNS:
            Municipality.objects.get_or_create(name=town)
        clients = args.kind == "clients"
        data = rows(args.rows) if clients else volunteer_rows(args.rows)
        headers = HEADERS if clients else VOLUNTEER_HEADERS
        content = timed(
            f"write the file ({args.rows} rows)",
            lambda: csv_bytes(data, headers) if args.csv else xlsx(data, headers),
        )
        print(f"file size {len(content) / 2**20:.1f} MB ({'CSV' if args.csv else 'XLSX'}, {args.kind})")
        checked = CheckedUpload(content=content, content_type=CSV if args.csv else XLSX, original_name="bench.xlsx")

        def accept():
            return services.accept(checked=checked, kind=args.kind, user=caseworker, caseworker=caseworker)

        run = timed("upload: read and store", accept)
        if args.worker:
            worker = start_worker(connection.settings_dict["NAME"])
            total = through_worker(
                "dry run by the task worker",
                worker,
                run,
                lambda: tasks.check_import.defer(run_id=str(run.pk)),
                ImportRun.Status.CHECKED,
            )
            print("  dry run:", run.counts)
            assert services.start_commit(run=run)
            total += through_worker(
                "commit by the task worker",
                worker,
                run,
                lambda: tasks.commit_import.defer(run_id=str(run.pk)),
                ImportRun.Status.DONE,
            )
            print(f"dry run + commit by the task worker      {total:7.1f} s wall")
        else:
            timed("dry run (incl. duplicate search)", lambda: services.check(run))
            print("  dry run:", run.counts)
            services.start_commit(run=run)
            run.refresh_from_db()
            timed("commit (one transaction)", lambda: services.commit(run))
        if clients:
            print(
                "  commit:",
                run.counts,
                "clients:",
                Client.objects.count(),
                "households:",
                Household.objects.count(),
                "cases:",
                Case.objects.count(),
            )
            assert Client.objects.count() == args.rows, run.report[:3]
        else:
            from volunteers.models import Volunteer

            print("  commit:", run.counts, "volunteers:", Volunteer.objects.count())
            assert Volunteer.objects.count() == args.rows, run.report[:3]
        again = timed("second upload of the same file: read", accept)
        timed("second dry run (everything unchanged)", lambda: services.check(again))
        print("  second dry run:", again.counts)
        assert ClientImportResource  # the resource the service ran
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
