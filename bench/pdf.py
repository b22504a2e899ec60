"""Benchmark: render the Vollmacht PDF (German + Arabic working translation, tagged PDF/A-3a)
side by side with a one-page baseline document with the same fonts.

    SECRET_KEY=x DEBUG=1 .venv/bin/python bench/pdf.py [--rounds 15] [--batch 100] [--lang ar]

Two one-page baselines, both through the same helper (`wir_fallmanagement.pdf.html_to_pdf`, so
the same PDF variant and tagging), with the same stylesheets and the same two font families,
German and Arabic, regular and bold: "page", a full A4 page of the Vollmacht's own texts (about a
third of the Vollmacht's text), and "note", a short note of a heading and two paragraphs (the
fixed cost of any document with these fonts). Baselines and Vollmacht are rendered in turn,
`--rounds` times each, so all see the same load on a shared machine; the table gives the medians
(wall clock and CPU time: on a busy machine the CPU time is the steadier figure) and the ratios
Vollmacht ÷ baseline. Issue 13 asks for a ratio ≤ 3 to "a one-page document with the same fonts".

Then, per document, the lines of text WeasyPrint laid out (a line laid out twice counts twice)
and the garbage collector's passes; the time of a batch of Vollmachten rendered one after another, and
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

from django.template import engines  # noqa: E402

from authorisations.models import Authorisation, KjcBranch  # noqa: E402
from authorisations.pdf import render_authorisation  # noqa: E402
from cases.models import Client, Household, Municipality  # noqa: E402
from volunteers.models import Volunteer  # noqa: E402
from wir_fallmanagement.pdf import html_to_pdf  # noqa: E402

# The baseline: one full A4 page with the same stylesheets and fonts as the Vollmacht, in German and
# Arabic (regular and bold), made of the Vollmacht's own texts — as much as fits on one page.
BASELINE = engines["django"].from_string("""{% extends "pdf/base.html" %}
{% block pdf_head %}<link rel="stylesheet" href="wirstatic:css/pdf-authorisation.css">{% endblock %}
{% block content %}
<section lang="de"><h1>{{ de.title }}</h1><p>{{ de.subtitle }}</p>
<h2>{{ de.grant_heading }}</h2><p>{{ de.grant }}</p>
<ul>{% for title, text in de_scopes %}<li><strong>{{ title }}</strong> – {{ text }}</li>{% endfor %}</ul>
<p>{{ de.revocable }}</p></section>
<section lang="ar" dir="rtl" class="script-arabic"><h2>{{ ar.grant_heading }}</h2><p>{{ ar.grant }}</p>
<ul>{% for title, text in ar_scopes %}<li><strong>{{ title }}</strong> – {{ text }}</li>{% endfor %}</ul>
<p>{{ ar.revocable }}</p></section>
{% endblock %}""")
NOTE = engines["django"].from_string("""{% extends "pdf/base.html" %}
{% block pdf_head %}<link rel="stylesheet" href="wirstatic:css/pdf-authorisation.css">{% endblock %}
{% block content %}
<h1>{{ de.title }}</h1><p>{{ de.revocable }} <strong>{{ de.sign_only_german }}</strong></p>
<section lang="ar" dir="rtl" class="script-arabic"><h2>{{ ar.title }}</h2>
<p>{{ ar.revocable }} <strong>{{ ar.sign_only_german }}</strong></p></section>
{% endblock %}""")
BASELINE_SCOPES = ("information", "file_inspection", "applications", "documents", "appointments", "mail")


def baseline_html(template=BASELINE) -> str:
    from authorisations import texts

    de, ar = texts.GERMAN.text, texts.translation("ar").text
    return template.render(
        {
            "pdf_title": "Baseline",
            "pdf_lang": "de",
            "district_name": "Bench",
            "de": de,
            "ar": ar,
            "de_scopes": [de[f"scope_{code}"] for code in BASELINE_SCOPES],
            "ar_scopes": [ar[f"scope_{code}"] for code in BASELINE_SCOPES],
        }
    )


def render_baseline() -> bytes:
    return html_to_pdf(baseline_html())


def render_note() -> bytes:
    return html_to_pdf(baseline_html(NOTE))


def timed(function, *args):
    started, started_cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - started, time.process_time() - started_cpu


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


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(__import__("io").BytesIO(pdf)).pages)


def render(number: int, lang: str) -> bytes:
    authorisation = sample(number, lang)
    url = f"https://fallmanagement.example.de/verify/{authorisation.token}/"
    return render_authorisation(authorisation, verify_url=url, entry_url="https://fallmanagement.example.de/verify/")


def work(function, *args) -> tuple[int, list[int]]:
    """What one render does besides its time: how many lines of text WeasyPrint lays out (a line
    laid out twice counts twice) and the garbage collector's passes per generation."""
    import gc

    from weasyprint.layout import inline

    lines, passes, split = [0], [0, 0, 0], inline.split_first_line

    def counting(*a, **k):
        lines[0] += 1
        return split(*a, **k)

    def record(phase, info):
        if phase == "start":
            passes[info["generation"]] += 1

    inline.split_first_line = counting
    gc.callbacks.append(record)
    try:
        function(*args)
    finally:
        inline.split_first_line = split
        gc.callbacks.remove(record)
    return lines[0], passes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lang", default="ar")
    args = parser.parse_args()

    started = time.perf_counter()
    first = render(1, args.lang)
    cold = time.perf_counter() - started
    render(2, args.lang)  # warm-up: Pango, fonts, templates
    baseline_pdf, note_pdf = render_baseline(), render_note()
    assert pages(baseline_pdf) == pages(note_pdf) == 1, "the baselines must stay one page"

    times = {"page": ([], []), "note": ([], []), "vollmacht": ([], [])}
    for number in range(args.rounds):
        for name, function in (("page", render_baseline), ("note", render_note)):
            _pdf, wall, cpu = timed(function)
            times[name][0].append(wall)
            times[name][1].append(cpu)
        _pdf, wall, cpu = timed(render, 10 + number, args.lang)
        times["vollmacht"][0].append(wall)
        times["vollmacht"][1].append(cpu)
    medians = {name: (statistics.median(w), statistics.median(c)) for name, (w, c) in times.items()}

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

    print(f"language: de + {args.lang}; first render (cold, incl. loading Pango): {cold * 1000:.0f} ms")
    print(f"medians of {args.rounds} alternating renders after warm-up:")
    print(f"{'document':<12}{'pages':>6}{'KiB':>6}{'wall ms':>10}{'CPU ms':>10}")
    for name, pdf in (("page", baseline_pdf), ("note", note_pdf), ("vollmacht", first)):
        wall, cpu = medians[name]
        print(f"{name:<12}{pages(pdf):>6}{len(pdf) / 1024:>6.0f}{wall * 1000:>10.0f}{cpu * 1000:>10.0f}")
    for name in ("page", "note"):
        wall_ratio = medians["vollmacht"][0] / medians[name][0]
        cpu_ratio = medians["vollmacht"][1] / medians[name][1]
        print(f"{'ratio to ' + name:<24}{wall_ratio:>10.1f}{cpu_ratio:>10.1f}   (Vollmacht ÷ {name}; target ≤ 3)")
    for name, function, arguments in (
        ("page", render_baseline, ()),
        ("note", render_note, ()),
        ("vollmacht", render, (3, args.lang)),
    ):
        lines, passes = work(function, *arguments)
        print(
            f"{name + ':':<11}{lines:>4} line layouts, collector passes "
            f"(young/middle/full) {'/'.join(map(str, passes))}"
        )
    print(
        f"batch of {args.batch}, one after another:     {batch:.1f} s wall = {batch / args.batch * 1000:.0f} ms "
        f"per PDF ({batch_cpu / args.batch * 1000:.0f} ms CPU), {total_bytes / 1024 / 1024:.1f} MiB of PDF"
    )
    print(f"max resident set size after the batch:    {max_rss_mb:.0f} MiB")
    print(f"peak Python heap while rendering:         {peak / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
