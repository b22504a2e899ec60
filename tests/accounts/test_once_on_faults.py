"""The one-time form token commits with the form's data: a request that dies midway leaves no
token (the user's retry is accepted), a double submission is still processed once."""

import os
import re
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from accounts.models import SubmittedForm
from cases import services as case_services
from cases import views as case_views
from cases.models import Contact
from tests.conftest import BASE_DIR, subprocess_database_url
from tests.factories import make_client


def contact_data(token: str) -> dict:
    return {
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "30",
        "channel": "phone",
        "note": "Nach dem Fehler erneut",
        "form_token": token,
    }


def test_a_request_that_fails_after_saving_leaves_no_token_and_the_retry_is_accepted(
    caseworker, monkeypatch, expect_errors
):
    mine = make_client(caseworker)
    browser = HttpClient(raise_request_exception=False)
    browser.force_login(caseworker)
    url = f"/clients/{mine.pk}/contacts/new/"

    def fail(*args, **kwargs):
        raise RuntimeError("worker died after the contact was written")

    with monkeypatch.context() as patch:
        patch.setattr(case_views.messages, "success", fail)
        assert browser.post(url, contact_data("tok-fails-midway")).status_code == 500
    assert not SubmittedForm.objects.filter(token="tok-fails-midway").exists()
    assert not Contact.objects.exists()  # the half-done request left nothing

    retry = browser.post(url, contact_data("tok-fails-midway"))
    assert retry.status_code == 302
    assert Contact.objects.count() == 1
    assert "nur einmal" not in browser.get(retry.url).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_submissions_of_one_form_are_processed_once(caseworker, monkeypatch):
    mine = make_client(caseworker)
    original = case_services.log_contact

    def slow_log_contact(**kwargs):
        contact = original(**kwargs)
        time.sleep(1)  # the second request arrives while the first is still writing
        return contact

    monkeypatch.setattr(case_services, "log_contact", slow_log_contact)
    responses = []

    def submit():
        browser = HttpClient()
        browser.force_login(caseworker)
        responses.append(browser.post(f"/clients/{mine.pk}/contacts/new/", contact_data("tok-simultaneous")))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0].url == responses[1].url
    assert Contact.objects.filter(client=mine).count() == 1


KILLED_REQUEST = """
import os, django
django.setup()
from django.test import Client
from accounts.models import User
from cases import views
def die(*args, **kwargs):
    os.kill(os.getpid(), 9)  # the worker is killed after the contact was written
views.messages.success = die
browser = Client()
browser.force_login(User.objects.get(pk={user}))
browser.post("/clients/{client}/contacts/new/", {data!r})
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_worker_leaves_no_token_and_the_retry_is_accepted(caseworker):
    mine = make_client(caseworker)
    data = contact_data("tok-killed-worker")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wir_fallmanagement.settings",
        "DATABASE_URL": subprocess_database_url(),
        "SECRET_KEY": "test-only-secret-key-for-the-killed-worker-subprocess-xxxxxxxx",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "WIR_REQUIRE_2FA": "0",
    }
    script = KILLED_REQUEST.format(user=caseworker.pk, client=mine.pk, data=data)
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=env, timeout=120, capture_output=True)
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    assert not SubmittedForm.objects.filter(token="tok-killed-worker").exists()
    assert not Contact.objects.exists()

    browser = HttpClient()
    browser.force_login(caseworker)
    assert browser.post(f"/clients/{mine.pk}/contacts/new/", data).status_code == 302
    assert Contact.objects.filter(client=mine).count() == 1


def _form_fields(page: str, action: str) -> dict:
    form = page.split(f'action="{action}"')[1].split("</form>")[0]
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))


def test_the_retry_buttons_of_the_bundle_and_the_yearly_report_start_one_job_on_a_double_click(caseworker, teamlead):
    """Every form that starts work carries the one-time token: the second click of a double click
    is sent where the first went, instead of queueing the same print or report again."""
    from authorisations import services as authorisation_services
    from authorisations.models import PrintJob
    from reports.models import YearlyReportJob
    from tests.factories import make_agent, make_authorisation, make_branch, make_principal, signed

    branch = make_branch()
    authorisation = make_authorisation(make_principal(caseworker), make_agent(), caseworker, branch)
    signed(authorisation, caseworker)
    handover = authorisation_services.create_handover(
        user=caseworker,
        kjc_branch=branch,
        team="benefits",
        handed_over_on=timezone.localdate(),
        authorisations=[authorisation],
    )
    browser = HttpClient()
    browser.force_login(caseworker)
    action = reverse("authorisations:handover_bundle", args=[handover.pk])
    detail = browser.get(reverse("authorisations:handover_detail", args=[handover.pk])).content.decode()
    fields = _form_fields(detail, action)
    assert "form_token" in fields
    for _ in range(2):
        assert browser.post(action, fields).status_code == 302
    assert PrintJob.objects.filter(handover=handover).count() == 1

    failed = YearlyReportJob.objects.create(year=2025, requested_by=teamlead, status="failed")
    browser.force_login(teamlead)
    fields = _form_fields(browser.get(f"/reports/yearly/{failed.pk}/").content.decode(), "/reports/yearly/create/")
    assert "form_token" in fields
    for _ in range(2):
        assert browser.post("/reports/yearly/create/", fields).status_code == 302
    assert YearlyReportJob.objects.filter(year=2025).count() == 2  # the failed one and one new one
