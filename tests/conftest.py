"""Shared fixtures: the personas of the style guide and strict test settings."""

import fcntl
import logging
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.base import TemplateSyntaxError

from accounts.models import Role
from tests import live
from tests.factories import make_user
from wir_fallmanagement import district

BASE_DIR = Path(settings.BASE_DIR)
VENV_DIR = BASE_DIR / ".venv"


class InvalidTemplateVariable(str):
    """`string_if_invalid` that fails a test when one of *our* templates uses a missing
    variable. Third-party templates (admin, crispy) rely on missing variables and are left alone."""

    def __mod__(self, variable):
        frame = sys._getframe(1)
        context = frame.f_locals.get("context")
        origin = getattr(getattr(getattr(context, "template", None), "origin", None), "name", "") or ""
        if origin.startswith(str(BASE_DIR)) and not origin.startswith(str(VENV_DIR)):
            raise TemplateSyntaxError(f"Missing template variable {variable!r} in {origin}")
        return ""


def pytest_collection_modifyitems(items):
    """Every test that commits (transaction=True, live_server) gets the migrated data back by
    serialized rollback. Mixing tests with and without it breaks the later ones: a flush without
    it re-creates content types under new ids, which the serialized data then collides with."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = bool(marker and marker.kwargs.get("transaction")) or any(
            name in getattr(item, "fixturenames", ()) for name in ("transactional_db", "live_server")
        )
        if commits:
            options = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**options), append=False)
    # Browser tests last: after one, the main thread's connection objects are new ones (Playwright's
    # event loop, asgiref context) without the serialized data, so no test after them gets it back.
    items.sort(key=lambda item: "tests/browser/" in str(item.path))


def pytest_configure(config):
    if not hasattr(config, "workerinput") and config.pluginmanager.hasplugin("playwright"):
        # pytest-playwright empties its output folder in every process at its first test, which under
        # xdist can delete what another worker has just written; the controller does it once instead
        # (tests/browser/conftest.py turns the per-worker cleanup off).
        shutil.rmtree(config.getoption("--output"), ignore_errors=True)
    settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # TLS is the proxy's job in production (covered by the `check --deploy` test); the test
    # client and the live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Two factors are mandatory for staff in production settings (tests/accounts/test_two_factor.py
    # proves it); the other tests log in with force_login and test their own subject.
    settings.WIR_REQUIRE_2FA = False
    # The browser tests drive Playwright's sync API in this thread while Django's live server
    # runs in another; Playwright's event loop would otherwise trip Django's async guard.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# ---------------------------------------------------------------------------------------------
# Once per run: one migrated database, one collectstatic
# ---------------------------------------------------------------------------------------------
# Migrating takes ~16 s of CPU and collectstatic (brotli and gzip for every file) ~15 s. Each xdist
# worker used to migrate its own test database and each real-process test its own fresh database
# and static folder. Now the first process that needs them makes them once per run, under a lock in
# the run's temporary folder (shared by the workers); the others copy the database with
# CREATE DATABASE … TEMPLATE (about a second) and serve the same static folder. The tests whose
# subject is migrating or collecting (tests/test_production.py) still do it themselves.


def _migrated_template(config, name: str) -> str:
    """The run's migrated database: named after the run's folder (pytest-<n>), so that two runs
    against one server never drop or rebuild each other's."""
    return f"test_{name}_migrated_{_run_folder(config).name.replace('-', '_')}"


def _run_folder(config) -> Path:
    """The temporary folder of this run, shared by the controller and its xdist workers."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


@contextmanager
def _once_per_run(config, name: str):
    """Yields True to the one process of the run that should make `name`, False to the others
    (who wait until it is made)."""
    folder = _run_folder(config)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / f"{name}.done"
        yield not done.exists()
        done.touch()


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """This process's test database (test_<name>_gw0 …) as a copy of the run's migrated one."""
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    template = _migrated_template(request.config, original_name)
    request.config.wir_migrated_template = template
    with django_db_blocker.unblock():
        with _once_per_run(request.config, "migrated-database") as first:
            if first:
                connection.settings_dict["TEST"]["NAME"] = template
                try:
                    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                finally:
                    connection.settings_dict["TEST"]["NAME"] = test_name
                    connection.close()
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}"')  # left by an interrupted run
            cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
        settings.DATABASES[connection.alias]["NAME"] = connection.settings_dict["NAME"] = test_name
        connection.close()
        # what serialized_rollback restores after each committing test (pytest_collection_modifyitems)
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(original_name, verbosity=0)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """The controller (or the only process) drops the run's migrated database after every test
    database is gone."""
    if hasattr(session.config, "workerinput") or not (_run_folder(session.config) / "migrated-database.done").exists():
        return
    # DATABASES' name is back to the original here
    template = _migrated_template(session.config, settings.DATABASES["default"]["NAME"])
    with live.admin_connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


@pytest.fixture
def migrated_template(request, django_db_setup) -> str:
    """The name of the run's migrated database, as TEMPLATE for `live.fresh_database`."""
    return request.config.wir_migrated_template


@pytest.fixture(scope="session")
def collected_static(request) -> Path:
    """The run's static folder as `manage.py collectstatic` makes it with the production settings
    (hashed names, the manifest, compressed copies), for the real-process tests to serve."""
    folder = _run_folder(request.config) / "collected-static"
    with _once_per_run(request.config, "collected-static") as first:
        if first:
            shutil.rmtree(folder, ignore_errors=True)
            env = live.production_env("collectstatic", folder.parent, WIR_STATIC_ROOT=str(folder))
            live.manage(env, "collectstatic", "--noinput", "-v", "0", timeout=600)
    return folder


def subprocess_database_url() -> str:
    """DATABASE_URL of the test database, for subprocesses (workers, servers) started by a test."""
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def expect_errors(caplog):
    """Declares that the test provokes an error log on purpose; returns the ERROR (and worse) records
    logged so far, to assert on them."""

    def records():
        return [r for when in ("setup", "call") for r in caplog.get_records(when) if r.levelno >= logging.ERROR]

    return records


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(request, caplog):
    """A test that logged an ERROR (or worse) fails, unless it asked for `expect_errors`: an error
    in the log is an operator's alarm, so no test may raise one by accident."""
    yield
    if "expect_errors" in request.fixturenames:
        return
    errors = [r for when in ("setup", "call") for r in caplog.get_records(when) if r.levelno >= logging.ERROR]
    if errors:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in errors)
        pytest.fail(f"The test logged errors (use the expect_errors fixture if they are intended):\n{lines}")


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Django's cache is a database table that flushing between tests does not empty: rate-limit
    counters and cached pages would leak from one test into the next. Only tests that use the
    database need it; for the others pytest-django may set up no test database at all (a run of
    database-free tests only), and clearing then would reach the real database's cache."""
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    # The district's name is kept per process (wir_fallmanagement.district) and a rolled-back test
    # sends no signal: read it afresh here, so that the first page of a test does not count the query.
    district.forget()
    if not uses_db:
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        cache.clear()
        district.current()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def caseworker(db):
    return make_user("fm.one@example.org", Role.CASEWORKER, "Fiona Fallmanagerin")


@pytest.fixture
def colleague(db):
    return make_user("fm.two@example.org", Role.CASEWORKER, "Carl Kollege")


@pytest.fixture
def teamlead(db):
    return make_user("lead@example.org", Role.TEAMLEAD, "Tara Teamleitung")


@pytest.fixture
def administrator(db):
    return make_user("admin@example.org", Role.ADMIN, "Adam Administration")


@pytest.fixture
def volunteer(db):
    return make_user("helper.one@example.org", Role.VOLUNTEER, "Vera Volunteer")


@pytest.fixture
def other_volunteer(db):
    return make_user("helper.two@example.org", Role.VOLUNTEER, "Otto Other")


@pytest.fixture
def kjc(db):
    return make_user("clerk@kjc.example.org", Role.KJC, "Klara KJC")


@pytest.fixture
def data_protection_officer(db):
    return make_user("dpo@example.org", Role.DPO, "Dora Datenschutz")


@pytest.fixture
def anonymous(client):
    return client


@pytest.fixture
def persona(request, db):
    """Indirect parametrisation by persona fixture name: `@pytest.mark.parametrize("persona", [...], indirect=True)`."""
    return request.getfixturevalue(request.param)


def login(client, user):
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# The task queue: a real Procrastinate worker on the test database
# ---------------------------------------------------------------------------------------------


def run_worker(**options) -> None:
    """Run a real worker until no job is due now (jobs scheduled for a retry later stay in the
    queue). It reads committed rows only: use it in `transaction=True` tests. It runs in a thread
    of its own, so that its event loop never meets one of the test's (Playwright has one)."""
    import threading

    from procrastinate.contrib.django import app

    failures = []

    def work():
        try:
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(wait=False, listen_notify=False, install_signal_handlers=False, **options)
        except BaseException as error:  # handed to the test's thread below
            failures.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


@pytest.fixture
def run_jobs(django_db_serialized_rollback, transactional_db, monkeypatch):
    from django.db import connection, connections

    # serialized_rollback: the data of the data migrations (languages …) is back for every test.
    # Each task closes its thread's connection afterwards, so none outlives the test database.
    monkeypatch.setitem(connections.settings[connection.alias], "CONN_MAX_AGE", 0)
    _empty_queue()  # jobs left by other transactional tests are not this test's
    yield run_worker
    _empty_queue()


def _empty_queue():
    from django.db import connection

    with connection.cursor() as cursor:  # the queue's tables are not Django's to flush
        cursor.execute("DELETE FROM procrastinate_periodic_defers")
        cursor.execute("DELETE FROM procrastinate_jobs")


def jobs(task_name: str = ""):
    from procrastinate.contrib.django.models import ProcrastinateJob

    queryset = ProcrastinateJob.objects.order_by("id")
    return queryset.filter(task_name__endswith=task_name) if task_name else queryset


def work_off_documents() -> int:
    """Do the waiting jobs of the documents a page asked for (wir_fallmanagement.documents) in this
    process and this transaction, as the worker would: each job's task with its arguments from the
    job table. For tests that look at the documents themselves; `run_jobs` runs a real worker."""
    from django.db import connection
    from procrastinate.contrib.django import app

    done = 0
    tasks = ("cases.render_consent_form", "privacy.render_information_letter", "authorisations.render_handover_sheet")
    for job in jobs().filter(task_name__in=tasks, status="todo"):
        app.tasks[job.task_name](**job.args)
        with connection.cursor() as cursor:  # the queue's table is read-only to Django's ORM
            cursor.execute("DELETE FROM procrastinate_jobs WHERE id = %s", [job.id])
        done += 1
    return done


def get_document(http, url: str):
    """A document a page has the worker make: the page waits (202), the job runs, the PDF comes."""
    waiting = http.get(url)
    assert waiting.status_code == 202, waiting.status_code
    assert 'data-progress="document"' in waiting.content.decode()
    assert work_off_documents() == 1
    return http.get(url)


@pytest.fixture
def hanging_smtp(settings):
    """A mail server that accepts connections and never says a word."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.getsockname()[1], 1
    yield accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.fixture
def refusing_smtp(settings):
    """A mail server address where nothing listens: connections are refused."""
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    return port
