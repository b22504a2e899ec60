"""Worklists the figures reveal, each with a one-click action per row.

Every list starts from what the user may see (`visible_to` / `visible_with_dependants`), so a
caseworker's list holds only their own clients and their households' children.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Client
from offers.models import ButApplication, ButCategory, ButExpense, Referral

#: The approval of a participation budget is "unused" when nothing was paid from it this long.
UNUSED_AFTER_DAYS = 60
#: Approvals and measures ending within this many days are listed.
ENDING_WITHIN_DAYS = 30

Status = ButApplication.Status


def school_year_start(day: datetime.date) -> datetime.date:
    """1 August of the school year `day` falls in (Schulbedarf is paid per school year)."""
    return datetime.date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def school_supplies_candidates(user, today: datetime.date):
    """Children of school age (6 to 17 in the current year) in a Bedarfsgemeinschaft without a
    Schulbedarf application this school year (nor one still in progress)."""
    handled = ButApplication.objects.filter(child=OuterRef("pk"), category=ButCategory.SCHOOL_SUPPLIES).filter(
        Q(status__in=[Status.ADVISED, Status.APPLIED]) | Q(advised_on__gte=school_year_start(today))
    )
    return (
        Client.objects.visible_with_dependants(user)
        .filter(household__isnull=False, birth_year__gte=today.year - 17, birth_year__lte=today.year - 6)
        .exclude(Exists(handled))
        .select_related("household")
        .order_by("family_name", "given_names", "pk")
    )


def participation_candidates(user, today: datetime.date):
    """Children registered for or taking part in a club or course whose fee BuT participation
    covers, without a participation application in progress or approved until today or later."""
    covered = ButApplication.objects.filter(child=OuterRef("client_id"), category=ButCategory.PARTICIPATION).filter(
        Q(status__in=[Status.ADVISED, Status.APPLIED]) | Q(status=Status.APPROVED, period_until__gte=today)
    )
    return (
        Referral.objects.visible_to(user)
        .filter(
            status__in=Referral.OCCUPYING,
            offer__but_eligible=True,
            offer__but_category=ButCategory.PARTICIPATION,
            client__birth_year__gt=today.year - 18,
        )
        .exclude(Exists(covered))
        .exclude(Exists(ButApplication.objects.filter(referral=OuterRef("pk"))))
        .select_related("client", "offer__provider")
        .order_by("client__family_name", "client__given_names", "pk")
    )


def unused_budgets(user, today: datetime.date):
    """Approved participation budgets running for at least 60 days with nothing paid from them."""
    return (
        ButApplication.objects.visible_to(user)
        .filter(
            category=ButCategory.PARTICIPATION,
            status=Status.APPROVED,
            period_from__lte=today - datetime.timedelta(days=UNUSED_AFTER_DAYS),
            period_until__gte=today,
        )
        .exclude(Exists(ButExpense.objects.filter(application=OuterRef("pk"))))
        .select_related("child")
        .order_by("period_until", "pk")
    )


def approvals_ending(user, today: datetime.date):
    """Approvals ending within 30 days without a follow-up application for the same benefit."""
    follow_up = ButApplication.objects.filter(
        child=OuterRef("child_id"), category=OuterRef("category"), advised_on__gte=OuterRef("advised_on")
    ).exclude(pk=OuterRef("pk"))
    return (
        ButApplication.objects.visible_to(user)
        .ending_between(today, today + datetime.timedelta(days=ENDING_WITHIN_DAYS))
        .exclude(Exists(follow_up))
        .select_related("child")
        .order_by("period_until", "pk")
    )


def measures_ending(user, today: datetime.date):
    """Participants of measures with a fixed duration whose planned end is within 30 days (or
    passed): their outcome is recorded when the participation ends."""
    return (
        Referral.objects.visible_to(user)
        .filter(status=Referral.Status.PARTICIPATING, planned_end_on__lte=today + datetime.timedelta(days=30))
        .select_related("client", "offer")
        .order_by("planned_end_on", "pk")
    )


@dataclass(frozen=True)
class Worklist:
    slug: str
    title: str
    description: str
    rows: object  # (user, today) -> QuerySet
    template: str


WORKLISTS = {
    w.slug: w
    for w in [
        Worklist(
            "school-supplies",
            _("Schulkinder ohne Antrag auf Schulbedarf"),
            _(
                "Kinder im Schulalter (6 bis 17 Jahre) in einer Bedarfsgemeinschaft ohne Schulbedarf-Antrag in diesem Schuljahr."
            ),
            school_supplies_candidates,
            "reports/fragments/worklist_school.html",
        ),
        Worklist(
            "participation",
            _("Vereinsmitglieder ohne Teilhabe-Antrag"),
            _("Kinder in einem BuT-fähigen Verein oder Kurs ohne laufenden oder beantragten Teilhabe-Betrag."),
            participation_candidates,
            "reports/fragments/worklist_participation.html",
        ),
        Worklist(
            "unused-budget",
            _("Ungenutztes Teilhabebudget"),
            _("Bewilligte Teilhabe seit mindestens 60 Tagen, aus der noch nichts ausgegeben wurde."),
            unused_budgets,
            "reports/fragments/worklist_budget.html",
        ),
        Worklist(
            "approvals-ending",
            _("Bewilligungen, die enden"),
            _("BuT-Bewilligungen, die in den nächsten 30 Tagen enden, ohne Folgeantrag."),
            approvals_ending,
            "reports/fragments/worklist_ending.html",
        ),
        Worklist(
            "measures-ending",
            _("Maßnahmen, die enden"),
            _(
                "Teilnahmen an Maßnahmen mit fester Dauer, deren geplantes Ende in den nächsten 30 Tagen liegt oder vorbei ist."
            ),
            measures_ending,
            "reports/fragments/worklist_measure.html",
        ),
    ]
}


def today() -> datetime.date:
    return timezone.localdate()
