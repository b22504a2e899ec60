"""The panels of the offers app on the staff dashboard (registered in OffersConfig.ready()):
referrals moved up from a waiting list, BuT approvals ending soon."""

import datetime

from django.utils import timezone

from wir_fallmanagement.extensions import Panel

from .models import ButApplication, Referral

DASHBOARD_LIMIT = 20


def dashboard_panels(request) -> list[Panel]:
    user = request.user
    if not user.is_back_office:
        return []
    panels = []
    moved_up = list(
        Referral.objects.moved_up_unseen_for(user)
        .select_related("client", "offer")
        .order_by("-moved_up_at")[:DASHBOARD_LIMIT]
    )
    if moved_up:
        panels.append(
            Panel(
                "offers/fragments/dashboard_moved_up.html",
                {"referrals": moved_up, "next_url": request.get_full_path()},
                order=20,
            )
        )
    today = timezone.localdate()
    ending = list(
        ButApplication.objects.visible_to(user)
        .ending_between(today, today + datetime.timedelta(days=30))
        .select_related("child")
        .order_by("period_until", "pk")[:DASHBOARD_LIMIT]
    )
    if ending:
        panels.append(Panel("offers/fragments/dashboard_but_ending.html", {"applications": ending}, order=30))
    return panels
