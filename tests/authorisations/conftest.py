"""Fixtures of the authorisations tests: a principal of the caseworker's, the volunteer persona as
agent, a KJC branch, and Vollmachten in any status."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.utils import timezone
from pypdf import PdfReader

from authorisations import services
from authorisations.models import Authorisation, KjcBranch
from cases.models import Case, Client, ClientLanguage, Consent, Household, Language, Municipality
from volunteers.models import Assignment, Volunteer

TODAY = timezone.localdate


@pytest.fixture
def branch(db):
    return KjcBranch.objects.create(
        name="Kommunales Job-Center Odenwaldkreis, Erbach",
        street="Michelstädter Straße 12",
        postcode="64711",
        town="Erbach",
    )


_counter = iter(range(10_000, 99_999))


def make_client(caseworker=None, *, family="Al-Hassan", given="Mariam", birth_year=1988, language="ar", **fields):
    number = next(_counter)
    household = Household.objects.create(bg_number=f"06431BG00{number:05d}")
    municipality, _ = Municipality.objects.get_or_create(name="Michelstadt")
    client = Client.objects.create(
        family_name=family,
        given_names=given,
        birth_day=3,
        birth_month=7,
        birth_year=birth_year,
        street="Bahnhofstraße 12",
        postcode="64720",
        municipality=municipality,
        kjc_customer_number=f"123D{number}",
        household=household,
        **fields,
    )
    if language:
        ClientLanguage.objects.create(client=client, language=Language.objects.get(code=language))
    if caseworker is not None:
        Case.objects.create(client=client, caseworker=caseworker, status=Case.Status.ACTIVE)
    return client


def make_volunteer(user=None, *, family="Schneider", given="Erika"):
    return Volunteer.objects.create(
        user=user,
        family_name=family,
        given_names=given,
        date_of_birth=datetime.date(1956, 4, 2),
        street="Am Kirchberg 3",
        postcode="64711",
        town="Erbach",
        status=Volunteer.Status.ACTIVE,
    )


@pytest.fixture
def principal(caseworker):
    return make_client(caseworker, family_name_original="الحسن", given_names_original="مريم")


@pytest.fixture
def agent(volunteer):
    return make_volunteer(volunteer)


def make_authorisation(principal, agent, creator, branch, *, status="draft", **content):
    """A Vollmacht in `status`, set directly on the model (no PDF is rendered; use `printed()` for that)."""
    values = {
        "kjc_branch": branch,
        "scopes": ["information", "applications", "documents"],
        "valid_from": TODAY() - datetime.timedelta(days=10),
        "language": "ar",
    }
    values.update(content)
    authorisation = Authorisation.objects.create(principal=principal, agent=agent, created_by=creator, **values)
    if status in ("printed", "signed", "handed_over", "revoked"):
        authorisation.status = "printed"
        authorisation.printed_at = timezone.now() - datetime.timedelta(days=2)
    if status in ("signed", "handed_over", "revoked"):
        authorisation.status = "signed"
        authorisation.signed_on = TODAY() - datetime.timedelta(days=1)
        authorisation.original_holder = Authorisation.Holder.OFFICE
    authorisation.save()
    if status == "handed_over":
        services.create_handover(
            user=creator, kjc_branch=branch, team="benefits", handed_over_on=TODAY(), authorisations=[authorisation]
        )
    if status == "revoked":
        authorisation.status = "revoked"
        authorisation.revoked_on = TODAY()
        authorisation.revoked_declared_by = "principal"
        authorisation.revocation_reason = "Test"
        authorisation.save()
    if status == "expired":
        authorisation.status = "expired"
        authorisation.save()
    authorisation.refresh_from_db()
    return authorisation


def printed(authorisation, user):
    services.print_authorisation(authorisation=authorisation, user=user, base_url="http://testserver")
    authorisation.refresh_from_db()
    return authorisation


def signed(authorisation, user):
    printed(authorisation, user)
    services.mark_signed(authorisation=authorisation, user=user, signed_on=TODAY(), holder="office")
    authorisation.refresh_from_db()
    return authorisation


def grant_portal_access(client, volunteer_record, creator):
    """What the volunteers app requires before a volunteer sees a client: an active assignment and
    a valid consent naming the volunteer."""
    Assignment.objects.create(
        volunteer=volunteer_record, client=client, start_on=TODAY() - datetime.timedelta(days=30), created_by=creator
    )
    Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.VOLUNTEER,
        recipient_volunteer=volunteer_record,
        data_categories=["identity", "contact", "benefits"],
        purpose="Begleitung zum KJC",
        given_on=TODAY() - datetime.timedelta(days=30),
        created_by=creator,
    )


@pytest.fixture
def draft(principal, agent, caseworker, branch):
    return make_authorisation(principal, agent, caseworker, branch)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def decode_qr(data: bytes, tmp_path) -> list[str]:
    """Render page 1 with pdftoppm and read every QR code on it with zbarimg."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(source), str(tmp_path / "p")], check=True
    )
    image = next(tmp_path.glob("p*.png"))
    result = subprocess.run(
        [shutil.which("zbarimg") or "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line]
