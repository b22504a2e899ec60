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
"""

import argparse
import datetime
import io
import os
import random
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
from imports import services  # noqa: E402
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


def xlsx(data) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(data) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--csv", action="store_true")
    args = parser.parse_args()
    settings.WIR_IMPORT_MAX_ROWS = max(args.rows, 10_000)
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-import-")
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_import_{old_name}"  # never the tests' database
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        caseworker = User.objects.create(email="bench@example.org", full_name="Bench", role=Role.CASEWORKER)
        for town in TOWNS:
            Municipality.objects.get_or_create(name=town)
        data = rows(args.rows)
        content = timed(f"write the file ({args.rows} rows)", lambda: csv_bytes(data) if args.csv else xlsx(data))
        print(f"file size {len(content) / 2**20:.1f} MB ({'CSV' if args.csv else 'XLSX'})")
        checked = CheckedUpload(content=content, content_type=CSV if args.csv else XLSX, original_name="bench.xlsx")

        def accept():
            return services.accept(checked=checked, kind="clients", user=caseworker, caseworker=caseworker)

        run = timed("upload: read and store", accept)
        timed("dry run (incl. duplicate search)", lambda: services.check(run))
        print("  dry run:", run.counts)
        services.start_commit(run=run)
        run.refresh_from_db()
        timed("commit (one transaction)", lambda: services.commit(run))
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
        again = timed("second upload of the same file: read", accept)
        timed("second dry run (everything unchanged)", lambda: services.check(again))
        print("  second dry run:", again.counts)
        assert ClientImportResource  # the resource the service ran
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
