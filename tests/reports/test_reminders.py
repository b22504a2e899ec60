import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cases.models import Consent, FollowUp
from tests.factories import make_agent, make_authorisation, make_client

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_each_caseworker_gets_counts_of_what_ends_soon_without_names(caseworker, colleague):
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


def test_police_certificates_due_for_renewal_count(caseworker):
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
    assert "1 Führungszeugnisse" in mail.outbox[0].body
