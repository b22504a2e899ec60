"""Large files: checked and imported by the real task worker, with progress in the page."""

import pytest
from django.urls import reverse

from cases.models import Client
from imports.models import ImportRun
from tests.conftest import jobs, login
from tests.imports.files import CLIENT_HEADERS, upload, xlsx


@pytest.mark.django_db(transaction=True)
def test_large_file_runs_in_the_worker_with_progress(client, caseworker, run_jobs, settings):
    settings.WIR_IMPORT_INLINE_ROWS = 50
    rows = [["Nasser", f"Amal{n}", f"01.01.{1950 + n % 50}"] for n in range(250)]
    login(client, caseworker)
    response = client.post(
        reverse("imports:import_start"),
        {"kind": "clients", "file": upload("gross.xlsx", xlsx(rows, headers=CLIENT_HEADERS[:3]))},
    )
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.CHECKING and run.total == 250
    page = client.get(response["Location"]).content.decode()
    assert 'data-progress="import-checking"' in page and 'max="250"' in page
    assert [job.task_name for job in jobs()] == ["imports.tasks.check_import"]

    run_jobs()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED and run.counts["new"] == 250 and run.done == 250
    assert not Client.objects.exists()

    client.post(reverse("imports:import_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.IMPORTING
    assert 'data-progress="import-importing"' in client.get(response["Location"]).content.decode()
    client.post(reverse("imports:import_commit", args=[run.pk]))  # a second click queues nothing
    assert jobs("commit_import").count() == 1

    run_jobs()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.report
    assert Client.objects.count() == 250
    assert run.file == ""  # the uploaded file is deleted once imported
    assert "250 neu angelegt" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_transaction_is_open(caseworker, transactional_db, settings, monkeypatch):
    """The worker writes the rows done through a second connection: another connection sees them
    before the import's transaction ends."""
    from django.db import connections

    from imports import services
    from wir_fallmanagement import importing

    seen = []
    original = importing.ImportResource.before_import_row

    def spy(self, row, **kwargs):
        original(self, row, **kwargs)
        if kwargs["row_number"] == 201:
            observer = connections.create_connection("default")
            with observer.cursor() as cursor:
                cursor.execute("SELECT done FROM imports_importrun")
                seen.append(cursor.fetchone()[0])
            observer.close()

    monkeypatch.setattr(importing.ImportResource, "before_import_row", spy)
    from wir_fallmanagement.uploads import XLSX, CheckedUpload

    content = xlsx([["Nasser", f"Amal{n}", "1990"] for n in range(210)], headers=CLIENT_HEADERS[:3])
    run = services.accept(
        checked=CheckedUpload(content=content, content_type=XLSX, original_name="g.xlsx"),
        kind="clients",
        user=caseworker,
        caseworker=caseworker,
    )
    services.check(run)
    assert seen == [200]


@pytest.mark.django_db(transaction=True)
def test_a_file_of_exactly_the_inline_size_is_imported_in_the_request_with_the_form_token(
    client, caseworker, monkeypatch
):
    """The commit of a small file runs in the request, inside the transaction of the one-time form
    token (accounts.once), which holds the run's row locked: a progress write through a second
    connection (every 100 rows) waited for that lock forever — the request hung until gunicorn
    killed it. lock_timeout turns the hang into an error for this test."""
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=5000")  # read by libpq for every new connection
    rows = [["Nasser", f"Amal{n}", "1990"] for n in range(100)]  # WIR_IMPORT_INLINE_ROWS (100): inline
    login(client, caseworker)
    data = {"kind": "clients", "file": upload("liste.xlsx", xlsx(rows, headers=CLIENT_HEADERS[:3]))}
    client.post(reverse("imports:import_start"), {**data, "form_token": "tok-upload"})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.CHECKED and run.total == 100, run.problems
    response = client.post(reverse("imports:import_commit", args=[run.pk]), {"form_token": "tok-commit"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.problems
    assert Client.objects.count() == 100 and not jobs().filter(task_name__startswith="imports.").exists()
