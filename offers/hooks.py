"""Hooks of the offers app (see wir_fallmanagement/extensions.py)."""

import datetime

from django.utils import timezone

from wir_fallmanagement.extensions import Panel

from .models import ButApplication, Referral
from .sections import but_section_context, referral_section_context

DASHBOARD_LIMIT = 20


def client_sections(request, client) -> list[Panel]:
    return [
        Panel("offers/fragments/referral_section.html", referral_section_context(request, client), order=40),
        Panel("offers/fragments/but_section.html", but_section_context(request, client), order=45),
    ]


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


def _day(value):
    return value.isoformat() if value else None


def client_export(client) -> dict:
    """Everything the offers app stores about the person (GDPR Art. 15)."""
    referrals = client.referrals.select_related("offer", "offer__provider", "created_by").order_by("created_at")
    applications = ButApplication.objects.filter(child=client).prefetch_related("expenses").order_by("advised_on", "pk")
    return {
        "referrals": [
            {
                "offer": r.offer.title,
                "provider": r.offer.provider.name,
                "status": r.get_status_display(),
                "suggested_on": _day(r.suggested_on),
                "registered_on": _day(r.registered_on),
                "waitlisted_at": r.waitlisted_at.isoformat() if r.waitlisted_at else None,
                "started_on": _day(r.started_on),
                "ended_on": _day(r.ended_on),
                "moved_up_at": r.moved_up_at.isoformat() if r.moved_up_at else None,
                "restriction_override_reason": r.restriction_override_reason,
                "note": r.note,
                "created_by": str(r.created_by),
            }
            for r in referrals
        ],
        "but_applications": [
            {
                "category": a.get_category_display(),
                "status": a.get_status_display(),
                "amount": str(a.amount) if a.amount is not None else None,
                "advised_on": _day(a.advised_on),
                "applied_on": _day(a.applied_on),
                "decided_on": _day(a.decided_on),
                "period_from": _day(a.period_from),
                "period_until": _day(a.period_until),
                "note": a.note,
                "expenses": [
                    {"spent_on": _day(e.spent_on), "amount": str(e.amount), "purpose": e.purpose}
                    for e in a.expenses.all()
                ],
            }
            for a in applications
        ],
    }


def seed_demo(stdout=None) -> None:
    from .demo import seed

    seed(stdout)
