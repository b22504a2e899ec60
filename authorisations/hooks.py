"""Hooks of the authorisations app (see wir_fallmanagement/extensions.py)."""

import datetime

from django.utils import timezone

from wir_fallmanagement.extensions import Panel

from .models import Authorisation, Handover, KjcBranch, Scope

PANEL_ROWS = 10


def client_sections(request, client) -> list[Panel]:
    """The client's Vollmachten on the client page, with the button for a new one."""
    if not request.user.is_back_office:
        return []
    items = list(client.authorisations.select_related("agent").order_by("-created_at", "-pk")[: PANEL_ROWS + 1])
    context = {"client": client, "items": items[:PANEL_ROWS], "more": len(items) > PANEL_ROWS}
    return [Panel("authorisations/fragments/client_section.html", context, order=50)]


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


def portal_panels(request, volunteer) -> list[Panel]:
    """The volunteer's own Vollmachten with status and validity; the PDF of valid ones."""
    if volunteer is None or not request.user.is_volunteer:
        return []
    items = list(
        Authorisation.objects.for_portal(request.user)
        .filter(agent=volunteer)
        .select_related("principal")
        .order_by("-created_at", "-pk")[: PANEL_ROWS + 1]
    )
    context = {"items": items[:PANEL_ROWS], "more": len(items) > PANEL_ROWS}
    return [Panel("authorisations/fragments/portal_panel.html", context, order=60)]


def _iso(value):
    return value.isoformat() if value else None


def client_export(client) -> dict:
    """Everything this app stores about the client (GDPR Art. 15). The PDFs themselves can be
    downloaded from the Vollmacht's page; here their list with checksums."""
    authorisations = client.authorisations.select_related("agent", "kjc_branch", "handover").prefetch_related("pdfs")
    rows = []
    for a in authorisations.order_by("pk"):
        rows.append(
            {
                "Nr.": a.pk,
                "Fassung": a.version,
                "Status": a.get_status_display(),
                "Bevollmächtigte:r": str(a.agent),
                "Geschäftsstelle des KJC": str(a.kjc_branch) if a.kjc_branch else None,
                "gesetzliche Vertretung": a.guardian_name or None,
                "Umfang": [str(Scope(s).label) for s in a.scopes],
                "Ausnahmen": a.exclusions or None,
                "gültig ab": _iso(a.valid_from),
                "gültig bis": _iso(a.valid_until),
                "Sprache der Arbeitsübersetzung": a.language or None,
                "angelegt am": _iso(a.created_at),
                "gedruckt am": _iso(a.printed_at),
                "unterschrieben am": _iso(a.signed_on),
                "Original liegt bei": a.get_original_holder_display() or None,
                "Original dort seit": _iso(a.original_held_since),
                "Übergabe an das KJC": str(a.handover) if a.handover else None,
                "widerrufen am": _iso(a.revoked_on),
                "Widerruf durch": a.get_revoked_declared_by_display() or None,
                "Grund des Widerrufs": a.revocation_reason or None,
                "Widerruf an das KJC geschickt am": _iso(a.revocation_sent_on),
                "Widerruf beim KJC eingegangen am": _iso(a.revocation_received_on),
                "Dokumente": [
                    {
                        "Art": p.get_kind_display(),
                        "Fassung": p.version,
                        "erstellt am": _iso(p.created_at),
                        "SHA-256": p.sha256,
                    }
                    for p in sorted(a.pdfs.all(), key=lambda p: (p.created_at, p.pk))
                ],
            }
        )
    return {"Vollmachten": rows}


# ---------------------------------------------------------------------------------------------
# Demo data
# ---------------------------------------------------------------------------------------------

DEMO_BRANCHES = [
    ("Kommunales Job-Center Odenwaldkreis, Geschäftsstelle Erbach", "Michelstädter Straße 12", "64711", "Erbach"),
    ("Kommunales Job-Center Odenwaldkreis, Geschäftsstelle Höchst", "Montmelianer Platz 4", "64739", "Höchst i. Odw."),
]
DEMO_VOLUNTEER_EMAIL = "ehrenamt1@demo.invalid"
DEMO_BASE_URL = "http://127.0.0.1:8000"


def seed_demo(stdout=None) -> None:
    """Vollmachten in every status for the demo clients and volunteers created by the apps before
    this one (cases, volunteers). Creates no clients or volunteers itself: without them it only
    creates the KJC branches."""
    from accounts.models import Role, User
    from cases.models import Client, Consent
    from volunteers.models import Assignment, Volunteer

    from . import services

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
        created.append(_seed_one(services, client, volunteer, target, staff, branches, today))
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


def _seed_one(services, client, volunteer, target, staff, branches, today):
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
        from .tasks import write_revocation_notice

        write_revocation_notice(authorisation_id=authorisation.pk, user_id=staff.pk)
    elif target == "expired":
        services.expire_authorisations(today=today)
    elif target == "signed" and authorisation.valid_until is None:
        # one that ends soon: shows on the dashboard
        Authorisation.objects.filter(pk=authorisation.pk).update(valid_until=today + datetime.timedelta(days=20))
    return authorisation, target


def _client_language(client) -> str:
    from . import texts

    for client_language in client.languages.select_related("language").order_by("pk"):
        if texts.translation(client_language.language.code):
            return client_language.language.code
    return ""
