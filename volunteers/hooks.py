"""Contributions of the volunteers app to shared pages (see wir_fallmanagement/extensions.py)."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from authorisations.models import Authorisation
from cases.models import Case, Consent
from wir_fallmanagement.extensions import Panel

from .models import POLICE_CERTIFICATE_RENEWAL_YEARS, Appointment, Assignment, Volunteer, add_months

SECTION_LIMIT = 25
PANEL_LIMIT = 10


def client_sections(request, client):
    """On the client page: the client's assignments, whether consent and Vollmacht are in place,
    and links to suggestions and to a new assignment. Three queries."""
    if not request.user.is_back_office:
        return []
    today = timezone.localdate()
    consent = Consent.objects.valid_on(today).filter(
        client=client, recipient_kind=Consent.RecipientKind.VOLUNTEER, recipient_volunteer=OuterRef("volunteer")
    )
    authorisation = Authorisation.objects.effective_on(today).filter(principal=client, agent=OuterRef("volunteer"))
    flagged = Assignment.objects.without_recent_contact(today).filter(pk=OuterRef("pk"))
    assignments = list(
        client.assignments.select_related("volunteer")
        .with_last_contact()
        .annotate(has_consent=Exists(consent), has_authorisation=Exists(authorisation), needs_attention=Exists(flagged))
        .order_by("-start_on", "-pk")[: SECTION_LIMIT + 1]
    )
    rows = [(a, a.is_active_on(today)) for a in assignments[:SECTION_LIMIT]]
    context = {"client": client, "rows": rows, "more": len(assignments) > SECTION_LIMIT}
    return [Panel("volunteers/fragments/client_section.html", context, order=60)]


def dashboard_panels(request):
    """Volunteers with a running assignment but no contact logged for 30 days, for the caseworker
    of the client's open case (team leads and administrators: all); police certificates to be
    renewed within 30 days for volunteers accompanying those clients."""
    user = request.user
    if not user.is_back_office:
        return []
    today = timezone.localdate()
    flagged = Assignment.objects.without_recent_contact(today).select_related("volunteer", "client").with_last_contact()
    active = Assignment.objects.active_on(today)
    if not user.sees_all_cases:
        mine = Case.objects.open().filter(client=OuterRef("client"), caseworker=user)
        flagged = flagged.filter(Exists(mine))
        active = active.filter(Exists(mine))
    flagged = list(flagged.order_by("start_on", "pk")[: PANEL_LIMIT + 1])

    # Renewal is due POLICE_CERTIFICATE_RENEWAL_YEARS after issue: due within 30 days (or overdue)
    # means issued on or before this day.
    threshold = add_months(today + datetime.timedelta(days=30), -12 * POLICE_CERTIFICATE_RENEWAL_YEARS)
    renewals = list(
        Volunteer.objects.filter(
            status=Volunteer.Status.ACTIVE,
            police_certificate_issued_on__lte=threshold,
            police_certificate_result=Volunteer.PoliceCertificateResult.CLEAR,
        )
        .filter(Exists(active.filter(volunteer=OuterRef("pk"))))
        .order_by("police_certificate_issued_on", "pk")[: PANEL_LIMIT + 1]
    )
    if not flagged and not renewals:
        return []
    context = {
        "flagged": flagged[:PANEL_LIMIT],
        "flagged_more": len(flagged) > PANEL_LIMIT,
        "renewals": renewals[:PANEL_LIMIT],
        "renewals_more": len(renewals) > PANEL_LIMIT,
        "today": today,
    }
    return [Panel("volunteers/fragments/dashboard_panel.html", context, order=40)]


def client_export(client):
    """What this app stores about a client (GDPR Art. 15): assignments and noted appointments."""
    assignments = client.assignments.select_related("volunteer").order_by("start_on", "pk")
    appointments = Appointment.objects.filter(client=client).select_related("volunteer").order_by("starts_at", "pk")
    return {
        _("Ehrenamtliche Begleitungen"): [
            {
                _("Ehrenamtliche:r"): a.volunteer.full_name,
                _("Art"): a.get_kind_display(),
                _("Beginn"): f"{a.start_on:%d.%m.%Y}",
                _("Ende"): f"{a.end_on:%d.%m.%Y}" if a.end_on else "",
                _("Notiz"): a.note,
            }
            for a in assignments
        ],
        _("Termine aus dem Ehrenamtsportal"): [
            {
                _("Ehrenamtliche:r"): ap.volunteer.full_name,
                _("Datum und Uhrzeit"): f"{timezone.localtime(ap.starts_at):%d.%m.%Y %H:%M}",
                _("Ort"): ap.place,
                _("Worum geht es?"): ap.note,
                _("abgesagt am"): f"{timezone.localtime(ap.cancelled_at):%d.%m.%Y}" if ap.cancelled_at else "",
            }
            for ap in appointments
        ],
    }


def seed_demo(stdout=None):
    from .demo import seed

    seed(stdout)
