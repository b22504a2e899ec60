"""Real processes for the operations tests: databases of their own, gunicorn, the task worker, and
an HTTP client that logs in like a browser (cookies, CSRF). Safe under pytest-xdist: free ports,
unique database names, per-test temporary directories."""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server() -> tuple[str, int]:
    """Host (or Unix socket directory) and port of the test cluster."""
    params = connection.settings_dict
    options = params.get("OPTIONS") or {}
    return params["HOST"] or options.get("host") or "", int(params["PORT"] or options.get("port") or 5432)


def database_url(name: str, *, host: str | None = None, port: int | str | None = None) -> str:
    """A DATABASE_URL for `name` on the test cluster (or another cluster given by socket dir/port)."""
    params = connection.settings_dict
    default_host, default_port = _server()
    host = host or default_host
    port = port or default_port
    user = quote(params["USER"] or "")
    auth = f"{user}:{quote(params['PASSWORD'])}@" if params.get("PASSWORD") else f"{user}@"
    if host.startswith("/"):
        return f"postgres://{auth}/{name}?host={quote(host)}&port={port}"
    return f"postgres://{auth}{host}:{port}/{name}"


def admin_connect():
    """An autocommit connection to the maintenance database `postgres` of the test cluster."""
    params = connection.settings_dict
    host, port = _server()
    return psycopg.connect(
        dbname="postgres",
        host=host,
        port=port,
        user=params["USER"],
        password=params.get("PASSWORD") or None,
        autocommit=True,
    )


@contextmanager
def fresh_database(prefix: str = "wir_ops", *, template: str = "template0"):
    """A new database in the test cluster, dropped afterwards: empty, or a copy of `template`
    (the fixture `migrated_template`: the run's migrated database, for tests whose subject is
    not migrating)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin_connect() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        with admin_connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production installation (DEBUG off, no demo, HTTPS expected from the
    proxy), pointed at `database` with its own static and media directories."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIR_", "DJANGO_", "PYTEST_"))}
    env.pop("DEBUG", None)
    env.update(
        DATABASE_URL=database if "://" in database else database_url(database),
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        WIR_DEMO="0",
        ALLOWED_HOSTS="127.0.0.1",
        WIR_TRUSTED_PROXIES="1",  # the requests below come "through" one TLS proxy
        WIR_STATIC_ROOT=str(tmp_path / "static"),
        WIR_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHON=PYTHON,
        WEB_CONCURRENCY="2",
        WIR_WORKER_CONCURRENCY="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: int = 300, ok: bool = True) -> subprocess.CompletedProcess:
    """`manage.py <args>` in a process of its own; it must succeed unless `ok=False`."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert not ok or result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def wait_for_http(port: int, path: str = "/healthz", *, timeout: float = 90, process=None, want=200) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"server ended with {process.returncode}: {read_log(process)}")
        try:
            status = Browser(port).get(path).status
            if status == want:
                return
            last = status
        except OSError as exc:
            last = exc
        time.sleep(0.3)
    raise AssertionError(f"no {want} from {path} on port {port} within {timeout} s (last: {last})")


def read_log(process) -> str:
    log = getattr(process, "log_path", None)
    return Path(log).read_text(errors="replace")[-6000:] if log else ""


def start(args: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    """Start a process in its own process group, output to `log_path`."""
    log = open(log_path, "wb")  # noqa: SIM115 -- closed by stop()
    process = subprocess.Popen(
        args, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log_path = log_path
    process.log_file = log
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 40) -> int:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    process.log_file.close()
    return process.returncode


def start_gunicorn(env: dict, tmp_path: Path, *, name: str = "web") -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**env, "WIR_BIND": f"127.0.0.1:{port}"}
    process = start([PYTHON, "-m", "gunicorn", "-c", str(BASE_DIR / "gunicorn.conf.py")], env, tmp_path / f"{name}.log")
    wait_for_http(port, process=process)
    return process, port


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Plain HTTP to 127.0.0.1:port as the TLS proxy would forward it (X-Forwarded-Proto: https,
    X-Forwarded-For: the client's address), with a cookie jar that keeps Secure cookies too."""

    def __init__(self, port: int, *, proto: str = "https", language: str = "de", client_ip: str = "203.0.113.10"):
        self.port = port
        self.proto = proto
        self.language = language
        self.client_ip = client_ip
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": self.proto,
            "X-Forwarded-For": self.client_ip,
            "Accept-Language": self.language,
            **(headers or {}),
        }
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = Response(conn.getresponse())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict, *, referer_path: str | None = None) -> Response:
        origin = f"{self.proto}://127.0.0.1"
        return self.request(
            "POST",
            path,
            body=urlencode(data).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": origin + (referer_path or path),
                "Origin": origin,
            },
        )

    def csrf_token(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "no CSRF token in the form"
        return match.group(1)

    def login(self, email: str, password: str) -> Response:
        page = self.get("/accounts/login/")
        assert page.status == 200, page.status
        form = {"csrfmiddlewaretoken": self.csrf_token(page.text), "username": email, "password": password}
        response = self.post("/accounts/login/", form)
        assert response.status == 302, f"login answered {response.status}: {response.text[:2000]}"
        return response


def create_user(env: dict, email: str, password: str, role: str) -> None:
    code = (
        "from accounts.models import User;"
        f"u = User(email={email!r}, full_name='Live Test', role={str(role)!r});"
        f"u.set_password({password!r}); u.save()"
    )
    manage(env, "shell", "-c", code)


def create_staff_with_second_factor(env: dict, email: str, password: str, role: str) -> str:
    """A staff account with a confirmed authenticator (TOTP) device; returns the device's key (hex)."""
    key = secrets.token_hex(20)
    code = (
        "from accounts.models import User; from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"u = User(email={email!r}, full_name='Live Test', role={role!r});"
        f"u.set_password({password!r}); u.save();"
        f"TOTPDevice.objects.create(user=u, name='App', key={key!r}, confirmed=True)"
    )
    manage(env, "shell", "-c", code)
    return key


def second_factor(browser: "Browser", key: str) -> Response:
    """Answer the second-factor page after the password with the authenticator's current code."""
    from django_otp.oath import totp

    page = browser.get("/accounts/two-factor/verify/")
    assert page.status == 200, page.status
    form = {"csrfmiddlewaretoken": browser.csrf_token(page.text), "token": f"{totp(bytes.fromhex(key)):06d}"}
    response = browser.post("/accounts/two-factor/verify/", form)
    assert response.status == 302, f"second factor answered {response.status}: {response.text[:2000]}"
    return response


class ThrowawayCluster:
    """A PostgreSQL cluster of its own (initdb in a temporary directory, Unix socket only) that a
    test may stop and start at will — the shared test cluster is never restarted."""

    def __init__(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        assert bins, "PostgreSQL server binaries not found (Debian package postgresql)"
        self.bin = bins[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="wir-pg-", dir="/tmp"))
        self.data = self.dir / "data"
        self.port = free_port()  # names the socket file only; no TCP listener
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "postgres"
            shutil.chown(self.dir, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "wir", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, cwd="/", check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-c listen_addresses='' -k {self.dir} -p {self.port} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t", "60", "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        with psycopg.connect(dbname="postgres", host=str(self.dir), port=self.port, user="wir", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return f"postgres://wir@/{name}?host={quote(str(self.dir))}&port={self.port}"

    def destroy(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
