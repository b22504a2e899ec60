"""The retention job: what is due when, what stays for the statistics, holds, and the trigger."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from accounts.models import Role
from authorisations import tasks
from cases.models import AccessLog, Case, Client, Consent, Contact, FollowUp, Goal
from privacy import retention
from privacy.models import LegalHold, RetentionPeriod, RetentionRun
from tests.factories import make_client, make_household, make_user, make_volunteer
from volunteers.models import Volunteer, add_months

TODAY = timezone.localdate()


def closed_client(caseworker, **fields):
    client = make_client(
        caseworker, family_name="Haddad", given_names="Samira", birth_year=1987, gender="female", **fields
    )
    Contact.objects.create(client=client, author=caseworker, note="Gespräch über Gesundheit", topics=["health"])
    FollowUp.objects.create(client=client, owner=caseworker, due_on=TODAY, text="Anruf Haddad")
    Goal.objects.create(client=client, title="Deutschkurs B1", created_by=caseworker)
    case = Case.objects.get(client=client)
    case.change_status(Case.Status.CLOSED, reason=Case.ClosingReason.WORK, note="zieht zu ihrer Schwester")
    return client


def months_later(n):
    return add_months(TODAY, n)


def test_a_closed_case_keeps_the_client_for_the_period_and_then_anonymises_it(caseworker):
    client = closed_client(caseworker)
    assert retention.apply(today=months_later(35)).counts == {}
    assert Client.objects.get(pk=client.pk).family_name == "Haddad"

    run = retention.apply(today=months_later(36))
    assert run.counts["clients"] == 1 and run.finished_at
    client = Client.objects.get(pk=client.pk)
    assert (client.family_name, client.given_names, client.phone, client.search_document) == (
        "Anonymisiert",
        "",
        "",
        "",
    )
    assert client.anonymised_at and client.birth_year == 1985 and client.gender == "female"
    case = Case.objects.get(client=client)
    assert (case.status, case.closing_reason, case.closing_note) == ("closed", "work", "")
    assert Contact.objects.get(client=client).note == "" and Contact.objects.get(client=client).topics == ["health"]
    assert Goal.objects.get(client=client).title == ""
    assert not FollowUp.objects.filter(client=client).exists()
    assert not Client.history.filter(id=client.pk).exists()
    assert not Case.history.filter(client_id=client.pk).exists()
    assert "Haddad" not in str(list(Client.objects.values()))


def test_a_second_run_finds_nothing_left(caseworker):
    closed_client(caseworker)
    retention.apply(today=months_later(40))
    assert retention.apply(today=months_later(40)).counts == {}


def test_the_counts_of_the_statistics_stay_the_same(caseworker):
    for _ in range(3):
        closed_client(caseworker)
    make_client(caseworker, gender="male")

    def figures():
        return (
            Client.objects.count(),
            Client.objects.filter(gender="female").count(),
            Case.objects.filter(closing_reason="work").count(),
            Contact.objects.filter(topics__contains=["health"]).count(),
            sorted(Client.objects.values_list("birth_year", flat=True)),
        )

    before = figures()
    retention.apply(today=months_later(37))
    after = figures()
    assert after[:4] == before[:4]
    assert after[4] == sorted([1985, 1985, 1985, 1990])  # five-year bands for the anonymised


def test_an_open_case_is_never_due(caseworker):
    client = make_client(caseworker)
    retention.apply(today=months_later(200))
    assert Client.objects.get(pk=client.pk).anonymised_at is None


def test_a_legal_hold_stops_it_until_it_is_lifted(caseworker, administrator):
    client = closed_client(caseworker)
    hold = LegalHold.objects.create(case=client.cases.get(), reason="Widerspruch anhängig", created_by=administrator)
    assert retention.plan(months_later(37)).counts()["held_clients"] == 1
    retention.apply(today=months_later(37))
    assert Client.objects.get(pk=client.pk).anonymised_at is None
    hold.lifted_on = TODAY
    hold.save()
    retention.apply(today=months_later(37))
    assert Client.objects.get(pk=client.pk).anonymised_at is not None
    assert not LegalHold.objects.exists()


def test_household_members_without_a_case_follow_the_household(caseworker):
    household = make_household()
    parent = make_client(caseworker, household=household, household_relation="head")
    child = make_client(household=household, household_relation="child")
    retention.apply(today=months_later(60))
    assert Client.objects.get(pk=child.pk).anonymised_at is None  # the parent's case is open
    parent.cases.get().change_status(Case.Status.CLOSED, reason="moved")
    retention.apply(today=months_later(37))
    assert Client.objects.filter(pk__in=[parent.pk, child.pk], anonymised_at__isnull=False).count() == 2
    assert not type(household).objects.filter(pk=household.pk).exists()


def test_a_consent_past_its_period_goes_while_the_case_runs(caseworker):
    client = make_client(caseworker)
    consent = Consent.objects.create(
        client=client,
        recipient_kind="kjc",
        data_categories=["identity"],
        purpose="KJC",
        created_by=caseworker,
        given_on=TODAY,
        revoked_on=TODAY,
    )
    retention.apply(today=months_later(35))
    assert Consent.objects.filter(pk=consent.pk).exists()
    assert retention.apply(today=months_later(36)).counts["consents"] == 1
    assert not Consent.objects.filter(pk=consent.pk).exists() and not Consent.history.filter(id=consent.pk).exists()
    assert Client.objects.get(pk=client.pk).anonymised_at is None


def test_access_log_rows_go_after_their_period(caseworker):
    client = make_client(caseworker)
    AccessLog.objects.create(user=caseworker, client=client, action="view")
    retention.apply(today=months_later(11))
    assert AccessLog.objects.count() == 1
    assert retention.apply(today=months_later(12)).counts["access_log"] == 1
    assert not AccessLog.objects.exists()


def test_a_volunteer_who_left_is_anonymised_with_the_portal_account(caseworker):
    user = make_user("leaving@example.org", Role.VOLUNTEER, "Lea Leaving")
    volunteer = make_volunteer(user, inspected_by=caseworker, family_name="Leaving", note="mag Katzen")
    volunteer.status = Volunteer.Status.LEFT
    volunteer.save()
    retention.apply(today=months_later(11))
    assert Volunteer.objects.get(pk=volunteer.pk).family_name == "Leaving"
    assert retention.apply(today=months_later(13)).counts["volunteers"] == 1
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert (volunteer.family_name, volunteer.note, volunteer.email, volunteer.police_certificate_inspected_on) == (
        "Anonymisiert",
        "",
        "",
        None,
    )
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password() and "leaving" not in user.email
    assert not Volunteer.history.filter(id=volunteer.pk).exists()


def test_the_periods_are_master_data(caseworker):
    client = closed_client(caseworker)
    period = RetentionPeriod.objects.get(kind="client")
    period.months = 12
    period.save()
    assert period.history.first().months == 12  # with history
    retention.apply(today=months_later(12))
    assert Client.objects.get(pk=client.pk).anonymised_at is not None


def test_history_stays_append_only_outside_the_retention_job(caseworker):
    make_client(caseworker)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Client.history.all().delete()


def test_only_the_retention_code_opens_the_switch():
    base = Path(settings.BASE_DIR)
    result = subprocess.run(
        ["git", "grep", "-l", "wir.retention", "--", "*.py", ":!tests/*"], cwd=base, capture_output=True, text=True
    )
    assert sorted(result.stdout.split()) == ["accounts/immutable.py", "privacy/retention.py"]


def test_the_command_runs_as_of_another_day_and_previews(caseworker, capsys):
    client = closed_client(caseworker)
    call_command("apply_retention", "--preview", "--today", months_later(37).isoformat())
    assert "clients: 1" in capsys.readouterr().out
    assert Client.objects.get(pk=client.pk).anonymised_at is None
    call_command("apply_retention", "--today", months_later(37).isoformat())
    assert Client.objects.get(pk=client.pk).anonymised_at is not None
    assert RetentionRun.objects.get(trigger="manual").counts["clients"] == 1


def test_the_preview_looks_thirty_days_ahead(caseworker):
    client = closed_client(caseworker)
    Case.objects.filter(client=client).update(closed_on=add_months(TODAY, -36) + datetime.timedelta(days=20))
    assert retention.plan(TODAY).counts()["clients"] == 0
    assert retention.preview(TODAY).counts()["clients"] == 1


def test_finished_worker_jobs_go_after_the_technical_period(caseworker):
    old, recent, waiting = (tasks.print_handover_bundle.defer(job_id=n) for n in (1, 2, 3))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = ANY(%s)", [[old, recent]])
        cursor.execute("UPDATE procrastinate_jobs SET status = 'failed' WHERE id = ANY(%s)", [[old, recent]])
        cursor.execute("UPDATE procrastinate_events SET at = at - interval '4 months' WHERE job_id = %s", [old])
    assert retention.preview().counts()["technical"] >= 1
    run = retention.apply()
    assert run.counts["technical"] >= 1
    assert set(ProcrastinateJob.objects.values_list("id", flat=True)) == {recent, waiting}  # waiting: never
