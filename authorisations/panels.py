"""The panel of the authorisations app on the staff dashboard (registered in
AuthorisationsConfig.ready())."""

from wir_fallmanagement.extensions import Panel

from .models import Authorisation

PANEL_ROWS = 10


def dashboard_panels(request) -> list[Panel]:
    """Vollmachten ending within 30 days, and printed ones not signed for 14 days: for the
    caseworker of the principal's open case; team lead and administration see all."""
    user = request.user
    if not user.is_back_office:
        return []
    mine = Authorisation.objects.responsible(user).select_related("principal", "agent")
    expiring = list(mine.expiring(within_days=30).order_by("valid_until", "pk")[: PANEL_ROWS + 1])
    unsigned = list(mine.unsigned_since(days=14).order_by("printed_at", "pk")[: PANEL_ROWS + 1])
    if not expiring and not unsigned:
        return []
    context = {
        "expiring": expiring[:PANEL_ROWS],
        "expiring_more": len(expiring) > PANEL_ROWS,
        "unsigned": unsigned[:PANEL_ROWS],
        "unsigned_more": len(unsigned) > PANEL_ROWS,
    }
    return [Panel("authorisations/fragments/dashboard_panel.html", context, order=40)]
