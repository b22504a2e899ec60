"""The deletion concept carried out: what is due on a day, and deleting or anonymising it.

`plan(today)` answers what is due (the daily job uses it for today, the preview for today + 30
days); `apply(today=..., trigger=...)` does it and writes a `RetentionRun` (kinds and numbers, no
names). An erasure request (Art. 17 GDPR) uses the same `anonymise_clients`.

What stays of an anonymised client is what the statistics count and nothing that identifies: the
row itself (so counts of clients, cases, contacts, referrals, BuT applications stay right) with
gender, a five-year band of the year of birth, nationality, residence status, municipality,
household role; cases with dates, topics and closing reason; contacts with date, duration,
channel and topics; referrals and BuT applications with status, dates and amounts. Names,
addresses, numbers, every free text, documents and their files, consents, follow-ups,
appointments, stored PDFs and every history row of these records are gone.

History tables and the access log are append-only (accounts/immutable.py); the only way past the
trigger is `_retention_switch()` below, inside the transaction that deletes.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateEvent, ProcrastinateJob, ProcrastinatePeriodicDefer

from accounts.models import SubmittedForm, User
from authorisations.models import Authorisation, AuthorisationPdf, Handover, PrintJob
from cases.models import (
    AccessLog,
    Case,
    Client,
    ClientLanguage,
    ClientSearchTerm,
    Consent,
    Contact,
    Document,
    FollowUp,
    Goal,
    Household,
)
from offers.models import ButApplication, ButExpense, Referral
from reports.models import ReminderMail
from volunteers.models import Appointment, Assignment, Training, Volunteer, VolunteerLanguage, add_months

from .models import LegalHold, RetentionPeriod, RetentionRun

logger = logging.getLogger(__name__)

Kind = RetentionPeriod.Kind
ANONYMISED = "Anonymisiert"
BATCH = 200
PREVIEW_DAYS = 30


def _retention_switch() -> None:
    """Let this transaction change history and access-log rows (the append-only trigger's switch)."""
    if not connection.in_atomic_block:
        raise RuntimeError("the retention switch is for one transaction only")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL wir.retention = 'on'")


def cutoffs(today: datetime.date, months: dict[str, int] | None = None) -> dict[str, datetime.date]:
    """{kind: the last day whose records are due on `today`}."""
    months = months or RetentionPeriod.objects.months()
    return {kind: add_months(today, -n) for kind, n in months.items()}


def _held():
    return LegalHold.objects.active()


@dataclass
class Plan:
    """What is due on `today`, as querysets (nothing is fetched until asked)."""

    today: datetime.date
    clients: QuerySet
    held_clients: QuerySet
    consents: QuerySet
    authorisations: QuerySet
    print_jobs: QuerySet
    access_log: QuerySet
    volunteers: QuerySet
    submitted_forms: QuerySet
    reminder_mails: QuerySet
    worker_jobs: QuerySet

    def counts(self) -> dict[str, int]:
        return {
            "clients": self.clients.count(),
            "held_clients": self.held_clients.count(),
            "consents": self.consents.count(),
            "authorisations": self.authorisations.count(),
            "print_jobs": self.print_jobs.count(),
            "access_log": self.access_log.count(),
            "volunteers": self.volunteers.count(),
            "technical": self.submitted_forms.count() + self.reminder_mails.count() + self.worker_jobs.count(),
        }


def plan(today: datetime.date, months: dict[str, int] | None = None) -> Plan:
    cut = cutoffs(today, months)
    client_cut, consent_cut, auth_cut = cut[Kind.CLIENT], cut[Kind.CONSENT], cut[Kind.AUTHORISATION]
    # A case keeps its client (and the client's household) until it has been closed long enough.
    live_case = Case.objects.filter(~Q(status=Case.Status.CLOSED) | Q(closed_on__gt=client_cut))
    consent_in_period = Consent.objects.filter(
        Q(revoked_on__gt=consent_cut) | Q(revoked_on__isnull=True, valid_until__gt=consent_cut)
    )
    authorisation_in_period = Authorisation.objects.filter(
        Q(revoked_on__gt=auth_cut) | Q(revoked_on__isnull=True, valid_until__gt=auth_cut)
    )
    candidates = (
        Client.objects.current()
        .filter(Exists(Case.objects.filter(client=OuterRef("pk"))) | Q(created_at__date__lte=client_cut))
        .exclude(Exists(live_case.filter(client=OuterRef("pk"))))
        .exclude(Q(household__isnull=False) & Exists(live_case.filter(client__household=OuterRef("household"))))
        .exclude(Exists(consent_in_period.filter(client=OuterRef("pk"))))
        .exclude(Exists(authorisation_in_period.filter(principal=OuterRef("pk"))))
        .exclude(Exists(ButApplication.objects.filter(child=OuterRef("pk"), period_until__gt=client_cut)))
        .exclude(Exists(Referral.objects.filter(client=OuterRef("pk"), ended_on__gt=client_cut)))
    )
    held = Q(Exists(_held().filter(case__client=OuterRef("pk")))) | (
        Q(household__isnull=False) & Exists(_held().filter(case__client__household=OuterRef("household")))
    )
    not_held_client = ~Exists(_held().filter(case__client=OuterRef("client")))
    not_held_principal = ~Exists(_held().filter(case__client=OuterRef("principal")))
    left_since = Subquery(
        Volunteer.history.filter(id=OuterRef("pk"), status=Volunteer.Status.LEFT)
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")[:1]
    )
    return Plan(
        today=today,
        clients=candidates.exclude(held),
        held_clients=candidates.filter(held),
        consents=Consent.objects.filter(client__anonymised_at__isnull=True)
        .filter(Q(revoked_on__lte=consent_cut) | Q(revoked_on__isnull=True, valid_until__lte=consent_cut))
        .filter(not_held_client),
        authorisations=Authorisation.objects.filter(principal__anonymised_at__isnull=True)
        .filter(
            Q(status=Authorisation.Status.REVOKED, revoked_on__lte=auth_cut)
            | Q(status=Authorisation.Status.EXPIRED, valid_until__lte=auth_cut)
        )
        .filter(Exists(AuthorisationPdf.objects.filter(authorisation=OuterRef("pk"))) | Q(signed_scan__isnull=False))
        .filter(not_held_principal),
        print_jobs=PrintJob.objects.filter(created_at__date__lte=cut[Kind.HANDOVER_BUNDLE]),
        access_log=AccessLog.objects.filter(at__date__lte=cut[Kind.ACCESS_LOG]),
        volunteers=Volunteer.objects.filter(status=Volunteer.Status.LEFT)
        .exclude(family_name=ANONYMISED, given_names="")
        .annotate(left_since=left_since)
        .filter(
            Q(left_since__date__lte=cut[Kind.VOLUNTEER])
            | Q(left_since__isnull=True, created_at__date__lte=cut[Kind.VOLUNTEER])
        ),
        submitted_forms=SubmittedForm.objects.filter(created_at__date__lte=cut[Kind.TECHNICAL]),
        reminder_mails=ReminderMail.objects.filter(day__lte=cut[Kind.TECHNICAL]),
        worker_jobs=_finished_jobs(cut[Kind.TECHNICAL]),
    )


#: Worker jobs in a final state. Successful ones the worker deletes itself (delete_jobs); failed,
#: cancelled and aborted ones stay for diagnosis (their arguments are ids, never names) until
#: the technical period has passed since their last event.
FINAL_JOB_STATES = ("succeeded", "failed", "cancelled", "aborted")


def _finished_jobs(last_day: datetime.date) -> QuerySet:
    return ProcrastinateJob.objects.filter(status__in=FINAL_JOB_STATES).exclude(
        Exists(ProcrastinateEvent.objects.filter(job_id=OuterRef("pk"), at__date__gt=last_day))
        | Exists(ProcrastinatePeriodicDefer.objects.filter(job_id=OuterRef("pk")))  # the latest run of a daily job
    )


def preview(today: datetime.date | None = None) -> Plan:
    """What will be due within the next 30 days."""
    return plan((today or timezone.localdate()) + datetime.timedelta(days=PREVIEW_DAYS))


# ------------------------------------------------------------------------------------------ apply


def apply(*, today: datetime.date | None = None, trigger: str = RetentionRun.Trigger.SCHEDULE) -> RetentionRun:
    """Delete or anonymise everything due on `today`; idempotent (a second run finds nothing)."""
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(today=today, trigger=trigger)
    counts: Counter = Counter()
    due = plan(today)
    while ids := list(due.clients.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            counts += anonymise_clients(ids)
    with transaction.atomic():
        _retention_switch()
        counts += _delete_consents(list(due.consents.values_list("pk", flat=True)))
        counts += _strip_authorisations(list(due.authorisations.values_list("pk", flat=True)))
        counts["print_jobs"] += due.print_jobs.delete()[0]
        counts["access_log"] += due.access_log.delete()[0]
        counts += _anonymise_volunteers(list(due.volunteers.values_list("pk", flat=True)))
        counts["technical"] += due.submitted_forms.delete()[0] + due.reminder_mails.delete()[0]
        counts["technical"] += Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]
        with connection.cursor() as cursor:  # expired cache rows (e.g. Vollmacht previews)
            cursor.execute("DELETE FROM wir_cache WHERE expires < %s", [timezone.now()])
            counts["technical"] += max(cursor.rowcount, 0)
            # Procrastinate's models are read-only; its events go with the job (ON DELETE CASCADE).
            cursor.execute(
                "DELETE FROM procrastinate_jobs WHERE id = ANY(%s)",
                [list(due.worker_jobs.values_list("pk", flat=True))],
            )
            counts["technical"] += max(cursor.rowcount, 0)
    run.counts = {kind: n for kind, n in sorted(counts.items()) if n}
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    logger.info("retention run %s: %s", run.pk, run.counts)
    return run


def _delete_files(names: list[str]) -> None:
    """Remove stored files once the rows pointing at them are gone for good."""
    names = [n for n in names if n]

    def remove():
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


def _forget_admin_log(model, ids) -> None:
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(i) for i in ids]).delete()


def _delete_documents(ids: list) -> int:
    documents = Document.objects.filter(pk__in=ids)
    _delete_files(list(documents.values_list("file", flat=True)))
    deleted = documents.delete()[0]
    Document.history.filter(id__in=ids).delete()  # after the delete, which adds a history row of its own
    _forget_admin_log(Document, ids)
    return deleted


def _delete_consents(ids: list) -> Counter:
    counts: Counter = Counter()
    if not ids:
        return counts
    scans = list(Consent.objects.filter(pk__in=ids, scan__isnull=False).values_list("scan_id", flat=True))
    Handover.consents.through.objects.filter(consent_id__in=ids).delete()
    counts["consents"] += Consent.objects.filter(pk__in=ids).delete()[0]
    Consent.history.filter(id__in=ids).delete()
    _forget_admin_log(Consent, ids)
    still_used = Consent.objects.filter(scan_id__in=scans).values_list("scan_id", flat=True)
    counts["documents"] += _delete_documents([s for s in scans if s not in set(still_used)])
    return counts


def _strip_authorisations(ids: list) -> Counter:
    """A Vollmacht past its period keeps status and dates (counts, "not valid" on verification);
    its stored PDFs, signed scan, free texts and history go."""
    counts: Counter = Counter()
    if not ids:
        return counts
    scans = list(
        Authorisation.objects.filter(pk__in=ids, signed_scan__isnull=False).values_list("signed_scan_id", flat=True)
    )
    counts["authorisation_pdfs"] += AuthorisationPdf.objects.filter(authorisation_id__in=ids).delete()[0]
    counts["authorisations"] += Authorisation.objects.filter(pk__in=ids).update(
        signed_scan=None, guardian_name="", exclusions="", revocation_reason=""
    )
    Authorisation.history.filter(id__in=ids).delete()
    _forget_admin_log(Authorisation, ids)
    counts["documents"] += _delete_documents(scans)
    return counts


def anonymise_clients(ids: list) -> Counter:
    """Anonymise the clients `ids` with all their records (one transaction, called in one)."""
    _retention_switch()
    counts: Counter = Counter()
    clients = Client.objects.filter(pk__in=ids)
    case_ids = list(Case.objects.filter(client_id__in=ids).values_list("pk", flat=True))
    households = set(clients.exclude(household=None).values_list("household_id", flat=True))
    authorisations = list(Authorisation.objects.filter(principal_id__in=ids).values_list("pk", flat=True))
    handovers = set(
        Authorisation.objects.filter(pk__in=authorisations).exclude(handover=None).values_list("handover_id", flat=True)
    )
    consents = list(Consent.objects.filter(client_id__in=ids).values_list("pk", flat=True))
    handovers |= set(
        Handover.consents.through.objects.filter(consent_id__in=consents).values_list("handover_id", flat=True)
    )
    applications = list(ButApplication.objects.filter(child_id__in=ids).values_list("pk", flat=True))

    counts += _strip_authorisations(authorisations)
    counts["print_jobs"] += PrintJob.objects.filter(handover_id__in=handovers).delete()[0]
    Handover.objects.filter(pk__in=handovers).update(note="")
    Handover.history.filter(id__in=handovers).delete()
    counts += _delete_consents(consents)
    counts["documents"] += _delete_documents(
        list(Document.objects.filter(client_id__in=ids).values_list("pk", flat=True))
    )
    counts["followups"] += FollowUp.objects.filter(client_id__in=ids).delete()[0]
    counts["appointments"] += Appointment.objects.filter(client_id__in=ids).delete()[0]
    ClientLanguage.objects.filter(client_id__in=ids).delete()
    LegalHold.objects.filter(case_id__in=case_ids).delete()
    LegalHold.history.filter(case_id__in=case_ids).delete()

    Case.objects.filter(pk__in=case_ids).update(closing_note="")
    Contact.objects.filter(client_id__in=ids).update(note="")
    Goal.objects.filter(client_id__in=ids).update(title="", description="")
    Referral.objects.filter(client_id__in=ids).update(note="", restriction_override_reason="")
    ButApplication.objects.filter(pk__in=applications).update(note="")
    ButExpense.objects.filter(application_id__in=applications).update(purpose="")
    Assignment.objects.filter(client_id__in=ids).update(note="")

    now = timezone.now()
    for client in clients.only("pk", "birth_year"):
        Client.objects.filter(pk=client.pk).update(birth_year=client.birth_year - client.birth_year % 5)
    counts["clients"] += clients.update(
        family_name=ANONYMISED,
        given_names="",
        family_name_original="",
        given_names_original="",
        aliases="",
        birth_day=None,
        birth_month=None,
        residence_valid_until=None,
        street="",
        postcode="",
        phone="",
        email="",
        kjc_customer_number="",
        household=None,
        search_document="",
        restricted_at=None,
        anonymised_at=now,
    )
    ClientSearchTerm.objects.filter(client_id__in=ids).delete()  # the name index (issue 13's search)
    emptied = Household.objects.filter(pk__in=households).exclude(
        Exists(Client.objects.filter(household=OuterRef("pk")))
    )
    emptied_ids = list(emptied.values_list("pk", flat=True))
    counts["households"] += emptied.delete()[0]
    Household.history.filter(id__in=emptied_ids).delete()

    for model, field in (
        (Client, "id"),
        (Case, "client_id"),
        (Contact, "client_id"),
        (FollowUp, "client_id"),
        (Goal, "client_id"),
        (ClientLanguage, "client_id"),
        (Referral, "client_id"),
        (ButApplication, "child_id"),
        (Assignment, "client_id"),
        (Appointment, "client_id"),
    ):
        row_ids = list(model.history.filter(**{f"{field}__in": ids}).values_list("id", flat=True).distinct())
        model.history.filter(**{f"{field}__in": ids}).delete()
        _forget_admin_log(model, row_ids)
    ButExpense.history.filter(application_id__in=applications).delete()
    return counts


def _anonymise_volunteers(ids: list) -> Counter:
    counts: Counter = Counter()
    if not ids:
        return counts
    volunteers = Volunteer.objects.filter(pk__in=ids)
    user_ids = [u for u in volunteers.values_list("user_id", flat=True) if u]
    counts["volunteers"] += volunteers.update(
        family_name=ANONYMISED,
        given_names="",
        email="",
        phone="",
        date_of_birth=None,
        street="",
        postcode="",
        town="",
        skills="",
        availability_days=[],
        availability_note="",
        police_certificate_issued_on=None,
        police_certificate_inspected_on=None,
        police_certificate_inspected_by=None,
        police_certificate_result="",
        confidentiality_signed_on=None,
        note="",
        invitation_nonce="",
        invited_at=None,
    )
    Training.objects.filter(volunteer_id__in=ids).delete()
    for model, field in ((Volunteer, "id"), (Training, "volunteer_id"), (VolunteerLanguage, "volunteer_id")):
        model.history.filter(**{f"{field}__in": ids}).delete()
    _forget_admin_log(Volunteer, ids)
    for user in User.objects.filter(pk__in=user_ids):
        user.set_unusable_password()
        User.objects.filter(pk=user.pk).update(
            email=f"anonymisiert-{user.pk}@invalid.invalid",
            full_name=ANONYMISED,
            is_active=False,
            password=user.password,
            last_login=None,
        )
    User.history.filter(id__in=user_ids).delete()
    _forget_admin_log(User, user_ids)
    return counts
