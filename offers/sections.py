"""What the offers app shows on a client's page (`client_sections`, registered in
OffersConfig.ready()) and on its own page
`/clients/<id>/referrals/`: the client's referrals and the BuT applications of the household's
children, each in a constant number of queries."""

from django.db.models import Count, Exists, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from wir_fallmanagement.extensions import Panel

from . import but
from .models import ButApplication, Referral


def referrals_of(client):
    waiting_ahead = (
        Referral.objects.filter(
            offer_id=OuterRef("offer_id"),
            status=Referral.Status.WAITLIST,
            waitlisted_at__lte=OuterRef("waitlisted_at"),
        )
        .order_by()
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        client.referrals.select_related("offer", "offer__provider")
        .annotate(
            waitlist_position=Subquery(waiting_ahead),
            has_but=Exists(ButApplication.objects.filter(referral=OuterRef("pk"))),
        )
        .order_by("-created_at", "-pk")
    )


def referral_section_context(request, client) -> dict:
    return {
        "client": client,
        "referrals": list(referrals_of(client)),
        "new_url": reverse("offers:referral_create", kwargs={"client_id": client.pk}),
        "page_url": reverse("offers:client_referrals", kwargs={"client_id": client.pk}),
        "next_url": request.get_full_path(),
        "client_is_minor": client.is_minor,
    }


def but_section_context(request, client) -> dict:
    children = client.household_children_for(request.user)  # the household's query of the page, shared
    applications = list(
        ButApplication.objects.filter(child__in=children)
        .select_related("child", "referral__offer")
        .annotate(used=Sum("expenses__amount"))
        .order_by("-advised_on", "-pk")
    )
    rates = but.participation_rates() if applications else []
    by_child = {child.pk: [] for child in children}
    for application in applications:
        application.budget = but.budget_for(application, rates, used=application.used or but.ZERO)
        by_child[application.child_id].append(application)
    today = timezone.localdate()
    return {
        "client": client,
        "children": [
            {"child": child, "age": child.age_on(today), "applications": by_child[child.pk]} for child in children
        ],
        "new_url": reverse("offers:but_create", kwargs={"client_id": client.pk}),
    }


def client_sections(request, client) -> list[Panel]:
    """The client's referrals and the BuT applications of the household's children."""
    return [
        Panel("offers/fragments/referral_section.html", referral_section_context(request, client), order=40),
        Panel("offers/fragments/but_section.html", but_section_context(request, client), order=45),
    ]
