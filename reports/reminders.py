"""The daily reminder e-mail: what ends within 30 days or is overdue, per caseworker.

The mail carries counts and a link to the dashboard, never names or other personal data:
e-mail is not the place for them.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from procrastinate.contrib.django import app

from accounts.models import Role, User
from accounts.tasks import MAIL_QUEUE, MAIL_RETRY
from authorisations.models import Authorisation
from cases.models import Case, Client, Consent, FollowUp
from volunteers.models import Assignment, Volunteer

from .models import ReminderMail

WINDOW = datetime.timedelta(days=30)


def counts_for(user: User, today: datetime.date) -> dict[str, int]:
    clients = Client.objects.unrestricted().filter(
        pk__in=Case.objects.open().filter(caseworker=user).values("client_id")
    )
    until = today + WINDOW
    volunteers = Volunteer.objects.filter(
        pk__in=Assignment.objects.active_on(today).filter(client__in=clients).values("volunteer_id"),
        police_certificate_issued_on__isnull=False,
    )
    return {
        "permits": clients.filter(residence_valid_until__gte=today, residence_valid_until__lte=until).count(),
        "consents": Consent.objects.valid_on(today).filter(client__in=clients, valid_until__lte=until).count(),
        "authorisations": Authorisation.objects.effective_on(today)
        .filter(principal__in=clients, valid_until__lte=until)
        .count(),
        "certificates": sum(
            1 for v in volunteers if today <= (v.police_certificate_renewal_due_on or today - WINDOW) <= until
        ),
        "followups": FollowUp.objects.visible_to(user).overdue(today).filter(owner=user).count(),
    }


LABELS = {
    "permits": gettext_noop("Aufenthaltstitel, die in 30 Tagen ablaufen"),
    "consents": gettext_noop("Einwilligungen, die in 30 Tagen enden"),
    "authorisations": gettext_noop("Vollmachten, die in 30 Tagen enden"),
    "certificates": gettext_noop("Führungszeugnisse von Ehrenamtlichen, die in 30 Tagen erneuert werden müssen"),
    "followups": gettext_noop("überfällige Wiedervorlagen"),
}


def reminder_mail(user: User, today: datetime.date) -> tuple[str, str] | None:
    """Subject and body of `user`'s reminder for `today`, or None when nothing is due."""
    counts = counts_for(user, today)
    if not any(counts.values()):
        return None
    with translation.override("de"):
        lines = [f"- {n} {_(LABELS[key])}" for key, n in counts.items() if n]
        body = "\n".join(
            [
                _("Guten Tag %(name)s,") % {"name": user.get_short_name()},
                "",
                _("in WIR-Fallmanagement wartet auf Sie:"),
                *lines,
                "",
                _("Die Einzelheiten stehen auf Ihrer Übersicht: %(url)s") % {"url": settings.WIR_BASE_URL + "/"},
                "",
                _("Diese E-Mail enthält absichtlich keine Namen."),
            ]
        )
        return _("WIR-Fallmanagement: Fristen und Wiedervorlagen"), body


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Queue one mail per caseworker with something to look at; returns the number queued.

    Each person gets at most one per day however often this runs: the day's `ReminderMail` row
    and the mail's job commit together. Each mail is its own job, so one failing address
    (retried by the worker, logged, then visible as a failed job) holds up nobody else."""
    today = today or timezone.localdate()
    queued = 0
    for user in User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by("pk"):
        if ReminderMail.objects.filter(user=user, day=today).exists() or reminder_mail(user, today) is None:
            continue
        try:
            with transaction.atomic():
                ReminderMail.objects.create(user=user, day=today)
                send_reminder.defer(user_id=user.pk, day=today.isoformat())
        except IntegrityError:
            continue  # another run took this person's reminder for today in the meantime
        queued += 1
    return queued


@app.task(queue=MAIL_QUEUE, retry=MAIL_RETRY)
def send_reminder(*, user_id: int, day: str) -> None:
    """One person's daily reminder (queued once per day by `send_reminders`)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    mail = reminder_mail(user, datetime.date.fromisoformat(day)) if user else None
    if mail is not None:
        send_mail(mail[0], mail[1], None, [user.email])
