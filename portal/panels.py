"""The panels of the portal home page. The portal sits above the apps it shows, so it builds its
panels itself instead of collecting them through an extension point."""

from authorisations.models import Authorisation
from volunteers.models import Volunteer
from wir_fallmanagement.extensions import Panel

PANEL_ROWS = 10


def authorisation_panel(request, volunteer: Volunteer) -> Panel:
    """The volunteer's own Vollmachten with status and validity; the PDF of valid ones."""
    items = list(
        Authorisation.objects.for_portal(request.user)
        .filter(agent=volunteer)
        .select_related("principal")
        .order_by("-created_at", "-pk")[: PANEL_ROWS + 1]
    )
    context = {"items": items[:PANEL_ROWS], "more": len(items) > PANEL_ROWS}
    return Panel("portal/fragments/authorisation_panel.html", context, order=60)
