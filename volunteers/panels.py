"""The panel of the volunteers app on the staff dashboard (registered in VolunteersConfig.ready())."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases.models import Case
from wir_fallmanagement.extensions import Panel

from .models import POLICE_CERTIFICATE_RENEWAL_YEARS, Assignment, Volunteer, add_months

PANEL_LIMIT = 10


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
    if not user.is_admin_role:  # people whose processing is restricted (Art. 18 GDPR)
        flagged = flagged.filter(client__restricted_at__isnull=True)
        active = active.filter(client__restricted_at__isnull=True)
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
