"""The daily reminder e-mail: what ends within 30 days or is overdue, per caseworker.

The mail carries counts and a link to the dashboard, never names or other personal data:
e-mail is not the place for them.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from authorisations.models import Authorisation
from cases.models import Case, Client, Consent, FollowUp
from volunteers.models import Assignment, Volunteer

WINDOW = datetime.timedelta(days=30)


def counts_for(user: User, today: datetime.date) -> dict[str, int]:
    clients = Client.objects.filter(pk__in=Case.objects.open().filter(caseworker=user).values("client_id"))
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


def send_reminders(*, today: datetime.date | None = None) -> int:
    """One mail per caseworker with something to look at; returns the number of mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for user in User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by("pk"):
        counts = counts_for(user, today)
        if not any(counts.values()):
            continue
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
            send_mail(_("WIR-Fallmanagement: Fristen und Wiedervorlagen"), body, None, [user.email])
        sent += 1
    return sent
