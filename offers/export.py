"""What the offers app contributes to a client's GDPR export (registered in OffersConfig.ready())."""

from .models import ButApplication


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
