"""Documents a user opens with a link — the consent form and the information letter (Art. 15
GDPR) — are laid out by a real Procrastinate worker, never in the web request: the page waits
(202, progress fragment), the worker renders and stores the PDF, the next read hands it out and
logs it; a failed job is reported in German with a retry link (wir_fallmanagement/documents.py)."""

import pytest
from django.urls import reverse
from procrastinate import RetryStrategy

from cases import tasks as case_tasks
from cases.models import AccessLog, Client, Consent
from privacy import tasks as privacy_tasks
from tests.conftest import jobs
from tests.factories import make_client, pdf_text, speak
from wir_fallmanagement import documents


def consent_form(caseworker):
    person = make_client(caseworker, family_name="Sabbagh")
    speak(person, "uk")
    consent = Consent.objects.create(
        client=person, recipient_kind="kjc", data_categories=["identity"], purpose="Antrag", created_by=caseworker
    )
    url = reverse("cases:consent_form_pdf", args=[consent.pk])
    return url, case_tasks.render_consent_form, "pdf", f"consent:{consent.pk}", "Einwilligung in die Datenübermittlung"


def information_letter(caseworker):
    person = make_client(caseworker, family_name="Sabbagh")
    url = reverse("privacy:information_letter", args=[person.pk])
    return url, privacy_tasks.render_information_letter, "export", f"information-letter:{person.pk}", "Sabbagh"


DOCUMENTS = [consent_form, information_letter]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_document_is_rendered_by_the_worker_not_by_the_web_request(client, caseworker, run_jobs, document):
    url, task, action, target, words = document(caseworker)
    client.force_login(caseworker)
    waiting = client.get(url)
    assert waiting.status_code == 202 and waiting["Content-Type"].startswith("text/html")
    page = waiting.content.decode()
    assert 'data-progress="document"' in page and "Das Dokument wird erstellt" in page
    assert "Seite neu laden" in page  # without JavaScript: a reload link
    client.get(url)
    assert jobs(task.name).count() == 1  # one job however often the page is re-read
    assert jobs(task.name).get().queue_name == "documents"
    logged = AccessLog.objects.filter(action=action, target=target)
    assert not logged.exists()  # nothing handed out yet

    run_jobs()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert words in pdf_text(response.content)
    assert client.get(url).content == response.content  # the stored PDF, not a new job
    assert not jobs(task.name).exists()
    assert logged.count() == 2  # every download is logged


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_failed_document_is_shown_in_german_with_a_retry_link(
    client, caseworker, run_jobs, monkeypatch, document, expect_errors
):
    url, task, *_rest = document(caseworker)
    assert task.retry_strategy.max_attempts == documents.RETRY.max_attempts == 3  # retried by the worker

    def broken_renderer(*args, **kwargs):
        raise OSError("renderer crashed")

    monkeypatch.setattr(task, "retry_strategy", RetryStrategy(max_attempts=1))  # the last try at once
    monkeypatch.setattr(documents, "html_to_pdf", broken_renderer)
    client.force_login(caseworker)
    client.get(url)
    for _ in range(5):  # a worker that finds the retry not yet due stops, so go again
        run_jobs()
        if jobs(task.name).filter(status="failed").exists():
            break
    assert [job.status for job in jobs(task.name)] == ["failed"]
    failed = client.get(url)
    page = failed.content.decode()
    assert failed.status_code == 200 and "Das Dokument konnte nicht erstellt werden" in page
    assert "data-progress" not in page and "retry=1" in page
    assert jobs(task.name).count() == 1  # re-reading the page does not try again by itself

    monkeypatch.undo()
    retry = client.get(url + "?retry=1")
    assert retry.status_code == 302 and retry.url == url
    assert client.get(url).status_code == 202
    run_jobs()
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_the_consent_form_keeps_its_language_through_the_retry(client, caseworker):
    url, *_rest = consent_form(caseworker)
    client.force_login(caseworker)
    assert client.get(url + "?lang=ar").status_code == 202
    ((args, status),) = jobs(case_tasks.render_consent_form.name).values_list("args", "status")
    assert args["lang"] == "ar" and status == "todo"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_failed_job_belongs_to_its_document_not_to_the_next_one(
    client, caseworker, run_jobs, monkeypatch, document, expect_errors
):
    """The worker deletes the jobs that succeed and keeps the failed ones: the failure of an earlier
    document of the same record must not be reported for a new one (another date, changed data)."""
    url, task, *_rest = document(caseworker)

    def broken_renderer(*args, **kwargs):
        raise OSError("renderer crashed")

    monkeypatch.setattr(task, "retry_strategy", RetryStrategy(max_attempts=1))
    monkeypatch.setattr(documents, "html_to_pdf", broken_renderer)
    client.force_login(caseworker)
    client.get(url)
    for _ in range(5):
        run_jobs()
        if jobs(task.name).filter(status="failed").exists():
            break
    assert "Das Dokument konnte nicht erstellt werden" in client.get(url).content.decode()
    monkeypatch.undo()

    person = Client.objects.get(family_name="Sabbagh")
    person.family_name = "Sabbagh-Haddad"  # the document reads differently now
    person.save()
    again = client.get(url)
    assert again.status_code == 202 and "data-progress" in again.content.decode()
    run_jobs()
    assert client.get(url)["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_pages_own_re_reads_neither_receive_nor_log_the_pdf(client, caseworker, run_jobs, document):
    """progress.js re-reads the address every 2 s with X-Progress-Poll: once the PDF is there it is
    told so (a page without the progress box, so it reloads) — the reload hands out and logs it once."""
    url, task, action, target, _words = document(caseworker)
    client.force_login(caseworker)
    assert client.get(url, HTTP_X_PROGRESS_POLL="1").status_code == 202
    job = jobs(task.name).get()
    assert job.lock and job.lock == job.queueing_lock  # a job queued while this one runs waits for it
    run_jobs()
    poll = client.get(url, HTTP_X_PROGRESS_POLL="1")
    assert poll.status_code == 200 and poll["Content-Type"].startswith("text/html")
    notice = poll.content.decode()
    assert "data-progress-ready" in notice and 'data-progress="' not in notice and "%PDF" not in notice
    assert "Das Dokument ist fertig. Der Download beginnt." in notice and f'href="{url}"' in notice
    logged = AccessLog.objects.filter(action=action, target=target)
    assert not logged.exists()
    assert client.get(url)["Content-Type"] == "application/pdf"
    assert logged.count() == 1
