"""Demo data of the authorisations app: KJC branches and Vollmachten in every status, for the
demo clients and volunteers that cases.demo and volunteers.demo created before."""

import datetime

from django.utils import timezone

from accounts.models import Role, User
from cases.models import Client, Consent
from volunteers.models import Assignment, Volunteer

from . import services, texts
from .models import Authorisation, Handover, KjcBranch, Scope
from .tasks import write_revocation_notice

DEMO_BRANCHES = [
    ("Kommunales Job-Center Odenwaldkreis, Geschäftsstelle Erbach", "Michelstädter Straße 12", "64711", "Erbach"),
    ("Kommunales Job-Center Odenwaldkreis, Geschäftsstelle Höchst", "Montmelianer Platz 4", "64739", "Höchst i. Odw."),
]
DEMO_VOLUNTEER_EMAIL = "ehrenamt1@demo.invalid"
DEMO_BASE_URL = "http://127.0.0.1:8000"


def seed(stdout=None) -> None:
    """Vollmachten in every status for the demo clients and volunteers created by the apps before
    this one (cases, volunteers). Creates no clients or volunteers itself: without them it only
    creates the KJC branches."""
    branches = [
        KjcBranch.objects.get_or_create(name=name, defaults={"street": street, "postcode": pc, "town": town})[0]
        for name, street, pc, town in DEMO_BRANCHES
    ]
    if Authorisation.objects.exists():
        return
    today = timezone.localdate()
    staff = User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by("email").first()
    staff = staff or User.objects.filter(role__in=Role.STAFF, is_active=True).order_by("email").first()
    if staff is None:
        return
    adults = [c for c in Client.objects.select_related("household").order_by("created_at", "pk")[:60] if not c.is_minor]
    demo_volunteer = Volunteer.objects.filter(user__email=DEMO_VOLUNTEER_EMAIL).first()
    volunteers = list(Volunteer.objects.exclude(status=Volunteer.Status.LEFT).order_by("pk")[:10])
    if not adults or not volunteers:
        if stdout:
            stdout.write("Vollmachten: keine Klient:innen oder Ehrenamtlichen – nur Geschäftsstellen angelegt.")
        return

    # Pairs: first the demo volunteer's own clients (assignment), then the rest round robin.
    pairs = []
    if demo_volunteer:
        own = Assignment.objects.filter(volunteer=demo_volunteer).select_related("client").order_by("pk")
        pairs += [(a.client, demo_volunteer) for a in own if not a.client.is_minor] or [(adults[0], demo_volunteer)]
    others = [v for v in volunteers if v != demo_volunteer] or volunteers
    for index, client in enumerate(adults):
        pairs.append((client, others[index % len(others)]))
    seen, unique_pairs = set(), []
    for client, volunteer in pairs:
        if (client.pk, volunteer.pk) not in seen:
            seen.add((client.pk, volunteer.pk))
            unique_pairs.append((client, volunteer))

    # The demo volunteer gets a valid one first (portal), then one of every other status.
    plan = ["signed", "handed_over", "printed", "draft", "revoked", "expired", "signed", "handed_over", "printed"]
    created = []
    for (client, volunteer), target in zip(unique_pairs, plan, strict=False):
        created.append(_seed_one(client, volunteer, target, staff, branches, today))
    to_hand_over = [a for a, target in created if target == "handed_over"]
    if to_hand_over:
        consents = Consent.objects.valid_on(today).filter(
            recipient_kind=Consent.RecipientKind.KJC, client__in=[a.principal_id for a in to_hand_over]
        )
        services.create_handover(
            user=staff,
            kjc_branch=branches[0],
            team=Handover.Team.BENEFITS,
            handed_over_on=today - datetime.timedelta(days=3),
            authorisations=to_hand_over,
            consents=list(consents),
            note="Demo-Übergabe",
        )
    if stdout:
        stdout.write(f"Vollmachten: {len(created)} angelegt.")


def _seed_one(client, volunteer, target, staff, branches, today):
    language = _client_language(client)
    authorisation = services.create_authorisation(
        principal=client,
        agent=volunteer,
        created_by=staff,
        kjc_branch=branches[0],
        scopes=[str(s) for s in (Scope.INFORMATION, Scope.APPLICATIONS, Scope.DOCUMENTS, Scope.APPOINTMENTS)],
        valid_from=today - datetime.timedelta(days=60),
        valid_until=None if target != "expired" else today - datetime.timedelta(days=1),
        language=language,
    )
    if target == "draft":
        return authorisation, target
    services.print_authorisation(authorisation=authorisation, user=staff, base_url=DEMO_BASE_URL)
    if target == "printed":
        # printed three weeks ago and still not signed: shows on the dashboard
        Authorisation.objects.filter(pk=authorisation.pk).update(
            printed_at=timezone.now() - datetime.timedelta(days=21)
        )
        return authorisation, target
    services.mark_signed(
        authorisation=authorisation,
        user=staff,
        signed_on=today - datetime.timedelta(days=58),
        holder=Authorisation.Holder.OFFICE,
    )
    if target == "revoked":
        services.revoke_authorisation(
            authorisation=authorisation,
            user=staff,
            declared_by=Authorisation.DeclaredBy.PRINCIPAL,
            reason="Demo: Die Begleitung ist beendet.",
            revoked_on=today,
            sent_on=today,
        )
        # The demo shows the notice at once instead of waiting for the worker.
        write_revocation_notice(authorisation_id=authorisation.pk, user_id=staff.pk)
    elif target == "expired":
        services.expire_authorisations(today=today)
    elif target == "signed" and authorisation.valid_until is None:
        # one that ends soon: shows on the dashboard
        Authorisation.objects.filter(pk=authorisation.pk).update(valid_until=today + datetime.timedelta(days=20))
    return authorisation, target


def _client_language(client) -> str:
    for client_language in client.languages.select_related("language").order_by("pk"):
        if texts.translation(client_language.language.code):
            return client_language.language.code
    return ""
