"""Every e-mail leaves through the task worker: a mail server that hangs or refuses never
blocks or fails a page, the job is retried and its failure is visible."""

import re

import pytest
from django.core import mail

from tests.conftest import jobs

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_password_reset_mail_is_sent_by_the_worker_with_a_working_link(client, volunteer, run_jobs):
    response = client.post("/accounts/password_reset/", {"email": volunteer.email})
    assert response.status_code == 302
    assert mail.outbox == []  # not sent by the web request
    assert jobs("send_password_reset").get().status == "todo"
    run_jobs()
    assert not jobs("send_password_reset").exists()  # done (finished jobs are deleted, failed ones kept)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [volunteer.email]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link, follow=True).status_code == 200
    assert "form" in client.get(link, follow=True).context


def test_a_hanging_mail_server_does_not_block_the_password_reset_page(client, volunteer, hanging_smtp, run_jobs):
    response = client.post("/accounts/password_reset/", {"email": volunteer.email})
    assert response.status_code == 302
    assert response.url == "/accounts/password_reset/done/"
    assert not hanging_smtp, "the request itself never waits for the mail server"
    assert jobs("send_password_reset").get().attempts == 0

    run_jobs()  # the worker meets the silent server: EMAIL_TIMEOUT (1 s here), then a retry
    job = jobs("send_password_reset").get()
    assert hanging_smtp, "the worker did try the mail server"
    assert job.status == "todo" and job.attempts == 1  # scheduled again, not lost
    assert job.scheduled_at is not None
