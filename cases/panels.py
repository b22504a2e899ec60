"""The panels of the cases app on the staff dashboard (registered in CasesConfig.ready())."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from wir_fallmanagement.extensions import Panel

from .models import Case, Client, Consent, FollowUp

EXPIRY_WINDOW = datetime.timedelta(days=30)


def dashboard_panels(request):
    user = request.user
    if not user.is_back_office:
        return []
    today = timezone.localdate()
    week = today + datetime.timedelta(days=7)
    followups = list(
        FollowUp.objects.open()
        .visible_to(user)
        .filter(owner=user, due_on__lte=week)
        .select_related("client")
        .order_by("due_on", "pk")[:30]
    )
    clients = Client.objects.visible_to(user)
    if user.is_caseworker:
        # "Mine": clients of my open cases.
        clients = clients.filter(pk__in=Case.objects.open().filter(caseworker=user).values("client_id"))
    open_cases = Case.objects.visible_to(user).open().select_related("client", "caseworker").order_by("-opened_on")
    permits = clients.filter(
        residence_valid_until__isnull=False,
        residence_valid_until__lte=today + EXPIRY_WINDOW,
        residence_valid_until__gte=today - datetime.timedelta(days=90),
    ).order_by("residence_valid_until")[:20]
    consents = (
        Consent.objects.valid_on(today)
        .filter(client__in=clients, valid_until__isnull=False, valid_until__lte=today + EXPIRY_WINDOW)
        .select_related("client", "recipient_volunteer", "recipient_provider")
        .order_by("valid_until")[:20]
    )
    panels = [
        Panel(
            "cases/panels/followups.html",
            {
                "overdue": [f for f in followups if f.due_on < today],
                "this_week": [f for f in followups if f.due_on >= today],
            },
            order=10,
        ),
        Panel(
            "cases/panels/open_cases.html",
            {
                "cases": open_cases[:10],
                "case_count": open_cases.count(),
                "by_caseworker": (
                    Case.objects.visible_to(user)
                    .open()
                    .values("caseworker__full_name", "caseworker_id")
                    .annotate(n=Count("pk"), intake=Count("pk", filter=Q(status=Case.Status.INTAKE)))
                    .order_by("caseworker__full_name")
                    if user.sees_all_cases
                    else []
                ),
            },
            order=20,
        ),
        Panel("cases/panels/expiring.html", {"permits": permits, "consents": consents, "today": today}, order=30),
    ]
    return panels
