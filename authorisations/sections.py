"""What the authorisations app shows on a client's page (registered in
AuthorisationsConfig.ready()): the client's Vollmachten, and the client's volunteer assignments
with their consent and Vollmacht."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from cases.models import Consent
from volunteers.models import Assignment
from wir_fallmanagement.extensions import Panel

from .models import Authorisation

PANEL_ROWS = 10
SECTION_LIMIT = 25


def authorisation_section(request, client) -> list[Panel]:
    """The client's Vollmachten on the client page, with the button for a new one."""
    if not request.user.is_back_office:
        return []
    items = list(client.authorisations.select_related("agent").order_by("-created_at", "-pk")[: PANEL_ROWS + 1])
    context = {"client": client, "items": items[:PANEL_ROWS], "more": len(items) > PANEL_ROWS}
    return [Panel("authorisations/fragments/client_section.html", context, order=50)]


def assignment_section(request, client) -> list[Panel]:
    """On the client page: the client's volunteer assignments, whether consent and Vollmacht are
    in place, and links to suggestions and to a new assignment. Three queries.

    It lives here, not in volunteers, because it reads Vollmachten: authorisations sits above
    volunteers."""
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
    return [Panel("authorisations/fragments/assignment_section.html", context, order=60)]
