"""Vollmacht PDFs are rendered by the task worker, never in a web request (issue 12, "printing
must not starve web workers"): printing and draft previews go through a real Procrastinate worker
(`run_jobs`), the pages show the work in progress, then the PDF — read back with pypdf."""

import os
import re
import signal
import time
from pathlib import Path

import pytest
from django.db import connection
from procrastinate import RetryStrategy

from authorisations import services, tasks
from authorisations.models import Authorisation, AuthorisationPdf
from cases.models import AccessLog
from tests import live
from tests.conftest import jobs
from tests.factories import pdf_text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def detail(authorisation):
    return f"/authorisations/{authorisation.pk}/"


def pdf_url(authorisation):
    return f"/authorisations/{authorisation.pk}/pdf/"


def broken_renderer(*args, **kwargs):
    raise RuntimeError("WeasyPrint ist abgestürzt")


@pytest.fixture
def one_try(monkeypatch):
    """The last try comes at once (the real strategy waits minutes between tries)."""
    monkeypatch.setattr(tasks.print_authorisation, "retry_strategy", RetryStrategy(max_attempts=1))


def print_form(client, authorisation) -> dict:
    """The print form's fields as the detail page renders them (CSRF is not checked by the test
    client; the one-time form token is)."""
    page = client.get(detail(authorisation)).content.decode()
    form = page.split(f'action="/authorisations/{authorisation.pk}/print/"')[1].split("</form>")[0]
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))


def test_printing_is_done_by_the_worker_and_the_page_shows_it_then_the_download(client, caseworker, draft, run_jobs):
    client.force_login(caseworker)
    first_tab, second_tab = print_form(client, draft), print_form(client, draft)
    response = client.post(f"/authorisations/{draft.pk}/print/", first_tab)
    assert response.status_code == 302 and response.url == detail(draft)
    draft.refresh_from_db()
    assert draft.status == "draft" and not AuthorisationPdf.objects.exists()  # nothing rendered in the request
    assert [job.args for job in jobs("print_authorisation")] == [
        {"authorisation_id": draft.pk, "version": 1, "user_id": caseworker.pk, "base_url": "http://testserver/"}
    ]
    waiting = client.get(detail(draft)).content.decode()
    assert 'data-progress="authorisation-print"' in waiting and "Die Vollmacht wird gedruckt" in waiting
    assert "js/progress.js" in waiting and "Seite neu laden" in waiting  # moves by itself; a link without JS
    assert "Drucken (PDF erzeugen)" not in waiting
    # The same click from a second tab while the job waits: no second job, no error.
    assert client.post(f"/authorisations/{draft.pk}/print/", second_tab).status_code == 302
    assert jobs("print_authorisation").count() == 1

    run_jobs()
    draft.refresh_from_db()
    stored = draft.current_pdf()
    assert (draft.status, stored.version, stored.created_by) == ("printed", 1, caseworker)
    assert not jobs("print_authorisation").exists()  # done (finished jobs are deleted)
    done = client.get(detail(draft)).content.decode()
    assert "data-progress" not in done and "Gedruckte Fassung herunterladen" in done
    download = client.get(pdf_url(draft))
    assert download.status_code == 200 and download.content == bytes(stored.pdf)
    text = pdf_text(download.content)
    assert draft.short_code in text and "ENTWURF" not in text
    assert AccessLog.objects.filter(action="pdf", target=f"authorisation:{draft.pk}").count() == 1


def test_a_print_job_is_idempotent_and_one_for_an_old_version_does_nothing(caseworker, draft, agent, run_jobs):
    for _ in range(2):  # the same job twice (a retry after the first one had written the PDF)
        tasks.print_authorisation.defer(
            authorisation_id=draft.pk, version=1, user_id=caseworker.pk, base_url="http://testserver/"
        )
    run_jobs()
    draft.refresh_from_db()
    first = draft.current_pdf()
    assert draft.status == "printed" and AuthorisationPdf.objects.count() == 1
    assert list(draft.history.filter(status="printed").values_list("status", flat=True)) == ["printed"]

    services.update_authorisation(authorisation=draft, content={"exclusions": "Neu"})  # version 2, a draft
    tasks.print_authorisation.defer(authorisation_id=draft.pk, version=1, user_id=caseworker.pk, base_url="x")
    run_jobs()
    draft.refresh_from_db()
    assert (draft.version, draft.status, AuthorisationPdf.objects.count()) == (2, "draft", 1)
    assert bytes(AuthorisationPdf.objects.get().pdf) == bytes(first.pdf)


def test_a_failed_print_is_shown_in_german_with_a_retry_button(
    client, caseworker, draft, run_jobs, monkeypatch, one_try, expect_errors
):
    client.force_login(caseworker)
    monkeypatch.setattr(services, "render_authorisation", broken_renderer)
    client.post(f"/authorisations/{draft.pk}/print/")
    run_jobs()
    assert [job.status for job in jobs("print_authorisation")] == ["failed"]
    page = client.get(detail(draft)).content.decode()
    assert "Die Vollmacht konnte nicht gedruckt werden" in page and "Noch einmal drucken" in page
    assert "data-progress" not in page
    draft.refresh_from_db()
    assert draft.status == "draft" and not AuthorisationPdf.objects.exists()

    monkeypatch.undo()
    client.post(f"/authorisations/{draft.pk}/print/")
    assert "Die Vollmacht wird gedruckt" in client.get(detail(draft)).content.decode()
    run_jobs()
    draft.refresh_from_db()
    assert draft.status == "printed" and draft.current_pdf() is not None


def test_a_draft_that_cannot_be_printed_is_refused_at_once(client, caseworker, draft):
    Authorisation.objects.filter(pk=draft.pk).update(kjc_branch=None)
    client.force_login(caseworker)
    response = client.post(f"/authorisations/{draft.pk}/print/", follow=True)
    assert "Bitte wählen Sie zuerst die Geschäftsstelle des KJC." in response.content.decode()
    assert not jobs("print_authorisation").exists()


def test_the_draft_preview_is_rendered_by_the_worker_and_kept_for_its_content(client, caseworker, draft, run_jobs):
    client.force_login(caseworker)
    waiting = client.get(pdf_url(draft))
    assert waiting.status_code == 202 and waiting["Content-Type"].startswith("text/html")
    page = waiting.content.decode()
    assert 'data-progress="authorisation-preview"' in page and "Die Vorschau wird erstellt" in page
    assert "Seite neu laden" in page  # the plain-HTML fallback
    client.get(pdf_url(draft))
    assert jobs("render_preview").count() == 1  # one job however often the page is re-read
    assert not AccessLog.objects.filter(action="pdf").exists()  # no document served yet

    run_jobs()
    preview = client.get(pdf_url(draft))
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert "ENTWURF – nicht zur Unterschrift" in pdf_text(preview.content)
    assert client.get(pdf_url(draft)).content == preview.content  # served from the stored preview
    assert not jobs("render_preview").exists()
    assert AccessLog.objects.filter(action="pdf", target=f"authorisation:{draft.pk}").count() == 2
    draft.refresh_from_db()
    assert draft.status == "draft" and not AuthorisationPdf.objects.exists()  # a preview is not kept as printed

    services.update_authorisation(authorisation=draft, content={"exclusions": "Keine Umzüge"})
    assert client.get(pdf_url(draft)).status_code == 202  # changed content: a new preview
    run_jobs()
    assert "Keine Umzüge" in pdf_text(client.get(pdf_url(draft)).content)


def test_a_failed_preview_is_shown_in_german_with_a_retry_link(
    client, caseworker, draft, run_jobs, monkeypatch, expect_errors
):
    client.force_login(caseworker)
    monkeypatch.setattr(tasks, "html_to_pdf", broken_renderer)
    client.get(pdf_url(draft))
    for _ in range(5):  # both tries fail; a worker that finds the retry not yet due stops, so go again
        run_jobs()
        if tasks.preview_failed(draft):
            break
    page = client.get(pdf_url(draft)).content.decode()
    assert "Die Vorschau konnte nicht erstellt werden" in page and "data-progress" not in page
    assert jobs("render_preview").count() == 1  # re-reading the page does not try again by itself

    monkeypatch.undo()
    retry = client.get(pdf_url(draft) + "?retry=1")
    assert retry.status_code == 302 and retry.url == pdf_url(draft)
    assert client.get(retry.url).status_code == 202
    run_jobs()
    assert client.get(pdf_url(draft))["Content-Type"] == "application/pdf"


def test_the_worker_renders_at_a_lower_cpu_priority(tmp_path):
    env = live.production_env(live.database_url(connection.settings_dict["NAME"]), tmp_path)
    worker = live.start([str(live.BASE_DIR / "scripts" / "serve"), "worker"], env, tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 30
        while "procrastinate worker" not in " ".join(_cmdline(worker.pid)):
            assert worker.poll() is None and time.monotonic() < deadline, live.read_log(worker)
            time.sleep(0.1)
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) == 10
        assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == 0  # … and not the rest of the machine
        mine = _autogroup_nice("self")
        if mine is not None:  # Linux weighs nice only within an autogroup (sandboxes may show none)
            assert _autogroup_nice(worker.pid) == 10
            assert mine == 0
    finally:
        live.stop(worker, signal.SIGTERM)


def _autogroup_nice(pid: int | str) -> int | None:
    """The nice value of the process's scheduler autogroup ("/autogroup-123 nice 10"), or None
    where the kernel (or a sandbox such as gVisor) shows none."""
    try:
        words = Path(f"/proc/{pid}/autogroup").read_text().split()
    except OSError:
        return None
    return int(words[-1]) if len(words) == 3 and words[1] == "nice" else None


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return [part.decode() for part in cmdline.read().split(b"\0")]
    except FileNotFoundError:
        return []
