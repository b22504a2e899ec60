"""URL × role × method matrix: every URL pattern of the project, every role, GET and POST.

A URL pattern without an entry in ACCESS fails the test, so a new view cannot ship without a
decision on who may use it. For each cell the expected status is asserted, and the marker name
of a client that the role may not see must not appear in any response body.
"""

import datetime

import pytest
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Role
from authorisations import services
from authorisations.models import Authorisation, KjcBranch, PrintJob
from cases.models import Case, Consent, Contact, Document, FollowUp, Goal
from tests.cases.factories import make_client, make_household
from tests.conftest import make_user
from volunteers.models import Appointment, Assignment, Volunteer

MARKER = "Zqxmarker"  # family name of the client only its caseworker, team lead and admin may see

ROLES = [
    "anonymous",
    "owner",  # caseworker responsible for the marker client
    "colleague",  # another caseworker (the product has one team per district; "other team" is the same)
    "teamlead",
    "admin",
    "kjc",
    "volunteer_valid",  # assignment, consent and an effective Vollmacht for the marker client
    "volunteer_expired",  # Vollmacht expired
    "volunteer_revoked",  # Vollmacht revoked
    "volunteer_ended",  # assignment ended
    "volunteer_other",  # no relation to the marker client
]
STAFF_SEE = {"owner", "teamlead", "admin"}
VOLUNTEERS = {r for r in ROLES if r.startswith("volunteer")}


def expect(allowed: set, *, ok=200, denied=404, anonymous=302):
    return {r: anonymous if r == "anonymous" else ok if r in allowed else denied for r in ROLES}


STAFF = {"owner", "colleague", "teamlead", "admin"}
LEADS = {"teamlead", "admin"}

# Access classes: expected status for GET and for POST (with a valid CSRF token and no data).
PUBLIC = (dict.fromkeys(ROLES, 200), None)
LOGIN_PAGE = ({r: 200 if r == "anonymous" else 302 for r in ROLES}, None)
STAFF_PAGE = (expect(STAFF), None)
STAFF_FORM = (expect(STAFF), expect(STAFF))  # GET shows the form, POST re-shows it with errors
CLIENT_PAGE = (expect(STAFF_SEE), None)
CLIENT_FORM = (expect(STAFF_SEE), expect(STAFF_SEE))
# POST-only views answer GET with 405 to every staff role before looking at the object, so the
# answer says nothing about the object; other roles get 404 from the role check.
CLIENT_ACTION = (expect(STAFF, ok=405), expect(STAFF_SEE, ok=302))
CLIENT_ACTION_FORM = (expect(STAFF, ok=405), expect(STAFF_SEE))
LEAD_FORM = (expect(LEADS), expect(LEADS))
ANY_USER_FORM = (expect(set(ROLES) - {"anonymous"}), expect(set(ROLES) - {"anonymous"}))
PORTAL_HOME = (expect(VOLUNTEERS), None)
KJC_HOME = (expect({"kjc"}), None)
DASHBOARD = ({**expect(STAFF), **dict.fromkeys(VOLUNTEERS | {"kjc"}, 302)}, None)
# Portal: name and phone while assignment + consent hold; more with an effective Vollmacht.
PORTAL_BASIC = {"volunteer_valid", "volunteer_expired", "volunteer_revoked"}
PORTAL_FULL = {"volunteer_valid"}


def on_client(w):
    return {"pk": w["client"].pk}


def on_authorisation(w):
    return {"pk": w["authorisation_signed"].pk}


def on_volunteer(w):
    return {"pk": w["volunteer_record"].pk}


# URL name → (access class, kwargs builder). Builders get the world dict.
ACCESS = {
    "healthz": (PUBLIC, None),
    # Public like /healthz; 503 here because the tests run neither collectstatic nor a task worker
    # (tests/test_readiness_and_error_pages.py shows the 200).
    "readyz": ((dict.fromkeys(ROLES, 503), None), None),
    "set_language": ((dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)), None),  # GET changes nothing
    "login": (LOGIN_PAGE, None),
    "logout": (({r: 302 if r == "anonymous" else 405 for r in ROLES}, dict.fromkeys(ROLES, 302)), None),
    "password_change": (ANY_USER_FORM, None),
    "password_change_done": ((expect(set(ROLES) - {"anonymous"}), None), None),
    "password_reset": (PUBLIC, None),
    "password_reset_done": (PUBLIC, None),
    "password_reset_confirm": (PUBLIC, lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": (PUBLIC, None),
    # Users without a device are sent on (to the setup or where they wanted to go).
    "two_factor_verify": ((dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)), None),
    "two_factor_setup": (ANY_USER_FORM, None),
    "home": (DASHBOARD, None),
    "portal:home": (PORTAL_HOME, None),
    "kjc:home": (KJC_HOME, None),
    "cases:client_list": (STAFF_PAGE, None),
    "cases:client_create": (STAFF_FORM, None),
    "cases:client_detail": (CLIENT_PAGE, lambda w: {"pk": w["client"].pk}),
    "cases:client_edit": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:client_history": (CLIENT_PAGE, lambda w: {"pk": w["client"].pk}),
    "cases:client_export": (CLIENT_PAGE, lambda w: {"pk": w["client"].pk}),
    "cases:contact_list": (CLIENT_PAGE, lambda w: {"pk": w["client"].pk}),
    "cases:contact_create": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:followup_create": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:goal_create": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:consent_create": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:document_upload": (CLIENT_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:case_open": (CLIENT_ACTION_FORM, lambda w: {"pk": w["client"].pk}),
    "cases:followup_list": (STAFF_PAGE, None),
    "cases:followup_done": (CLIENT_ACTION, lambda w: {"followup_pk": w["followup"].pk}),
    "cases:goal_status": (CLIENT_ACTION, lambda w: {"goal_pk": w["goal"].pk}),
    "cases:consent_revoke": (CLIENT_FORM, lambda w: {"consent_pk": w["consent"].pk}),
    "cases:document_download": (CLIENT_PAGE, lambda w: {"document_pk": w["document"].pk}),
    "cases:case_status": (CLIENT_ACTION_FORM, lambda w: {"case_pk": w["case"].pk}),
    "cases:case_reassign": (LEAD_FORM, None),
    "cases:household_detail": (CLIENT_FORM, lambda w: {"household_pk": w["household"].pk}),
    "portal:client_detail": ((expect(PORTAL_BASIC), None), on_client),
    "portal:contact_create": ((expect(PORTAL_BASIC), expect(PORTAL_BASIC)), on_client),
    "portal:appointment_create": ((expect(PORTAL_FULL), expect(PORTAL_FULL)), on_client),
    "portal:appointment_cancel": (
        (expect(VOLUNTEERS, ok=405), expect(PORTAL_FULL, ok=302)),
        lambda w: {"pk": w["appointment"].pk},
    ),
    "portal:profile": ((expect(VOLUNTEERS), expect(VOLUNTEERS)), None),
    "portal:authorisation_list": (PORTAL_HOME, None),
    "portal:invitation": (PUBLIC, lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "volunteers:volunteer_list": (STAFF_PAGE, None),
    "volunteers:volunteer_create": (STAFF_FORM, None),
    "volunteers:volunteer_detail": (STAFF_PAGE, on_volunteer),
    "volunteers:volunteer_update": (STAFF_FORM, on_volunteer),
    "volunteers:volunteer_invite": ((expect(STAFF, ok=405), expect(STAFF, ok=302)), on_volunteer),
    "volunteers:training_create": ((expect(STAFF, ok=405), expect(STAFF)), on_volunteer),
    "volunteers:match": (CLIENT_PAGE, lambda w: {"client_pk": w["client"].pk}),
    "volunteers:assignment_create": (CLIENT_FORM, lambda w: {"client_pk": w["client"].pk}),
    "volunteers:assignment_end": (CLIENT_FORM, lambda w: {"pk": w["assignment"].pk}),
    "authorisations:authorisation_list": (STAFF_PAGE, None),
    "authorisations:authorisation_create": (STAFF_FORM, None),
    "authorisations:authorisation_detail": (CLIENT_PAGE, on_authorisation),
    # A Vollmacht handed over to the KJC is not edited any more: back to its page with a message.
    "authorisations:authorisation_edit": ((expect(STAFF_SEE, ok=302), expect(STAFF_SEE, ok=302)), on_authorisation),
    "authorisations:authorisation_print": (CLIENT_ACTION, on_authorisation),
    # The agent downloads the PDF of a valid Vollmacht; nobody else outside the office.
    "authorisations:authorisation_pdf": ((expect(STAFF_SEE | {"volunteer_valid"}), None), on_authorisation),
    "authorisations:authorisation_stored_pdf": (
        CLIENT_PAGE,
        lambda w: {"pk": w["authorisation_signed"].pk, "pdf_id": w["authorisation_signed"].pdfs.first().pk},
    ),
    "authorisations:authorisation_scan": (
        ({**expect(set()), "anonymous": 302}, None),  # no scan recorded: 404 for everyone
        on_authorisation,
    ),
    "authorisations:authorisation_sign": (CLIENT_ACTION, on_authorisation),
    "authorisations:authorisation_revoke": (CLIENT_FORM, on_authorisation),
    "authorisations:authorisation_revocation_delivery": (
        CLIENT_ACTION,
        lambda w: {"pk": w["authorisation_revoked"].pk},
    ),
    "authorisations:authorisation_revocation_notice": (
        CLIENT_ACTION,
        lambda w: {"pk": w["authorisation_revoked"].pk},
    ),
    "authorisations:revocation_pdf": (CLIENT_PAGE, lambda w: {"pk": w["authorisation_revoked"].pk}),
    "authorisations:handover_list": (STAFF_PAGE, None),
    "authorisations:handover_create": (STAFF_FORM, None),
    # Batches: their creator, team lead and administration; the KJC receives them.
    "authorisations:handover_detail": (CLIENT_PAGE, lambda w: {"pk": w["handover"].pk}),
    "authorisations:handover_pdf": ((expect(STAFF_SEE | {"kjc"}), None), lambda w: {"pk": w["handover"].pk}),
    "authorisations:handover_bundle": (CLIENT_ACTION, lambda w: {"pk": w["handover"].pk}),
    "authorisations:handover_bundle_detail": (
        CLIENT_PAGE,
        lambda w: {"pk": w["handover"].pk, "job_pk": w["print_job"].pk},
    ),
    "authorisations:handover_bundle_pdf": (
        CLIENT_PAGE,
        lambda w: {"pk": w["handover"].pk, "job_pk": w["print_job"].pk},
    ),
    "authorisations:verify": (PUBLIC, lambda w: {"token": w["authorisation_signed"].token}),
    "authorisations:verify_lookup": (PUBLIC, None),
}


from tests.offers.matrix import offers_access  # noqa: E402  (the offers app's rows, same classes)

ACCESS.update(offers_access(globals()))


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_matrix_entry():
    names = set(url_names())
    assert sorted(names - set(ACCESS)) == []
    assert sorted(set(ACCESS) - names) == []


@pytest.fixture
def world(db, settings, tmp_path):
    owner = make_user("owner@example.org", Role.CASEWORKER, "Olga Owner")
    household = make_household()
    client = make_client(owner, family_name=MARKER, given_names="Mira", household=household)
    make_client(make_user("other.cw@example.org", Role.CASEWORKER), family_name="Fremd")
    case = Case.objects.get(client=client)
    Contact.objects.create(client=client, author=owner, note=f"{MARKER} note")
    document = Document(
        client=client,
        title=f"{MARKER} doc",
        original_name="a.pdf",
        content_type="application/pdf",
        size=5,
        sha256="",
        uploaded_by=owner,
    )
    from django.core.files.base import ContentFile

    document.file.save("x", ContentFile(b"%PDF-"), save=False)
    document.save()
    world = {
        "client": client,
        "household": household,
        "case": case,
        "followup": FollowUp.objects.create(client=client, owner=owner, due_on=timezone.localdate(), text=MARKER),
        "goal": Goal.objects.create(client=client, title=MARKER, created_by=owner),
        "consent": Consent.objects.create(
            client=client, recipient_kind="kjc", data_categories=["identity"], purpose=MARKER, created_by=owner
        ),
        "document": document,
        "users": {
            "owner": owner,
            "colleague": make_user("colleague@example.org", Role.CASEWORKER),
            "teamlead": make_user("lead@example.org", Role.TEAMLEAD),
            "admin": make_user("admin@example.org", Role.ADMIN),
            "kjc": make_user("kjc@example.org", Role.KJC),
        },
    }
    today = timezone.localdate()
    branch = KjcBranch.objects.create(
        name="KJC Erbach", street="Michelstädter Straße 12", postcode="64711", town="Erbach"
    )
    for name in sorted(VOLUNTEERS):
        user = make_user(f"{name}@example.org", Role.VOLUNTEER)
        world["users"][name] = user
        record = Volunteer.objects.create(user=user, family_name=name, given_names="V", status="active")
        if name == "volunteer_other":
            world["volunteer_record"] = record
            continue
        ended = name == "volunteer_ended"
        assignment = Assignment.objects.create(
            volunteer=record,
            client=client,
            start_on=today - datetime.timedelta(days=60),
            end_on=today - datetime.timedelta(days=1) if ended else None,
            created_by=owner,
        )
        Consent.objects.create(
            client=client,
            recipient_kind="volunteer",
            recipient_volunteer=record,
            data_categories=["identity", "contact"],
            purpose="Begleitung",
            created_by=owner,
        )
        kind = {"volunteer_expired": "expired", "volunteer_revoked": "revoked"}.get(name, "signed")
        world[f"authorisation_{kind}"] = make_authorisation(
            principal=client, agent=record, created_by=owner, kind=kind, branch=branch
        )
        if name == "volunteer_valid":
            world["assignment"] = assignment
            world["appointment"] = Appointment.objects.create(
                client=client,
                volunteer=record,
                starts_at=timezone.now() + datetime.timedelta(days=3),
                place="KJC Erbach",
                note=MARKER,
            )
    world["handover"] = services.create_handover(
        user=owner,
        kjc_branch=branch,
        team="benefits",
        handed_over_on=today,
        authorisations=[world["authorisation_signed"]],
    )
    world["print_job"] = PrintJob.objects.create(
        handover=world["handover"], requested_by=owner, status="done", pdf=b"%PDF-1.4 matrix"
    )
    return world


def make_authorisation(*, principal, agent, created_by, kind, branch):
    """A printed and signed Vollmacht (stored PDF bytes made up: rendering is tested elsewhere);
    `kind` expired or revoked turns it into that."""
    import hashlib

    from authorisations.models import AuthorisationPdf

    today = timezone.localdate()
    authorisation = Authorisation.objects.create(
        principal=principal,
        agent=agent,
        created_by=created_by,
        kjc_branch=branch,
        scopes=["information", "documents"],
        language="ar",
        valid_from=today - datetime.timedelta(days=100),
        valid_until=today - datetime.timedelta(days=1) if kind == "expired" else None,
        status=Authorisation.Status.SIGNED,
        printed_at=timezone.now() - datetime.timedelta(days=3),
        signed_on=today - datetime.timedelta(days=2),
        original_holder=Authorisation.Holder.OFFICE,
    )
    pdf = b"%PDF-1.7 matrix"
    for pdf_kind in ["authorisation"] + (["revocation"] if kind == "revoked" else []):
        AuthorisationPdf.objects.create(
            authorisation=authorisation,
            kind=pdf_kind,
            version=authorisation.version,
            pdf=pdf,
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            created_by=created_by,
        )
    if kind == "revoked":
        authorisation.status = Authorisation.Status.REVOKED
        authorisation.revoked_on = today
        authorisation.revoked_declared_by = "principal"
        authorisation.revocation_reason = "Matrix"
        authorisation.save()
    return authorisation


def http_for(world, role, csrf=False):
    http = HttpClient(enforce_csrf_checks=csrf)
    if role != "anonymous":
        http.force_login(world["users"][role])
    return http


def url_for(name, world):
    from django.urls import reverse

    (_access, builder) = ACCESS[name]
    return reverse(name, kwargs=builder(world) if builder else None)


CELLS = [(name, role) for name in sorted(ACCESS) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}|{r}" for n, r in CELLS])
def test_get_and_post_per_role(world, name, role):
    (get_expect, post_expect), _builder = ACCESS[name]
    url = url_for(name, world)
    http = http_for(world, role)
    response = http.get(url)
    assert response.status_code == get_expect[role], f"GET {url} as {role}"
    # Volunteers with access see the client's name in the portal (and only there); KJC clerks see
    # the names on verification pages and in the batches handed to them.
    visible = (
        role in STAFF_SEE
        or (name.startswith("portal:") and role in PORTAL_BASIC)
        or (role == "kjc" and name in ("authorisations:verify", "authorisations:handover_pdf", "kjc:home"))
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if not visible:
        assert MARKER.encode() not in body, f"GET {url} as {role} leaks the marker"
    if post_expect is not None:
        response = http.post(url, {})
        assert response.status_code == post_expect[role], f"POST {url} as {role}"
        if not visible:
            assert MARKER.encode() not in response.content


@pytest.mark.parametrize("name", sorted(n for n, (a, _b) in ACCESS.items() if a[1] is not None))
def test_post_without_csrf_token_is_refused(world, name):
    http = http_for(world, "owner", csrf=True)
    assert http.post(url_for(name, world), {}).status_code == 403


@pytest.mark.parametrize("role", sorted(set(ROLES) - STAFF_SEE - {"anonymous"}))
def test_search_and_counts_never_reveal_the_marker(world, role):
    http = http_for(world, role)
    urls = ["/clients/?q=zqxmark", "/clients/?q=mira", "/followups/?owner=all"]  # (the query itself is echoed)
    if role not in PORTAL_BASIC:  # volunteers with access see their client on the portal home
        urls.append("/")
    for url in urls:
        response = http.get(url, follow=True)
        assert MARKER.encode() not in response.content, url
        assert b"1 Person gefunden" not in response.content, url


@pytest.mark.parametrize("role", sorted(STAFF_SEE))
def test_the_marker_is_shown_to_those_who_may_see_it(world, role):
    """Without this, the absence checks above could pass on pages that show nothing at all."""
    http = http_for(world, role)
    assert MARKER.encode() in http.get(url_for("cases:client_detail", world)).content
    assert MARKER.encode() in http.get("/clients/?q=zqxmark").content
