"""Invitations are mailed by the task worker: the job commits with the invitation, a refusing
mail server never fails the page, the job is retried and the failure logged."""

import pytest
from django.core import mail

from tests.conftest import jobs

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_refusing_mail_server_does_not_fail_an_invitation(
    client, caseworker, make_volunteer, refusing_smtp, run_jobs, caplog
):
    record = make_volunteer(email="helfer@example.org")
    client.force_login(caseworker)
    response = client.post(f"/volunteers/{record.pk}/invite/")
    assert response.status_code == 302
    assert jobs("send_invitation").get().attempts == 0  # queued, not tried in the request
    assert "Die Einladung ist an helfer@example.org gegangen." in client.get(response.url).content.decode()

    run_jobs()
    job = jobs("send_invitation").get()
    assert job.status == "todo" and job.attempts == 1
    failures = [r for r in caplog.records if r.name.startswith("procrastinate") and r.exc_info]
    assert any(isinstance(r.exc_info[1], ConnectionRefusedError) for r in failures)


def test_the_invitation_job_exists_only_if_the_invitation_does(client, caseworker, make_volunteer, run_jobs):
    record = make_volunteer(email="")
    client.force_login(caseworker)
    client.post(f"/volunteers/{record.pk}/invite/")  # refused: no e-mail address
    assert not jobs("send_invitation").exists()
    record.email = "spaeter@example.org"
    record.save()
    client.post(f"/volunteers/{record.pk}/invite/")
    client.post(f"/volunteers/{record.pk}/invite/")  # a second invitation replaces the first
    assert jobs("send_invitation").count() == 2
    run_jobs()
    assert len(mail.outbox) == 1  # only the open invitation's link is mailed
    assert mail.outbox[0].to == ["spaeter@example.org"]
