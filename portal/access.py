"""What a volunteer may see in the portal — decided afresh on every request.

A volunteer sees a client only while ALL of these hold (docs/product.md, "What a volunteer sees"):

1. an active assignment of this volunteer to the client (`Assignment.objects.active_on()`),
2. a valid consent of the client naming this volunteer (`Consent.objects.valid_on()`),
3. for anything beyond name and phone (address, household, appointments): an effective
   Vollmacht of the client for this volunteer (`Authorisation.objects.effective_on()`).

Nothing is cached: ending the assignment or revoking the consent or the Vollmacht takes effect
at the volunteer's next request. A client the volunteer may not see answers 404.

The volunteer's own Vollmachten follow the same rule (assignment and consent) through
`Authorisation.objects.for_portal(user)`; it lives on the model because the Vollmacht's PDF URL
(/authorisations/<pk>/pdf/) serves staff and volunteers alike.
"""

from enum import StrEnum

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from authorisations.models import Authorisation
from cases.models import Client, Consent
from volunteers.models import Appointment, Assignment, Volunteer


class Level(StrEnum):
    BASIC = "basic"  # name and phone
    FULL = "full"  # plus address, household, appointments


def get_volunteer(request) -> Volunteer | None:
    """The volunteer record of the logged-in portal user, or None (an account not linked yet)."""
    if not request.user.is_authenticated or not request.user.is_volunteer:
        return None
    try:
        volunteer = request.user.volunteer  # cached on the user for the rest of the request
    except Volunteer.DoesNotExist:
        return None
    return None if volunteer.status == Volunteer.Status.LEFT else volunteer


def require_volunteer(request) -> Volunteer:
    volunteer = get_volunteer(request)
    if volunteer is None:
        raise Http404
    return volunteer


def portal_clients(volunteer: Volunteer, day=None) -> QuerySet[Client]:
    """The clients `volunteer` may see today, each annotated with `has_authorisation` (the FULL
    level) and `next_appointment_at` / `next_appointment_place` (only to be shown at FULL)."""
    day = day or timezone.localdate()
    if volunteer is None or volunteer.pk is None or volunteer.status == Volunteer.Status.LEFT:
        return Client.objects.none()
    assigned = Assignment.objects.active_on(day).filter(volunteer=volunteer, client=OuterRef("pk"))
    consented = Consent.objects.valid_on(day).filter(
        client=OuterRef("pk"), recipient_kind=Consent.RecipientKind.VOLUNTEER, recipient_volunteer=volunteer
    )
    authorised = Authorisation.objects.effective_on(day).filter(principal=OuterRef("pk"), agent=volunteer)
    next_appointment = Appointment.objects.filter(
        client=OuterRef("pk"), volunteer=volunteer, cancelled_at__isnull=True, starts_at__gte=timezone.now()
    ).order_by("starts_at")
    return (
        Client.objects.unrestricted()
        .filter(Exists(assigned), Exists(consented))
        .annotate(
            has_authorisation=Exists(authorised),
            next_appointment_at=Subquery(next_appointment.values("starts_at")[:1]),
            next_appointment_place=Subquery(next_appointment.values("place")[:1]),
        )
    )


def level_of(client: Client) -> Level:
    return Level.FULL if client.has_authorisation else Level.BASIC


def get_portal_client(request, pk, *, level: Level = Level.BASIC) -> tuple[Client, Level]:
    """The client `pk` with the level of access the logged-in volunteer has; 404 without access,
    and 404 when the page needs `level` FULL and the volunteer has only BASIC."""
    volunteer = require_volunteer(request)
    client = get_object_or_404(portal_clients(volunteer).select_related("household", "municipality"), pk=pk)
    granted = level_of(client)
    if level == Level.FULL and granted != Level.FULL:
        raise Http404
    return client, granted


def missing_for_full(client: Client) -> bool:
    """True when the page should explain that a signed Vollmacht is still missing."""
    return not client.has_authorisation
