"""Benchmark: render the Vollmacht PDF (German + Arabic working translation, PDF/A-3b).

    SECRET_KEY=x DEBUG=1 .venv/bin/python bench/pdf.py [--batch 100] [--lang ar]

Prints the time of one render after warm-up (median of 5, wall clock and CPU time: on a busy
machine the CPU time is the steadier figure), the time of a batch rendered one after another, and
the peak memory: the process's maximum resident set size after the batch (does it grow with the
batch?) and the Python heap peak while rendering (tracemalloc, measured apart because it slows
rendering down). Needs no database: the Vollmacht is built from unsaved model instances.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wir_fallmanagement.settings")

import django

django.setup()

from authorisations.models import Authorisation, KjcBranch  # noqa: E402
from authorisations.pdf import render_authorisation  # noqa: E402
from cases.models import Client, Household, Municipality  # noqa: E402
from volunteers.models import Volunteer  # noqa: E402


def sample(number: int, lang: str) -> Authorisation:
    client = Client(
        family_name="Al-Hassan",
        given_names="Mariam",
        family_name_original="الحسن",
        given_names_original="مريم",
        birth_day=3,
        birth_month=7,
        birth_year=1988,
        street="Bahnhofstraße 12",
        postcode="64720",
        kjc_customer_number="123D456789",
    )
    client.municipality = Municipality(name="Michelstadt")
    client.household = Household(bg_number="06431BG0012345")
    volunteer = Volunteer(
        family_name="Schneider",
        given_names="Erika",
        date_of_birth=datetime.date(1956, 4, 2),
        street="Am Kirchberg 3",
        postcode="64711",
        town="Erbach",
    )
    branch = KjcBranch(name="Kommunales Job-Center Odenwaldkreis, Erbach", street="Michelstädter Str. 12")
    return Authorisation(
        pk=number,
        principal=client,
        agent=volunteer,
        kjc_branch=branch,
        language=lang,
        scopes=["information", "file_inspection", "applications", "documents", "appointments", "mail"],
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 12, 31),
    )


def render(number: int, lang: str) -> bytes:
    authorisation = sample(number, lang)
    url = f"https://fallmanagement.example.de/verify/{authorisation.token}/"
    return render_authorisation(authorisation, verify_url=url, entry_url="https://fallmanagement.example.de/verify/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lang", default="ar")
    args = parser.parse_args()

    started = time.perf_counter()
    first = render(1, args.lang)
    cold = time.perf_counter() - started
    render(2, args.lang)  # warm-up: Pango, fonts, templates

    singles, singles_cpu = [], []
    for number in range(5):
        started, started_cpu = time.perf_counter(), time.process_time()
        render(10 + number, args.lang)
        singles.append(time.perf_counter() - started)
        singles_cpu.append(time.process_time() - started_cpu)

    started, started_cpu = time.perf_counter(), time.process_time()
    total_bytes = 0
    for number in range(args.batch):
        total_bytes += len(render(100 + number, args.lang))
    batch, batch_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # tracemalloc slows rendering down several times: measure the Python heap separately.
    tracemalloc.start()
    for number in range(3):
        render(1000 + number, args.lang)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"language: de + {args.lang}, PDF size {len(first) / 1024:.0f} KiB")
    print(f"first render (cold, incl. loading Pango): {cold * 1000:.0f} ms")
    print(
        f"one render after warm-up (median of 5):   {statistics.median(singles) * 1000:.0f} ms wall, "
        f"{statistics.median(singles_cpu) * 1000:.0f} ms CPU"
    )
    print(
        f"batch of {args.batch}, one after another:     {batch:.1f} s wall = {batch / args.batch * 1000:.0f} ms "
        f"per PDF ({batch_cpu / args.batch * 1000:.0f} ms CPU), {total_bytes / 1024 / 1024:.1f} MiB of PDF"
    )
    print(f"max resident set size after the batch:    {max_rss_mb:.0f} MiB")
    print(f"peak Python heap while rendering:         {peak / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
