import datetime
import smtplib
import threading

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from cases.models import Consent, FollowUp
from reports.models import ReminderMail
from reports.reminders import send_reminders
from tests.conftest import jobs
from tests.factories import make_agent, make_authorisation, make_client, make_user

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_caseworker_gets_counts_of_what_ends_soon_without_names(caseworker, colleague, run_jobs):
    from authorisations.models import KjcBranch

    mine = make_client(caseworker, family_name="Geheimname", residence_valid_until=days(10))
    make_client(caseworker, residence_valid_until=days(90))  # too far ahead
    Consent.objects.create(
        client=mine,
        recipient_kind="kjc",
        data_categories=["identity"],
        purpose="x",
        created_by=caseworker,
        given_on=days(-100),
        valid_until=days(20),
    )
    FollowUp.objects.create(client=mine, owner=caseworker, due_on=days(-3), text="x")
    branch = KjcBranch.objects.create(name="KJC", postcode="64711", town="Erbach")
    make_authorisation(mine, make_agent(), caseworker, branch, status="signed", valid_until=days(15))
    make_client(colleague)  # nothing due: no mail for the colleague

    call_command("send_reminders")
    run_jobs()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [caseworker.email]
    assert "1 Aufenthaltstitel" in message.body
    assert "1 Einwilligungen" in message.body
    assert "1 Vollmachten" in message.body
    assert "1 überfällige Wiedervorlagen" in message.body
    assert "Geheimname" not in message.body and "Geheimname" not in message.subject


def test_no_mail_when_nothing_is_due(caseworker):
    make_client(caseworker, residence_valid_until=days(200))
    call_command("send_reminders")
    assert mail.outbox == []
    assert not jobs("send_reminder").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_police_certificates_due_for_renewal_count(caseworker, run_jobs):
    from volunteers.models import Assignment

    client = make_client(caseworker)
    volunteer = make_agent()
    issued = TODAY.replace(year=TODAY.year - 5) + datetime.timedelta(days=10)
    volunteer.police_certificate_issued_on = issued
    volunteer.police_certificate_inspected_on = issued + datetime.timedelta(days=5)
    volunteer.police_certificate_inspected_by = caseworker
    volunteer.police_certificate_result = "clear"
    volunteer.save()
    Assignment.objects.create(volunteer=volunteer, client=client, start_on=days(-30), created_by=caseworker)
    call_command("send_reminders")
    run_jobs()
    assert "1 Führungszeugnisse" in mail.outbox[0].body


# ------------------------------------------------------------------------------ twice, and failures


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_running_twice_on_one_day_mails_each_person_once(caseworker, run_jobs):
    make_client(caseworker, residence_valid_until=days(10))
    call_command("send_reminders")
    run_jobs()
    call_command("send_reminders")  # cron and the periodic task, or a retried cron line
    run_jobs()
    assert len(mail.outbox) == 1
    assert ReminderMail.objects.filter(user=caseworker, day=TODAY).count() == 1
    # The next day is a new day.
    send_reminders(today=days(1))
    run_jobs()
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_the_same_moment_mail_each_person_once(caseworker, colleague, run_jobs):
    make_client(caseworker, residence_valid_until=days(10))
    make_client(colleague, residence_valid_until=days(11))
    barrier = threading.Barrier(2)
    counts = []

    def run():
        barrier.wait()
        counts.append(send_reminders())
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(counts) == 2
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([caseworker.email, colleague.email])


class FailingForOneAddress(locmem.EmailBackend):
    def send_messages(self, messages):
        if any("kaputt" in address for message in messages for address in message.to):
            raise smtplib.SMTPRecipientsRefused({"kaputt@example.org": (550, b"no such user")})
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_address_does_not_stop_the_others_and_is_retried(db, run_jobs, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneAddress"
    broken = make_user("kaputt@example.org", Role.CASEWORKER, "Kai Kaputt")
    later = make_user("danach@example.org", Role.CASEWORKER, "Dana Danach")  # after the broken one
    make_client(broken, residence_valid_until=days(5))
    make_client(later, residence_valid_until=days(10))
    call_command("send_reminders")
    run_jobs()
    assert [m.to for m in mail.outbox] == [[later.email]]
    failed = jobs("send_reminder").get(args__user_id=broken.pk)
    assert failed.status == "todo" and failed.attempts == 1  # will be tried again
    assert any(isinstance(r.exc_info[1], smtplib.SMTPRecipientsRefused) for r in caplog.records if r.exc_info), (
        "the failure is logged"
    )
