"""Proof that the deletion concept deletes: a client with a unique canary string in every field that
takes text, with every kind of related record, history, access-log rows, an upload and a printed
Vollmacht; the period passes; the daily job runs on a real worker; then the whole database
(`pg_dump`) and the media directory hold the canary strings 0 times.

Stored PDFs are bytea, which pg_dump writes as hex with compressed text streams inside: the scan
decodes every bytea value and reads the text of every PDF among them, so a name inside a stored
Vollmacht counts as found."""

import datetime
import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from pypdf.errors import PdfReadError

from accounts.models import Role
from authorisations import services as authorisation_services
from authorisations.models import Authorisation, PrintJob
from cases.models import Case, Client, Consent, Contact, FollowUp, Goal, Household, Language, Municipality
from offers.models import ButApplication, ButExpense, Category, Offer, Provider, Referral
from operations.backup import _pg_env, _tool
from privacy.models import RetentionRun
from privacy.tasks import apply_retention
from tests import factories, files
from tests.factories import make_user, pdf_text
from volunteers.models import Appointment, add_months

ROOT = "qzxkanari"  # every text canary contains it (case-insensitive)
ARABIC = "قزخكناري"  # the names in original script
NUMBERS = ["7391846", "BG7391847", "63999"]  # phone, BG number, postcode


def canary(name: str) -> str:
    return f"Qzxkanari{name}"


def found_in(text: str) -> list[str]:
    hits = [m.group(0) for m in re.finditer(ROOT + r"\w*", text, flags=re.IGNORECASE)]
    hits += [ARABIC] * text.count(ARABIC)
    hits += [n for n in NUMBERS if re.search(rf"(?<![0-9A-Za-z]){n}(?![0-9])", text)]
    return hits


def bytea_texts(dump: str):
    """The contents of every bytea value in a plain pg_dump (written as \\x + hex), PDFs as text."""
    for match in re.finditer(r"\\\\x([0-9a-f]{8,})", dump):
        data = bytes.fromhex(match.group(1))
        yield data.decode("utf-8", "replace")
        if data.startswith(b"%PDF-"):
            try:
                text = pdf_text(data)
            except PdfReadError:  # made-up PDF bytes of a fixture: their raw text is scanned above
                continue
            yield text


def scan_database() -> list[str]:
    result = subprocess.run(
        [_tool("pg_dump"), "--format=plain", "--no-owner", "--no-privileges"],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    dump = result.stdout
    assert "accounts_accesslog" in dump and len(dump) > 10_000  # the real dump, not an error message
    hits = [f"{hit} in: {line[:120]}" for line in dump.splitlines() for hit in found_in(line)]
    for text in bytea_texts(dump):
        hits += found_in(text)
    return hits


def scan_media(root) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        hits += found_in(str(path.relative_to(root)))
        if path.is_file():
            hits += found_in(path.read_bytes().decode("latin-1")) + found_in(
                path.read_bytes().decode("utf-8", "replace")
            )
    return hits


def canary_client(caseworker, volunteer_user, tmp_path) -> Client:
    today = timezone.localdate()
    municipality, _ = Municipality.objects.get_or_create(name="Michelstadt")
    household = Household.objects.create(bg_number="06431BG7391847", note=canary("HouseholdNote"))
    client = Client.objects.create(
        family_name=canary("FamilyName"),
        given_names=canary("GivenNames"),
        family_name_original=ARABIC,
        given_names_original=ARABIC + "ا",
        aliases=canary("Alias"),
        birth_day=14,
        birth_month=3,
        birth_year=1987,
        gender="female",
        nationalities=["SY"],
        residence_status="permit",
        residence_valid_until=today,
        street=canary("Street") + " 7",
        postcode="63999",
        municipality=municipality,
        phone="+49 6062 7391846",
        email="qzxkanari.mail@example.org",
        kjc_customer_number="QZXKANARI4711",
        household=household,
        household_relation="head",
    )
    client.aliases = canary("AliasEdited")  # a second history row with the old values
    client.save()
    factories.speak(client, "ar")
    case = Case.objects.create(client=client, caseworker=caseworker, topics=["work"])
    Contact.objects.create(client=client, author=caseworker, note=canary("ContactNote"), topics=["health"])
    FollowUp.objects.create(client=client, owner=caseworker, due_on=today, text=canary("FollowUp"))
    Goal.objects.create(client=client, title=canary("GoalTitle"), description=canary("GoalText"), created_by=caseworker)

    provider = Provider.objects.create(name="Sportverein Erbach")
    offer = Offer.objects.create(
        title="Schwimmen", provider=provider, category=Category.objects.get_or_create(name="Sport")[0]
    )
    referral = Referral.objects.create(
        offer=offer,
        client=client,
        created_by=caseworker,
        note=canary("Referral"),
        restriction_override_reason=canary("Override"),
    )
    application = ButApplication.objects.create(
        child=client, category="participation", created_by=caseworker, note=canary("But"), referral=referral
    )
    ButExpense.objects.create(application=application, amount=10, purpose=canary("Expense"), created_by=caseworker)

    agent = factories.make_agent(volunteer_user)
    assignment = factories.assign(agent, client, created_by=caseworker)
    assignment.note = canary("Assignment")
    assignment.save()
    Appointment.objects.create(
        client=client, volunteer=agent, starts_at=timezone.now(), place=canary("Place"), note=canary("Appointment")
    )
    scan = factories.make_document(client, caseworker, title=canary("ScanTitle"))
    kjc_consent = Consent.objects.create(
        client=client,
        recipient_kind="kjc",
        data_categories=["identity", "health"],
        purpose=canary("Purpose"),
        scan=scan,
        created_by=caseworker,
    )
    Consent.objects.create(
        client=client,
        recipient_kind="other",
        recipient_name=canary("Recipient"),
        data_categories=["identity"],
        purpose=canary("Purpose2"),
        given_on=today,
        revoked_on=today,
        revocation_note=canary("Revocation"),
        created_by=caseworker,
    )
    branch = factories.make_branch()
    authorisation = factories.make_authorisation(
        client, agent, caseworker, branch, guardian_name=canary("Guardian"), exclusions=canary("Exclusions")
    )
    factories.signed(authorisation, caseworker)  # renders and stores the real PDF/A
    handover = authorisation_services.create_handover(
        user=caseworker,
        kjc_branch=branch,
        team="benefits",
        handed_over_on=today,
        authorisations=[authorisation],
        consents=[kjc_consent],
        note=canary("Handover"),
    )
    PrintJob.objects.create(
        handover=handover, requested_by=caseworker, status="done", pdf=f"%PDF-1.4 {canary('Bundle')}".encode()
    )
    authorisation.refresh_from_db()
    authorisation.status = Authorisation.Status.REVOKED
    authorisation.revoked_on = today
    authorisation.revoked_declared_by = "principal"
    authorisation.revocation_reason = canary("RevocationReason")
    authorisation.save()
    case.change_status(Case.Status.CLOSED, reason=Case.ClosingReason.MOVED, note=canary("ClosingNote"))
    return client


def seen_and_uploaded(client, caseworker):
    """The caseworker opens the page, exports the data and uploads a scan (access-log rows, a file)."""
    http = HttpClient()
    http.force_login(caseworker)
    assert http.get(reverse("cases:client_detail", args=[client.pk])).status_code == 200
    assert http.get(reverse("cases:client_export", args=[client.pk])).status_code == 200
    upload = SimpleUploadedFile(
        "qzxkanari-scan.pdf", files.pdf(padding=canary("UploadContent").encode()), content_type="application/pdf"
    )
    response = http.post(
        reverse("cases:document_upload", args=[client.pk]),
        {"title": canary("UploadTitle"), "kind": "id", "file": upload},
        follow=True,  # the success message is shown (and so leaves the session)
    )
    assert response.status_code == 200
    http.logout()


@pytest.mark.django_db(transaction=True)
def test_a_canary_client_leaves_no_trace_in_the_database_dump_and_the_media(run_jobs, settings, tmp_path):
    if not Language.objects.filter(code="ar").exists():
        Language.objects.create(code="ar", name="Arabisch", is_rtl=True)
    caseworker = make_user("fm.canary@example.org", Role.CASEWORKER, "Fiona Fallmanagerin")
    volunteer_user = make_user("vol.canary@example.org", Role.VOLUNTEER, "Vera Volunteer")
    client = canary_client(caseworker, volunteer_user, tmp_path)
    seen_and_uploaded(client, caseworker)
    media = settings.MEDIA_ROOT
    before_db, before_media = scan_database(), scan_media(media)
    assert len(set(before_db)) > 25, before_db  # the scan finds them, PDFs included
    assert any("Guardian" in hit for hit in before_db)  # (only inside the stored Vollmacht PDF)
    assert before_media

    # The period passes: the daily job of the day 37 months after closing, on a real worker.
    day = add_months(timezone.localdate(), 37)
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time(1, 30)))
    apply_retention.defer(timestamp=int(midnight.timestamp()))
    run_jobs()

    run = RetentionRun.objects.get(today=day)  # (the worker also runs the real day's schedule)
    assert run.today == day and run.finished_at and run.counts["clients"] == 1
    assert scan_database() == []
    assert scan_media(media) == []
    # What the statistics count is still there, and nothing else.
    anonymised = Client.objects.get(pk=client.pk)
    assert (anonymised.gender, anonymised.birth_year, anonymised.municipality.name) == ("female", 1985, "Michelstadt")
    assert Case.objects.get(client=client).closing_reason == Case.ClosingReason.MOVED
    assert Contact.objects.filter(client=client, topics=["health"]).count() == 1
    assert Referral.objects.filter(client=client).count() == ButApplication.objects.filter(child=client).count() == 1
