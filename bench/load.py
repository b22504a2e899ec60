"""Load benchmark through gunicorn on the demo data, on a throwaway PostgreSQL cluster of its own.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--pdfs 10] [--web-workers 4]

Three phases, each bounded by --duration seconds:

1. idle:   --users logged-in users (caseworkers, team lead, volunteers), each requesting a page and
           then thinking 1–3 s; prints p50/p95/max latency and errors.
2. pdf:    the same while --pdfs team leads work through draft Vollmachten without pause, the way
           the UI does it: open the preview (the task worker renders it; the page that waits for it
           is re-read every 2 s like static/js/progress.js does), click "Drucken" and re-read the
           detail page until the printed PDF is there, then download it. Every draft is new, so
           every preview and every print is a full WeasyPrint render — in the task worker
           (`scripts/serve worker`: lower CPU priority, --worker-concurrency jobs at once), not in
           gunicorn. The page p95 should stay within 2× of phase 1; prints finished are counted.
3. outage: the same plus one writer saving follow-ups; after a third of the phase PostgreSQL is
           stopped for --outage seconds and started again. Prints errors during the outage, seconds
           from the database being back to the first good page and to the last error, and rows lost
           (follow-ups whose save was acknowledged with a redirect but are not in the database).

At scale (issue 13): `--database-url` names a database filled by bench/scale.py (e.g.
`wir_scale_1000000` on the worktree's cluster); then only phase 1 runs, with the bench logins
(fm01…fm20, teamleitung, ehrenamt01…10 @bench.invalid) on the staff lists, searches, the dashboard
and client pages:

    .venv/bin/python bench/load.py --database-url "$(scripts/dev dburl | sed 's#/wir_fallmanagement#/wir_scale_1000000#')" \
        --users 50 --duration 120

Needs the Debian postgresql server binaries (like `make test`). Figures depend on the machine:
run it alone on the target hardware for numbers that mean something.
"""

import argparse
import collections
import os
import random
import re
import shutil
import statistics
import subprocess  # nosec B404 - starts our own server
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wir_fallmanagement.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)

import django

django.setup()

from tests import live  # noqa: E402

STAFF = ["fm1@demo.invalid", "fm2@demo.invalid", "teamleitung@demo.invalid"]
VOLUNTEERS = ["ehrenamt1@demo.invalid", "ehrenamt2@demo.invalid"]
STAFF_PAGES = ["/", "/clients/", "/offers/", "/volunteers/", "/authorisations/", "/followups/"]
VOLUNTEER_PAGES = ["/portal/", "/portal/vollmachten/"]


class Acknowledged(list):
    """Follow-ups whose save was answered with a redirect; `failures` holds the other answers."""

    def __init__(self):
        super().__init__()
        self.failures: list = []


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: list[tuple[float, float, bool]] = []  # (time, seconds, ok)
        self.pages: list[tuple[str, str]] = []  # (page, status or exception) of each sample
        self.printed: list[int] = []  # pdf phase: drafts previewed, printed and downloaded
        self.failures: list[str] = []

    def add(self, started: float, seconds: float, ok: bool, page: str = "", outcome: str = "") -> None:
        with self.lock:
            self.samples.append((started, seconds, ok))
            self.pages.append((page, outcome))

    def by_page(self, since: float, until: float) -> str:
        """One line per kind of page: requests, errors (by status), p50 and p95 of the good ones."""
        groups: dict[str, list] = collections.defaultdict(list)
        for (started, seconds, ok), (page, outcome) in zip(self.samples, self.pages, strict=True):
            if since <= started < until:
                groups[re.sub(r"/[0-9a-f-]{36}/|/\d+/", "/<id>/", page)].append((seconds, ok, outcome))
        lines = []
        for page, rows in sorted(groups.items(), key=lambda item: -statistics.median(r[0] for r in item[1])):
            good = sorted(r[0] for r in rows if r[1])
            errors = collections.Counter(r[2] for r in rows if not r[1])
            p95 = good[min(len(good) - 1, int(len(good) * 0.95))] * 1000 if good else float("nan")
            p50 = statistics.median(good) * 1000 if good else float("nan")
            lines.append(
                f"          {page[:44]:44} {len(rows):5} req  p50 {p50:6.0f} ms  p95 {p95:6.0f} ms"
                + (f"  errors {dict(errors)}" if errors else "")
            )
        return "\n".join(lines)

    def summary(self, since: float, until: float) -> str:
        rows = [s for s in self.samples if since <= s[0] < until]
        good = sorted(s[1] for s in rows if s[2])
        errors = sum(1 for s in rows if not s[2])
        if not good:
            return f"{len(rows)} requests, {errors} errors"
        p95 = good[min(len(good) - 1, int(len(good) * 0.95))]
        return (
            f"{len(rows)} requests ({len(rows) / (until - since):.1f}/s), {errors} errors, "
            f"p50 {statistics.median(good) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {good[-1] * 1000:.0f} ms"
        )


def timed(recorder: Recorder, browser: live.Browser, path: str) -> live.Response | None:
    started = time.monotonic()
    try:
        response = browser.get(path)
        location = response.headers.get("Location", "") if response.status in (301, 302, 303) else ""
        if location.startswith("/") and not location.startswith("/accounts/login/"):
            # e.g. a list that remembers the user's last view: a browser follows it, so does the user
            response = browser.get(location)
    except OSError as error:
        recorder.add(started, time.monotonic() - started, False, path, type(error).__name__)
        return None
    ok = response.status in (200, 202)  # 202: a page that waits
    recorder.add(started, time.monotonic() - started, ok, path, str(response.status))
    return response


def logged_in(port: int, email: str, password: str = "demo") -> live.Browser:  # noqa: S107 - demo logins
    browser = live.Browser(port)
    browser.login(email, password)
    browser.email = email
    return browser


SCALE_PAGES = STAFF_PAGES + [
    "/clients/?q=Mohammed",
    "/clients/?q=Muhamad+Hadad",
    "/clients/?q=Haddad",
    "/clients/?status=intake",
    "/clients/?nationality=AF",
]


def user_loop(browser: live.Browser, stop: threading.Event, recorder: Recorder, client_pages: list[str]) -> None:
    # Client pages only for the team lead, who sees every client (a caseworker gets 404 for others').
    if browser.email.endswith("@bench.invalid"):
        pages = VOLUNTEER_PAGES[:1] if browser.email.startswith("ehrenamt") else SCALE_PAGES
        if browser.email.startswith("teamleitung"):
            pages = pages + client_pages
    elif browser.email in VOLUNTEERS:
        pages = VOLUNTEER_PAGES
    elif browser.email.startswith("teamleitung"):
        pages = STAFF_PAGES + client_pages
    else:
        pages = STAFF_PAGES
    while not stop.is_set():
        timed(recorder, browser, random.choice(pages))
        stop.wait(random.uniform(1, 3))


POLL_SECONDS = 2  # static/js/progress.js re-reads a waiting page this often


def wait_for(browser: live.Browser, path: str, stop: threading.Event, recorder: Recorder, done) -> bool:
    while not stop.is_set():
        response = timed(recorder, browser, path)
        if response is not None and done(response):
            return True
        stop.wait(POLL_SECONDS)
    return False


def pdf_loop(browser: live.Browser, drafts: list[int], stop: threading.Event, recorder: Recorder) -> None:
    """Preview, print and download each draft in turn (see the module docstring)."""
    for pk in drafts:
        detail, pdf = f"/authorisations/{pk}/", f"/authorisations/{pk}/pdf/"

        def is_pdf(response):
            return response.status == 200 and response.body.startswith(b"%PDF")

        if not wait_for(browser, pdf, stop, recorder, is_pdf):
            return
        page = browser.get(detail)
        form = re.search(rf'<form method="post" action="/authorisations/{pk}/print/".*?</form>', page.text, re.S)
        if form is None:
            recorder.failures.append(f"no print button for {pk}")
            continue
        response = browser.post(f"/authorisations/{pk}/print/", form_fields(form.group(0)), referer_path=detail)
        if response.status != 302:
            recorder.failures.append(f"print {pk}: {response.status}")
            continue
        if not wait_for(browser, detail, stop, recorder, lambda r: "Gedruckte Fassung herunterladen" in r.text):
            return
        if wait_for(browser, pdf, stop, recorder, is_pdf):
            recorder.printed.append(pk)


def form_fields(html: str) -> dict[str, str]:
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        if selected:
            fields[name] = selected.group(1)
    return fields


def writer_loop(browser: live.Browser, client: str, stop: threading.Event, acknowledged: list[str]) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        text = f"bench-{number}"
        try:
            form = browser.get(f"{client}followups/new/")
            if form.status != 200:
                raise OSError(form.status)
            data = {**form_fields(form.text), "due_on": "2031-01-01", "text": text}
            response = browser.post(f"{client}followups/new/", data)
            if response.status == 302:
                acknowledged.append(text)
            else:
                acknowledged.failures.append(response.status)
        except OSError as error:
            acknowledged.failures.append(type(error).__name__)
        stop.wait(0.5)


def group_cpu_seconds(pgid: int | None) -> float:
    """CPU time (user + system) of every process in a process group (gunicorn's master and its
    workers), including its reaped children (workers recycled by max_requests)."""
    if pgid is None:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields[0] is the state: pgrp is the 5th field of stat
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def backend_cpu_seconds(database_url: str | None) -> dict[int, float]:
    """CPU time of each PostgreSQL backend connected to the benchmark's database (the web
    processes' persistent connections), by process id — on this machine only."""
    if not database_url:
        return {}
    import psycopg

    try:
        with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
            pids = [
                row[0]
                for row in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ]
    except psycopg.Error:
        return {}
    ticks, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def run_phase(
    name, args, sessions, client_pages, *, drafts=(), cluster=None, writer_client=None, web=None, database_url=None
):
    recorder, stop, threads = Recorder(), threading.Event(), []
    web_pgid = web.pid if web is not None else None
    database_url = database_url or getattr(args, "database_url", None)
    own_cpu, web_cpu = time.process_time(), group_cpu_seconds(web_pgid)
    db_cpu = backend_cpu_seconds(database_url)
    for browser in sessions["users"]:
        threads.append(threading.Thread(target=user_loop, args=(browser, stop, recorder, client_pages)))
    printing = Recorder()
    for number, browser in enumerate(sessions["printers"] if drafts else []):
        mine = list(drafts[number :: len(sessions["printers"])])
        threads.append(threading.Thread(target=pdf_loop, args=(browser, mine, stop, printing)))
    acknowledged = Acknowledged()
    if writer_client:
        threads.append(
            threading.Thread(target=writer_loop, args=(sessions["writer"], writer_client, stop, acknowledged))
        )
    for thread in threads:
        thread.start()
    begin = time.monotonic()
    down = back = None
    if cluster is not None:
        time.sleep(args.duration / 3)
        down = time.monotonic()
        cluster.stop()
        time.sleep(args.outage)
        cluster.start()
        back = time.monotonic()
    time.sleep(max(0, begin + args.duration - time.monotonic()))
    end = time.monotonic()
    stop.set()
    for thread in threads:
        thread.join(60)
    own_cpu, web_cpu = time.process_time() - own_cpu, group_cpu_seconds(web_pgid) - web_cpu
    db_after = backend_cpu_seconds(database_url)
    db_cpu = sum(seconds - db_cpu.get(pid, 0.0) for pid, seconds in db_after.items()) if db_after else float("nan")
    print(f"{name:7} {recorder.summary(begin, end)}")
    print(recorder.by_page(begin, end))
    requests = max(1, sum(1 for sample in recorder.samples if begin <= sample[0] < end))
    print(
        f"        CPU: load generator {own_cpu / (end - begin) * 100:.0f}% of a core "
        f"({own_cpu / requests * 1000:.1f} ms per request), gunicorn {web_cpu / (end - begin) * 100:.0f}% "
        f"({web_cpu / requests * 1000:.1f} ms per request), PostgreSQL backends of the benchmark database "
        f"{db_cpu / (end - begin) * 100:.0f}% ({db_cpu / requests * 1000:.1f} ms per request); "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    if drafts:
        print(
            f"        printers: {printing.summary(begin, end)}; drafts previewed, printed and downloaded: "
            f"{len(printing.printed)}; failures: {printing.failures[:5]}"
        )
    if cluster is not None:
        errors = [s for s in recorder.samples if s[0] >= down and not s[2]]
        first_good = min((s[0] + s[1] for s in recorder.samples if s[0] >= back and s[2]), default=None)
        last_error = max((s[0] + s[1] for s in errors), default=back)
        print(
            f"        database down {args.outage:.0f} s: {len(errors)} errors (503 pages); first good page "
            f"{(first_good - back) if first_good else float('nan'):.1f} s after it was back, last error "
            f"{max(0.0, last_error - back):.1f} s after"
        )
    return acknowledged


def server_env(args) -> dict[str, str]:
    env = {}
    if args.web_workers:
        env["WEB_CONCURRENCY"] = str(args.web_workers)
    if args.web_threads:
        env["WIR_WEB_THREADS"] = str(args.web_threads)
    return env


def describe(args) -> str:
    workers = args.web_workers or "the configured number of"
    return f"{workers} workers × {args.web_threads or 'the configured'} threads"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--pdfs", type=int, default=10)
    parser.add_argument("--outage", type=float, default=5)
    parser.add_argument("--web-workers", type=int, help="gunicorn processes (default: gunicorn.conf.py's)")
    parser.add_argument("--web-threads", type=int, help="threads per gunicorn process (default: gunicorn.conf.py's)")
    parser.add_argument(
        "--compare-with",
        metavar="CHECKOUT",
        help="at scale: also run the phase against gunicorn started from this other checkout of the app "
        "(e.g. `git archive main | tar -x -C DIR`), alternating with this one, for before/after figures",
    )
    parser.add_argument("--worker-concurrency", type=int, default=2)
    parser.add_argument(
        "--rounds", type=int, default=1, help="at scale: repeat the phase (alternating with --compare-with)"
    )
    parser.add_argument("--database-url", help="a database filled by bench/scale.py: only the idle phase, at scale")
    args = parser.parse_args()
    if args.database_url:
        return at_scale(args)

    work = Path(tempfile.mkdtemp(prefix="wir-bench-"))
    cluster = live.ThrowawayCluster()
    web = worker = None
    try:
        database_url = cluster.create_database("wir_bench")
        # DB_CONN_MAX_AGE as at scale: the web processes keep their connections through a phase, so
        # that the CPU time of their PostgreSQL backends can be read.
        env = live.production_env(
            database_url,
            work,
            WIR_DEMO="1",
            DB_CONN_MAX_AGE="3600",
            WIR_WORKER_CONCURRENCY=str(args.worker_concurrency),
            **server_env(args),
        )
        print("setting up: migrate, seed_demo, collectstatic …")
        live.manage(env, "migrate", "--noinput", "-v", "0")
        live.manage(env, "seed_demo")
        live.manage(env, "collectstatic", "--noinput", "-v", "0")
        # Fresh drafts for the printers (copies of a demo draft for pairs without a Vollmacht): each
        # one is previewed and printed once, so each of those is a full render.
        ids = live.manage(
            env,
            "shell",
            "-c",
            "from authorisations.models import Authorisation as A, new_token, new_short_code;"
            "from cases.models import Client as C; from volunteers.models import Volunteer as V;"
            "model = A.objects.filter(status='draft', kjc_branch__isnull=False).first(); made = [];"
            "taken = set(A.objects.values_list('principal_id', 'agent_id'));"
            "adults = [c for c in C.objects.order_by('pk') if not c.is_minor];"
            "pairs = [(c, v) for v in V.objects.order_by('pk') for c in adults if (c.pk, v.pk) not in taken]\n"
            "for c, v in pairs[:" + str(args.pdfs * 20) + "]:\n"
            "    model.pk = None; model.principal, model.agent = c, v;"
            " model.token, model.short_code = new_token(), new_short_code(); model.save(); made.append(model.pk)\n"
            "print(' '.join(map(str, made)));"
            "print(' '.join(str(p) for p in C.objects.order_by('pk').values_list('pk', flat=True)[:40]))",
        ).stdout.splitlines()
        drafts = [int(pk) for pk in ids[-2].split()]
        clients = [f"/clients/{pk}/" for pk in ids[-1].split()]
        worker = live.start([str(live.BASE_DIR / "scripts" / "serve"), "worker"], env, work / "worker.log")
        web, port = live.start_gunicorn(env, work)
        # The demo data queued background work (directory PDFs of every language): let the worker
        # finish it first, so that the idle phase is idle and the pdf phase measures printing.
        started = time.monotonic()
        while time.monotonic() - started < 600 and live.manage(
            env,
            "shell",
            "-c",
            "from procrastinate.contrib.django.models import ProcrastinateJob as J;"
            "print('waiting' if J.objects.filter(status__in=['todo', 'doing']).exists() else 'empty')",
        ).stdout.split()[-1:] == ["waiting"]:
            time.sleep(5)
        print(f"task queue empty after {time.monotonic() - started:.0f} s")
        print(f"gunicorn with {describe(args)}, {args.users} users, {args.duration:.0f} s per phase")
        emails = STAFF + VOLUNTEERS
        sessions = {  # logged in once, before measuring (logins hash passwords: slow on purpose)
            "users": [logged_in(port, emails[i % len(emails)]) for i in range(args.users)],
            "printers": [logged_in(port, "teamleitung@demo.invalid") for _ in range(args.pdfs)],
            "writer": logged_in(port, "teamleitung@demo.invalid"),
        }
        phase = {"web": web, "database_url": database_url}
        run_phase("idle", args, sessions, clients, **phase)
        run_phase("pdf", args, sessions, clients, drafts=drafts, **phase)
        acknowledged = run_phase("outage", args, sessions, clients, cluster=cluster, writer_client=clients[0], **phase)
        stored = live.manage(
            env,
            "shell",
            "-c",
            "from cases.models import FollowUp; print(' '.join(FollowUp.objects.filter("
            "text__startswith='bench-').values_list('text', flat=True)))",
        ).stdout.split()
        stored = [word for word in stored if word.startswith("bench-")]  # the shell prints a banner too
        lost = sorted(set(acknowledged) - set(stored))
        print(
            f"        writes acknowledged {len(acknowledged)}, stored {len(stored)} ({len(set(stored))} distinct), "
            f"rows lost {len(lost)} {lost[:5]}; not acknowledged: {dict(collections.Counter(acknowledged.failures))}"
        )
    finally:
        for process in (web, worker):
            if process is not None:
                live.stop(process)
        cluster.destroy()
        shutil.rmtree(work, ignore_errors=True)


def start_server(env: dict, work: Path, checkout: Path, name: str):
    """gunicorn from `checkout` (this one or --compare-with's), with the same interpreter."""
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [live.PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=checkout,
        env={**env, "WIR_STATIC_ROOT": str(work / f"static-{name}")},
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = live.free_port()
    env = {**env, "WIR_BIND": f"127.0.0.1:{port}", "WIR_STATIC_ROOT": str(work / f"static-{name}")}
    log = open(work / f"{name}.log", "wb")  # noqa: SIM115 -- closed by live.stop()
    process = subprocess.Popen(  # noqa: S603
        [live.PYTHON, "-m", "gunicorn", "-c", str(checkout / "gunicorn.conf.py")],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_path, process.log_file = work / f"{name}.log", log
    live.wait_for_http(port, process=process)
    return process, port


def at_scale(args) -> None:
    """Phase 1 against a bench/scale.py database: gunicorn only (no task worker needed for pages).
    With --compare-with, the same users alternate between this checkout's server and the other's."""
    work = Path(tempfile.mkdtemp(prefix="wir-bench-scale-"))
    servers = []
    try:
        # DB_CONN_MAX_AGE: the web processes keep their connections for the whole phase, so that the
        # CPU time of their PostgreSQL backends can be read (the default, 60 s, renews them now and then).
        env = live.production_env(
            args.database_url, work, WIR_REQUIRE_2FA="0", DB_CONN_MAX_AGE="3600", **server_env(args)
        )
        ids = live.manage(
            env,
            "shell",
            "-c",
            "from cases.models import Client as C;"
            "print(' '.join(str(p) for p in C.objects.order_by('family_name', 'given_names', 'pk')"
            ".values_list('pk', flat=True)[:200:5]))",
        ).stdout.split()
        clients = [f"/clients/{pk}/" for pk in ids if len(pk) == 36]
        checkouts = [("this checkout", live.BASE_DIR)]
        if args.compare_with:
            checkouts.insert(0, (args.compare_with, Path(args.compare_with).resolve()))
        for number, (label, checkout) in enumerate(checkouts):
            process, port = start_server(env, work, checkout, f"web{number}")
            servers.append((label, process, port))
        emails = (
            [f"fm{i:02d}@bench.invalid" for i in range(1, 21)]
            + ["teamleitung@bench.invalid"] * 10
            + [f"ehrenamt{i:02d}@bench.invalid" for i in range(1, 11)]
        )
        # Logged in once (sessions live in the shared database, the servers share the key).
        users = [logged_in(servers[0][2], emails[i % len(emails)], "bench") for i in range(args.users)]
        print(f"gunicorn with {describe(args)}, {args.users} users, think time 1–3 s, {args.duration:.0f} s")
        for _round in range(args.rounds):
            for label, process, port in servers:
                for browser in users:
                    browser.port = port
                if len(servers) > 1:
                    print(f"--- {label}")
                run_phase("idle", args, {"users": users}, clients, web=process)
    finally:
        for _label, process, _port in servers:
            live.stop(process)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
