import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Contact
from tests.factories import days, make_client
from volunteers.models import Assignment, Volunteer, add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 60, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 12, 1), 1, datetime.date(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_a_complete_certificate_and_pledge_make_an_active_volunteer_assignable(make_volunteer):
    volunteer = make_volunteer()
    assert volunteer.police_certificate_valid_on()
    assert volunteer.assignment_obstacles() == []


def test_it_names_every_obstacle(make_volunteer):
    volunteer = make_volunteer(assignable=False, status=Volunteer.Status.PAUSED)
    reasons = " ".join(str(r) for r in volunteer.assignment_obstacles())
    assert "pausiert" in reasons
    assert "kein erweitertes Führungszeugnis" in reasons
    assert "Verschwiegenheitserklärung" in reasons


def test_a_certificate_older_than_three_months_at_inspection_does_not_count(make_volunteer):
    today = timezone.localdate()
    volunteer = make_volunteer(
        police_certificate_issued_on=add_months(today, -4), police_certificate_inspected_on=today - days(1)
    )
    assert volunteer.police_certificate_was_too_old
    assert not volunteer.police_certificate_valid_on()
    assert "älter als drei Monate" in str(volunteer.assignment_obstacles()[0])


def test_exactly_three_months_at_inspection_is_still_fine(make_volunteer):
    today = timezone.localdate()
    volunteer = make_volunteer(
        police_certificate_issued_on=add_months(today, -3), police_certificate_inspected_on=today
    )
    assert not volunteer.police_certificate_was_too_old


def test_the_certificate_is_due_for_renewal_five_years_after_issue(make_volunteer):
    issued = datetime.date(2020, 5, 10)
    volunteer = make_volunteer(police_certificate_issued_on=issued, police_certificate_inspected_on=issued + days(10))
    assert volunteer.police_certificate_renewal_due_on == datetime.date(2025, 5, 10)
    assert volunteer.police_certificate_valid_on(datetime.date(2025, 5, 9))
    assert not volunteer.police_certificate_valid_on(datetime.date(2025, 5, 10))
    assert "abgelaufen" in str(volunteer.assignment_obstacles(datetime.date(2025, 6, 1))[0])


def test_a_certificate_with_entries_blocks_assignments(make_volunteer):
    volunteer = make_volunteer(police_certificate_result=Volunteer.PoliceCertificateResult.ENTRIES)
    assert not volunteer.police_certificate_valid_on()
    assert "Einträge" in str(volunteer.assignment_obstacles()[0])


def test_the_database_rejects_half_a_certificate(make_volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_volunteer(assignable=False, police_certificate_inspected_on=timezone.localdate())


def test_the_database_rejects_a_certificate_issued_after_inspection(make_volunteer):
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_volunteer(police_certificate_issued_on=today, police_certificate_inspected_on=today - days(1))


def test_the_database_rejects_a_second_volunteer_with_the_same_email(make_volunteer):
    make_volunteer(email="same@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_volunteer(email="SAME@example.org")


def test_two_volunteers_without_email_are_fine(make_volunteer):
    make_volunteer(email="")
    make_volunteer(email="")
    assert Volunteer.objects.filter(email="").count() == 2


def test_the_database_rejects_two_open_assignments_of_the_same_pair(make_volunteer, assign):
    volunteer, client = make_volunteer(), make_client()
    assign(volunteer, client)
    with pytest.raises(IntegrityError), transaction.atomic():
        assign(volunteer, client)


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("prospect", "active", True),
        ("prospect", "paused", False),
        ("active", "paused", True),
        ("paused", "active", True),
        ("active", "left", True),
        ("left", "active", False),
        ("active", "prospect", False),
    ],
)
def test_the_status_follows_its_lifecycle(make_volunteer, old, new, allowed):
    assert make_volunteer(status=old).can_change_to(new) is allowed


def test_active_on_includes_the_last_day(make_volunteer, assign):
    today = timezone.localdate()
    a = assign(make_volunteer(), make_client(), start=today - days(5), end=today)
    assert Assignment.objects.active_on(today).filter(pk=a.pk).exists()
    assert not Assignment.objects.active_on(today + days(1)).filter(pk=a.pk).exists()
    assert not Assignment.objects.active_on(today - days(6)).filter(pk=a.pk).exists()


class TestActivityWatch:
    def contact(self, volunteer, client, days_ago, from_volunteer=True):
        c = Contact(client=client, author=volunteer.user, date=timezone.localdate() - days(days_ago), note="x")
        c.from_volunteer = from_volunteer
        c.save()

    def test_it_flags_a_long_assignment_without_contact(self, make_volunteer, assign, volunteer):
        record = make_volunteer(volunteer)
        a = assign(record, make_client(), start=timezone.localdate() - days(45))
        assert list(Assignment.objects.without_recent_contact()) == [a]
        assert Volunteer.objects.with_activity().get(pk=record.pk).needs_attention

    def test_a_recent_contact_clears_the_flag(self, make_volunteer, assign, volunteer):
        record, client = make_volunteer(volunteer), make_client()
        assign(record, client, start=timezone.localdate() - days(45))
        self.contact(record, client, days_ago=29)
        assert not Assignment.objects.without_recent_contact().exists()
        assert not Volunteer.objects.with_activity().get(pk=record.pk).needs_attention

    def test_a_contact_older_than_thirty_days_does_not(self, make_volunteer, assign, volunteer):
        record, client = make_volunteer(volunteer), make_client()
        assign(record, client, start=timezone.localdate() - days(90))
        self.contact(record, client, days_ago=30)
        assert Assignment.objects.without_recent_contact().count() == 1

    def test_a_contact_with_another_client_does_not_count(self, make_volunteer, assign, volunteer):
        record, client = make_volunteer(volunteer), make_client()
        assign(record, client, start=timezone.localdate() - days(45))
        self.contact(record, make_client(), days_ago=1)
        assert Assignment.objects.without_recent_contact().count() == 1

    def test_a_staff_contact_does_not_count(self, make_volunteer, assign, caseworker):
        record, client = make_volunteer(caseworker), make_client()
        assign(record, client, start=timezone.localdate() - days(45))
        self.contact(record, client, days_ago=1, from_volunteer=False)
        assert Assignment.objects.without_recent_contact().count() == 1

    def test_a_new_assignment_is_not_flagged_yet(self, make_volunteer, assign):
        assign(make_volunteer(), make_client(), start=timezone.localdate() - days(29))
        assert not Assignment.objects.without_recent_contact().exists()

    def test_an_ended_assignment_is_not_flagged(self, make_volunteer, assign):
        today = timezone.localdate()
        assign(make_volunteer(), make_client(), start=today - days(90), end=today - days(1))
        assert not Assignment.objects.without_recent_contact().exists()

    def test_it_counts_active_assignments(self, make_volunteer, assign):
        today = timezone.localdate()
        record = make_volunteer()
        assign(record, make_client())
        assign(record, make_client())
        assign(record, make_client(), start=today - days(90), end=today - days(1))
        assert Volunteer.objects.with_activity().get(pk=record.pk).active_assignment_count == 2
        assert Volunteer.objects.with_activity().get(pk=make_volunteer().pk).active_assignment_count == 0
