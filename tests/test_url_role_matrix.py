"""URL × role × method matrix: every URL pattern of the project, every role, GET and POST.

A URL pattern without an entry in ACCESS fails the test, so a new view cannot ship without a
decision on who may use it. For each cell the expected status is asserted, and the marker name
of a client that the role may not see must not appear in any response body. Anonymous users are
sent to the one login page from every URL that is not PUBLIC.

Further down, in the same file: every route with made-up ids (deny by default before any lookup),
the admin, and two volunteers who must not reach each other's clients through any URL.

To add a URL: give its name a row in ACCESS (an access class and a builder of its kwargs from the
world) — the first test fails until you do.
"""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from accounts.models import Role
from authorisations import services
from authorisations.models import KjcBranch, PrintJob
from cases.models import Case, Consent, Contact, FollowUp, Goal, ListExport
from imports.models import ImportRun
from offers.models import ButApplication, ButCategory, Category, Offer, Provider, Referral
from operations.services import update_district
from reports.models import YearlyReportJob
from tests import factories
from tests.factories import make_appointment, make_client, make_document, make_household, make_user
from volunteers.models import Appointment, Assignment, Volunteer
from wir_fallmanagement.uploads import check_upload

MARKER = "Zqxmarker"  # family name of the client only its caseworker, team lead and admin may see

ROLES = [
    "anonymous",
    "owner",  # caseworker responsible for the marker client
    "colleague",  # another caseworker (the product has one team per district; "other team" is the same)
    "teamlead",
    "admin",
    "kjc",
    "dpo",  # data protection officer: the privacy pages, never case data
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
# A document the task worker lays out (wir_fallmanagement.documents): the page waits for it (202).
CLIENT_DOCUMENT = (expect(STAFF_SEE, ok=202), None)
# POST-only views answer GET with 405 to every staff role before looking at the object, so the
# answer says nothing about the object; other roles get 404 from the role check.
CLIENT_ACTION = (expect(STAFF, ok=405), expect(STAFF_SEE, ok=302))
CLIENT_ACTION_FORM = (expect(STAFF, ok=405), expect(STAFF_SEE))
LEAD_FORM = (expect(LEADS), expect(LEADS))
ADMIN_PAGE = (expect({"admin"}), None)
ADMIN_FORM = (expect({"admin"}), expect({"admin"}))  # POST without data re-shows the form with errors
# A list export: POST only; without a format it goes back with a message. The stored file of a
# large export: only the person who asked for it (not even team lead or administration).
LIST_EXPORT = (expect(STAFF, ok=405), expect(STAFF, ok=302))
REQUESTER_ONLY = (expect({"owner"}), None)
ANY_USER_FORM = (expect(set(ROLES) - {"anonymous"}), expect(set(ROLES) - {"anonymous"}))
PORTAL_HOME = (expect(VOLUNTEERS), None)
KJC_HOME = (expect({"kjc"}), None)
DASHBOARD = ({**expect(STAFF), **dict.fromkeys(VOLUNTEERS | {"kjc", "dpo"}, 302)}, None)
PRIVACY_PAGE = (expect({"admin", "dpo"}), None)
# Portal: name and phone while assignment + consent hold; more with an effective Vollmacht.
PORTAL_BASIC = {"volunteer_valid", "volunteer_expired", "volunteer_revoked"}
PORTAL_FULL = {"volunteer_valid"}


def on_client(w):
    return {"pk": w["client"].pk}


def on_authorisation(w):
    return {"pk": w["authorisation_signed"].pk}


def on_volunteer(w):
    return {"pk": w["volunteer_record"].pk}


def offers_world(w: dict) -> dict:
    """An offer, a referral and a BuT application of the marker client, made only for the offers rows."""
    if "offer" not in w:
        owner, provider = w["users"]["owner"], Provider.objects.create(name="Matrix-Träger")
        category = Category.objects.get_or_create(name="Sport")[0]
        w["provider"] = provider
        w["offer"] = Offer.objects.create(title="Matrix-Angebot", provider=provider, category=category)
        w["referral"] = Referral.objects.create(offer=w["offer"], client=w["client"], created_by=owner)
        w["but_application"] = ButApplication.objects.create(
            child=w["client"], category=ButCategory.LUNCH, created_by=owner
        )
    return w


def on_import(w):
    """An import uploaded by the owner: only its uploader sees it (its report names the file's rows)."""
    if "import_run" not in w:
        w["import_run"] = ImportRun.objects.create(
            kind="clients", original_name="liste.csv", content_type="text/csv", created_by=w["users"]["owner"]
        )
    return {"pk": w["import_run"].pk}


def on_offer(w):
    return {"pk": offers_world(w)["offer"].pk}


def on_provider(w):
    return {"pk": offers_world(w)["provider"].pk}


def on_referral(w):
    return {"pk": offers_world(w)["referral"].pk}


def on_but_application(w):
    return {"pk": offers_world(w)["but_application"].pk}


def district_logo_version(w):
    if "logo_version" not in w:
        png = io.BytesIO()
        Image.new("RGB", (8, 8), "navy").save(png, format="PNG")
        logo = check_upload(SimpleUploadedFile("logo.png", png.getvalue()))
        w["logo_version"] = update_district(name="Matrixkreis", logo=logo).logo_sha256[:12]
    return w["logo_version"]


def on_report_job(w):
    """A finished yearly report (made by the task worker in tests/reports)."""
    if "report_job" not in w:
        w["report_job"] = YearlyReportJob.objects.create(
            year=2025, requested_by=w["users"]["teamlead"], status="done", pdf=b"%PDF-1.7", xlsx=b"PK"
        )
    return {"pk": w["report_job"].pk}


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
    # Sign-in with the district's accounts: off by default, then both send everyone to the login
    # page (tests/accounts/test_oidc.py signs in through a real provider with it switched on).
    "oidc_authentication_init": ((dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)), None),
    "oidc_authentication_callback": ((dict.fromkeys(ROLES, 302), dict.fromkeys(ROLES, 302)), None),
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
    "cases:followup_reopen": (CLIENT_ACTION, lambda w: {"followup_pk": w["followup"].pk}),
    "cases:goal_status": (CLIENT_ACTION, lambda w: {"goal_pk": w["goal"].pk}),
    "cases:consent_revoke": (CLIENT_FORM, lambda w: {"consent_pk": w["consent"].pk}),
    "cases:consent_form_pdf": (CLIENT_DOCUMENT, lambda w: {"consent_pk": w["consent"].pk}),
    "cases:consent_scan": (CLIENT_FORM, lambda w: {"consent_pk": w["consent"].pk}),
    "cases:document_download": (CLIENT_PAGE, lambda w: {"document_pk": w["document"].pk}),
    "cases:case_status": (CLIENT_ACTION_FORM, lambda w: {"case_pk": w["case"].pk}),
    "cases:case_reassign": (LEAD_FORM, None),
    "cases:household_detail": (CLIENT_FORM, lambda w: {"household_pk": w["household"].pk}),
    "portal:client_detail": ((expect(PORTAL_BASIC), None), on_client),
    "portal:contact_create": ((expect(PORTAL_BASIC), expect(PORTAL_BASIC)), on_client),
    "portal:appointment_create": ((expect(PORTAL_FULL), expect(PORTAL_FULL)), on_client),
    "portal:appointment_cancel": (
        (expect(VOLUNTEERS, ok=405), expect(PORTAL_FULL, ok=200)),  # POST asks first (confirmation page)
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
    "authorisations:handover_pdf": ((expect(STAFF_SEE | {"kjc"}, ok=202), None), lambda w: {"pk": w["handover"].pk}),
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
    "offers:offer_list": (STAFF_PAGE, None),
    "offers:offer_create": (STAFF_FORM, None),
    "offers:offer_detail": (STAFF_PAGE, on_offer),
    "offers:offer_edit": (STAFF_FORM, on_offer),
    "offers:offer_refer": (STAFF_PAGE, on_offer),
    "offers:provider_list": (STAFF_PAGE, None),
    "offers:provider_create": (STAFF_FORM, None),
    "offers:provider_edit": (STAFF_FORM, on_provider),
    "offers:client_referrals": (CLIENT_PAGE, lambda w: {"client_id": w["client"].pk}),
    "offers:referral_create": (CLIENT_FORM, lambda w: {"client_id": w["client"].pk}),
    "offers:but_create": (CLIENT_FORM, lambda w: {"client_id": w["client"].pk}),
    "offers:referral_status": (CLIENT_FORM, on_referral),
    "offers:referral_seen": (CLIENT_ACTION, on_referral),
    "offers:referral_start_but": (CLIENT_ACTION, on_referral),
    "offers:but_list": (STAFF_PAGE, None),
    "offers:but_detail": (CLIENT_PAGE, on_but_application),
    "offers:but_status": (CLIENT_ACTION_FORM, on_but_application),
    "offers:but_expense": (CLIENT_ACTION_FORM, on_but_application),
    "reports:statistics": (STAFF_PAGE, None),
    "reports:yearly_report": (LEAD_FORM, None),
    "reports:yearly_report_create": (
        (expect(LEADS, ok=405), expect(LEADS)),
        None,
    ),  # POST without a year: the form again
    "reports:yearly_report_job": ((expect(LEADS), None), on_report_job),
    "reports:yearly_report_download": ((expect(LEADS), None), lambda w: {**on_report_job(w), "kind": "pdf"}),
    "reports:worklists": (STAFF_PAGE, None),
    "reports:worklist": (STAFF_PAGE, lambda w: {"kind": "school-supplies"}),
    # The marker client is too old for Schulbedarf: the action answers with a message, not an application.
    "reports:worklist_start_but": (
        CLIENT_ACTION,
        lambda w: {"child_id": w["client"].pk, "category": "school_supplies"},
    ),
    "reports:worklist_end_measure": (CLIENT_ACTION, on_referral),
    "offers:directory": (PUBLIC, None),
    "offers:directory_pdf": (PUBLIC, None),
    # District setup: administrators only.
    "district_logo": (PUBLIC, lambda w: {"version": district_logo_version(w)}),
    "operations:setup": (ADMIN_PAGE, None),
    "operations:district_edit": (ADMIN_FORM, None),
    "operations:masterdata_list": (ADMIN_PAGE, lambda w: {"kind": "municipalities"}),
    "operations:masterdata_create": (ADMIN_FORM, lambda w: {"kind": "languages"}),
    "operations:masterdata_edit": (
        ADMIN_FORM,
        lambda w: {"kind": "kjc-branches", "pk": KjcBranch.objects.order_by("pk").first().pk},
    ),
    "cases:list_export": (LIST_EXPORT, lambda w: {"name": "clients"}),
    "cases:list_export_detail": (REQUESTER_ONLY, lambda w: {"pk": w["list_export"].pk}),
    "cases:list_export_download": (REQUESTER_ONLY, lambda w: {"pk": w["list_export"].pk}),
    "privacy:overview": (PRIVACY_PAGE, None),
    "privacy:run_list": (PRIVACY_PAGE, None),
    "privacy:access_log": (PRIVACY_PAGE, None),
    # Restriction and erasure of one person: administrators only (POST without an action: back to the page).
    "privacy:client_privacy": ((expect({"admin"}), expect({"admin"}, ok=302)), on_client),
    "privacy:information_letter": (CLIENT_DOCUMENT, on_client),
    # Every staff member imports (clients into their own caseload; team leads choose the caseworker).
    "imports:import_start": (STAFF_FORM, None),
    "imports:import_template": (STAFF_PAGE, lambda w: {"kind": "clients", "fmt": "xlsx"}),
    "imports:import_detail": ((expect({"owner"}), None), on_import),
    "imports:import_commit": ((expect(STAFF, ok=405), expect({"owner"}, ok=302)), on_import),
    "imports:import_discard": ((expect(STAFF, ok=405), expect({"owner"}, ok=302)), on_import),
}

# What anonymous users may use; from every other URL they are sent to the login page.
PUBLIC_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "readyz",
    "set_language",
    "portal:invitation",
    "offers:directory",
    "offers:directory_pdf",
    "district_logo",
    "authorisations:verify",
    "authorisations:verify_lookup",
}


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


def unnamed_routes(resolver=None) -> list[str]:
    """Routes outside the admin without a name: the matrix is keyed by name, so such a URL would
    slip past `test_every_url_has_a_matrix_entry`."""
    return [route for route, name in iter_patterns(resolver) if name is None and not route.startswith("admin/")]


def test_every_url_outside_the_admin_has_a_name_and_so_needs_a_matrix_entry():
    from django.urls import path
    from django.urls.resolvers import RegexPattern, URLResolver

    assert unnamed_routes() == []
    sneaky = URLResolver(RegexPattern(r"^/"), [path("export/<int:pk>/", lambda request, pk: None)])
    assert unnamed_routes(sneaky) == ["export/<int:pk>/"]


def test_the_public_names_are_the_urls_anonymous_users_may_open():
    # (readyz answers 503 while no task worker runs; switching the language redirects back)
    opened = {name for name, ((get, _post), _b) in ACCESS.items() if get["anonymous"] in (200, 503)}
    assert opened | {"set_language"} == PUBLIC_NAMES


@pytest.fixture
def world(db, settings, tmp_path):
    owner = make_user("owner@example.org", Role.CASEWORKER, "Olga Owner")
    household = make_household()
    client = make_client(owner, family_name=MARKER, given_names="Mira", household=household)
    make_client(make_user("other.cw@example.org", Role.CASEWORKER), family_name="Fremd")
    case = Case.objects.get(client=client)
    Contact.objects.create(client=client, author=owner, note=f"{MARKER} note")
    document = make_document(client, owner, title=f"{MARKER} doc")
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
            "dpo": make_user("dpo@example.org", Role.DPO),
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
        world[f"authorisation_{kind}"] = signed_authorisation(
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
    world["list_export"] = ListExport.objects.create(
        requested_by=owner,
        list_name="clients",
        file_format="csv",
        status="done",
        data=f"{MARKER};Mira".encode(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return world


def signed_authorisation(*, principal, agent, created_by, kind, branch):
    """A printed and signed Vollmacht with its stored PDF; `kind` expired (its end date passed) or
    revoked (with the stored revocation notice) turns it into that."""
    today = timezone.localdate()
    authorisation = factories.make_authorisation(
        principal,
        agent,
        created_by,
        branch,
        status="revoked" if kind == "revoked" else "signed",
        scopes=["information", "documents"],
        valid_from=today - datetime.timedelta(days=100),
        valid_until=today - datetime.timedelta(days=1) if kind == "expired" else None,
    )
    for pdf_kind in ["authorisation"] + (["revocation"] if kind == "revoked" else []):
        factories.store_pdf(authorisation, created_by, pdf_kind, b"%PDF-1.7 matrix")
    return authorisation


def http_for(world, role, csrf=False):
    http = HttpClient(enforce_csrf_checks=csrf)
    if role != "anonymous":
        http.force_login(world["users"][role])
    return http


def url_for(name, world):
    (_access, builder) = ACCESS[name]
    return reverse(name, kwargs=builder(world) if builder else None)


CELLS = [(name, role) for name in sorted(ACCESS) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}|{r}" for n, r in CELLS])
def test_get_and_post_per_role(world, name, role, request):
    (get_expect, post_expect), _builder = ACCESS[name]
    if get_expect[role] >= 500:
        request.getfixturevalue("expect_errors")  # (Django logs every 5xx answer as an error)
    url = url_for(name, world)
    http = http_for(world, role)
    response = http.get(url)
    assert response.status_code == get_expect[role], f"GET {url} as {role}"
    if role == "anonymous" and name not in PUBLIC_NAMES:
        assert response.url.startswith("/accounts/login/"), f"GET {url} as anonymous"
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


# ------------------------------------------------------------- every route, ids that do not exist


def iter_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def concrete(route: str) -> str:
    """Turn a route or regex into a requestable path, filling converters with sample values."""
    path = route.lstrip("^").rstrip("$").replace("\\Z", "")
    path = re.sub(r"<(?:int:)?\w*(?:pk|id)>", "1", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<[^>]+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"[()?^$\\+*\[\]]", "", path)
    return "/" + path


ALL_ROUTES = list(iter_patterns())
GUARDED_ROUTES = [(r, n) for r, n in ALL_ROUTES if n not in PUBLIC_NAMES and not r.startswith("admin/")]


def test_every_public_name_exists():
    assert {name for _route, name in ALL_ROUTES} >= PUBLIC_NAMES


@pytest.mark.parametrize(("route", "name"), GUARDED_ROUTES, ids=[r for r, _ in GUARDED_ROUTES])
def test_anonymous_is_sent_to_login_from_every_non_public_url(client, db, route, name):
    """Deny by default: the answer comes before any lookup, so ids that do not exist are enough."""
    response = client.get(concrete(route))
    assert response.status_code == 302, route
    assert response.url.startswith("/accounts/login/"), route


# ------------------------------------------------------------------------------- admin, role homes


def test_admin_index_sends_anonymous_to_the_one_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "persona", ["caseworker", "teamlead", "volunteer", "kjc", "data_protection_officer"], indirect=True
)
def test_admin_is_404_for_everyone_but_administrators(client, persona):
    client.force_login(persona)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404


def test_admin_is_open_to_administrators(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("volunteer", "/", 302),
        ("volunteer", "/kjc/", 404),
        ("kjc", "/portal/", 404),
        ("caseworker", "/portal/", 404),
        ("caseworker", "/kjc/", 404),
        ("teamlead", "/portal/", 404),
    ],
    indirect=["persona"],
)
def test_role_pages_answer_404_to_other_roles(client, persona, url, status):
    client.force_login(persona)
    assert client.get(url).status_code == status


def test_unknown_url_gets_a_german_404_page(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


# ----------------------------------------------------- two volunteers: never each other's clients


@pytest.fixture
def two_volunteers(caseworker, volunteer, other_volunteer):
    """Each volunteer has a client with a Vollmacht (full level, one appointment) and one without."""
    branch = factories.make_branch(name="KJC Erbach")
    data = {}
    for user in (volunteer, other_volunteer):
        record = factories.make_volunteer(user, inspected_by=caseworker)
        full, basic = make_client(caseworker), make_client(caseworker)
        for c in (full, basic):
            factories.assign(record, c, created_by=caseworker)
            factories.volunteer_consent(c, record, created_by=caseworker)
        factories.make_authorisation(
            full, record, caseworker, branch, status="signed", valid_from=timezone.localdate() - datetime.timedelta(5)
        )
        data[user.email] = {
            "user": user,
            "record": record,
            "clients": [full, basic],
            "appointment": make_appointment(record, full),
            "assignment": record.assignments.first(),
        }
    return data


def portal_urls(entry):
    urls = []
    for c in entry["clients"]:
        urls += [
            reverse("portal:client_detail", args=[c.pk]),
            reverse("portal:contact_create", args=[c.pk]),
            reverse("portal:appointment_create", args=[c.pk]),
        ]
    urls.append(reverse("portal:appointment_cancel", args=[entry["appointment"].pk]))
    return urls


PAIRS = [("helper.one@example.org", "helper.two@example.org"), ("helper.two@example.org", "helper.one@example.org")]


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_my_own_clients_open(client, two_volunteers, me, them):
    client.force_login(two_volunteers[me]["user"])
    full, basic = two_volunteers[me]["clients"]
    for url in [reverse("portal:client_detail", args=[full.pk]), reverse("portal:client_detail", args=[basic.pk])]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("portal:appointment_create", args=[full.pk])).status_code == 200


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_every_portal_url_of_the_other_volunteers_clients_is_404(client, two_volunteers, me, them):
    client.force_login(two_volunteers[me]["user"])
    home = client.get("/portal/").content.decode()
    for c in two_volunteers[them]["clients"]:
        assert c.full_name not in home
    detail = {reverse("portal:client_detail", args=[c.pk]) for c in two_volunteers[them]["clients"]}
    cancel = reverse("portal:appointment_cancel", args=[two_volunteers[them]["appointment"].pk])
    for url in portal_urls(two_volunteers[them]):
        # A wrong method answers 405 whatever the id, so it reveals nothing.
        assert client.get(url).status_code == (405 if url == cancel else 404), url
        response = client.post(
            url, {"date": "2026-01-01", "duration_minutes": "60", "channel": "phone", "note": "x", "place": "x"}
        )
        assert response.status_code == (405 if url in detail else 404), url
    assert not Appointment.objects.filter(cancelled_at__isnull=False).exists()
    assert not Contact.objects.exists()


def staff_routes():
    for route, name in ALL_ROUTES:
        # Portal pages of other apps live under /portal/ too (e.g. the volunteer's own Vollmachten).
        if (
            name in PUBLIC_NAMES
            or (name or "").startswith("portal:")
            or route.startswith(("accounts/", "i18n/", "portal/"))
        ):
            continue
        yield route, name


def fill(route, entry):
    """A requestable path for `route`, using the other volunteer's real objects where it takes ids."""
    path = route
    path = path.replace("<uuid:client_pk>", str(entry["clients"][0].pk)).replace(
        "<uuid:pk>", str(entry["clients"][0].pk)
    )
    if "assignments/<int:pk>" in path:
        path = path.replace("<int:pk>", str(entry["assignment"].pk))
    path = path.replace("<int:pk>", str(entry["record"].pk))
    return concrete(path) if re.search(r"[<(^$]", path) else "/" + path


@pytest.mark.parametrize(("me", "them"), PAIRS)
def test_every_staff_url_is_404_for_volunteers(client, two_volunteers, me, them):
    client.force_login(two_volunteers[me]["user"])
    routes = list(staff_routes())
    assert any(name == "volunteers:volunteer_list" for _r, name in routes)
    for route, name in routes:
        url = fill(route, two_volunteers[them])
        expected = 302 if name == "home" else 404
        assert client.get(url).status_code == expected, url
        if name != "home":
            assert client.post(url, {}).status_code in (404, 405), url


def test_every_staff_url_sends_anonymous_users_to_login(client, two_volunteers):
    for route, _name in staff_routes():
        if route.startswith("admin/"):
            continue  # the admin has its own login view (test_admin_index_sends_anonymous_to_the_one_login)
        url = fill(route, two_volunteers["helper.one@example.org"])
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url


def test_every_volunteers_staff_url_is_404_for_kjc_clerks(client, two_volunteers, kjc):
    client.force_login(kjc)
    routes = [(r, n) for r, n in staff_routes() if (n or "").startswith("volunteers:")]
    assert len(routes) >= 9
    for route, _name in routes:
        url = fill(route, two_volunteers["helper.one@example.org"])
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url
