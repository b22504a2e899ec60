"""Test data for every app, in one place: plain functions that create real rows.

Personas (caseworker, colleague, volunteer, …) are fixtures in tests/conftest.py; the builders here
take them as arguments. Names, phone numbers and BG numbers are unique per call unless given.
"""

import datetime
import hashlib
import io
import itertools
import shutil
import subprocess
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from authorisations import services as authorisation_services
from authorisations.models import Authorisation, AuthorisationPdf, KjcBranch
from cases.models import (
    Case,
    Client,
    ClientLanguage,
    ClientSearchTerm,
    Consent,
    Document,
    Household,
    Language,
    Municipality,
    search,
)
from offers.models import Offer
from volunteers.models import Appointment, Assignment, Volunteer, VolunteerLanguage

PASSWORD = "Sicheres-Testpasswort-2026"
TODAY = timezone.localdate
_counter = itertools.count(1)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def born(years: int, *, months: int = 0) -> dict:
    """Birth fields for somebody who is `years` old today (born `months` months before that)."""
    day = timezone.localdate()
    year, month = day.year - years, day.month - months
    while month < 1:
        month += 12
        year -= 1
    return {"birth_year": year, "birth_month": month, "birth_day": 1}


# ------------------------------------------------------------------------------------- accounts


def make_user(email: str, role: str, name: str = "") -> User:
    user = User(email=email, full_name=name or email.split("@")[0].title(), role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


# ---------------------------------------------------------------------------------------- cases


def make_client(caseworker=None, *, years: int | None = None, case_status: str | None = None, **fields) -> Client:
    """A client; with `caseworker`, an open case of theirs (status as the intake creates it unless
    `case_status`). `years` sets the birth fields for that age."""
    n = next(_counter)
    fields.setdefault("given_names", f"Amal{n}")
    fields.setdefault("family_name", f"Nasser{n}")
    fields.setdefault("phone", f"+49 6062 12{n:04d}")
    if years is not None:
        fields.update(born(years))
    else:
        fields.setdefault("birth_year", 1990)
    client = Client.objects.create(**fields)
    if caseworker is not None:
        Case.objects.create(client=client, caseworker=caseworker, **({"status": case_status} if case_status else {}))
    return client


def make_principal(
    caseworker=None,
    *,
    family_name="Al-Hassan",
    given_names="Mariam",
    birth_year=1988,
    language: str | None = "ar",
    **fields,
) -> Client:
    """A client with everything a Vollmacht prints: address, household, KJC number, a language."""
    number = 10_000 + next(_counter)
    municipality, _ = Municipality.objects.get_or_create(name="Michelstadt")
    client = make_client(
        caseworker,
        case_status=Case.Status.ACTIVE,
        family_name=family_name,
        given_names=given_names,
        birth_year=birth_year,
        **{
            "birth_day": 3,
            "birth_month": 7,
            "phone": "",
            "street": "Bahnhofstraße 12",
            "postcode": "64720",
            "municipality": municipality,
            "kjc_customer_number": f"123D{number}",
            "household": make_household(f"06431BG00{number:05d}"),
            **fields,
        },
    )
    if language:
        speak(client, language, level=None)
    return client


def speak(client, code, level="native"):
    ClientLanguage.objects.create(
        client=client, language=Language.objects.get(code=code), **({"level": level} if level else {})
    )


def make_household(number: str | None = None) -> Household:
    return Household.objects.create(bg_number=number or f"06437BG{next(_counter):07d}")


def make_many_clients(caseworker, n: int, household=None) -> list[Client]:
    """Fast bulk creation for query-count tests (search documents computed as save() would)."""
    municipality, _ = Municipality.objects.get_or_create(name="Erbach")
    clients = [
        Client(
            family_name=f"Name{i}",
            given_names="Test",
            birth_year=1980 + i % 30,
            municipality=municipality,
            household=household,
            search_document=search.document(f"Name{i}", "Test"),
        )
        for i in range(n)
    ]
    Client.objects.bulk_create(clients)
    ClientSearchTerm.objects.bulk_create(
        ClientSearchTerm(client=c, term=term, family_name=c.family_name, given_names=c.given_names)
        for c in clients
        for term in search.terms(*c.search_texts())
    )
    Case.objects.bulk_create([Case(client=c, caseworker=caseworker) for c in clients])
    return clients


def make_document(client, user, *, title="Pass") -> Document:
    """A stored PDF document of the client (five bytes of PDF; uploads are tested with real files)."""
    document = Document(
        client=client,
        title=title,
        original_name="a.pdf",
        content_type="application/pdf",
        size=5,
        sha256="",
        uploaded_by=user,
    )
    document.file.save("x", ContentFile(b"%PDF-"), save=False)
    document.save()
    return document


def give_consent(client, provider, user, **extra) -> Consent:
    """The client's consent to share identity and contact data with an offer's provider."""
    return Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.PROVIDER,
        recipient_provider=provider,
        data_categories=["identity", "contact"],
        purpose="Anmeldung beim Träger",
        created_by=user,
        given_on=extra.pop("given_on", TODAY() - days(10)),
        **extra,
    )


def volunteer_consent(client, volunteer, *, created_by, **fields) -> Consent:
    """The client's consent to share identity and contact data with a volunteer."""
    fields.setdefault("given_on", TODAY() - days(10))
    fields.setdefault("data_categories", ["identity", "contact"])
    fields.setdefault("purpose", "Begleitung")
    return Consent.objects.create(
        client=client,
        recipient_kind=Consent.RecipientKind.VOLUNTEER,
        recipient_volunteer=volunteer,
        created_by=created_by,
        **fields,
    )


# --------------------------------------------------------------------------------------- offers


def make_offer(provider, category, municipality=None, **fields) -> Offer:
    defaults = {
        "title": "Schwimmkurs für Mädchen",
        "description": "Schwimmen lernen.",
        "active_from": TODAY() - days(30),
        "fee": Decimal("0"),
    }
    return Offer.objects.create(
        provider=provider, category=category, municipality=municipality, **{**defaults, **fields}
    )


# ----------------------------------------------------------------------------------- volunteers


def make_volunteer(user=None, *, inspected_by=None, languages=(), municipalities=(), **fields) -> Volunteer:
    """A volunteer; with `inspected_by`, active and assignable (police certificate inspected by that
    user, confidentiality signed)."""
    n = next(_counter)
    fields.setdefault("given_names", f"Vera{n}")
    fields.setdefault("family_name", f"Helfer{n}")
    fields.setdefault("email", user.email if user else f"helper{n}@example.org")
    if inspected_by is not None:
        today = TODAY()
        fields.setdefault("status", Volunteer.Status.ACTIVE)
        fields.setdefault("police_certificate_issued_on", today - days(60))
        fields.setdefault("police_certificate_inspected_on", today - days(30))
        fields.setdefault("police_certificate_inspected_by", inspected_by)
        fields.setdefault("police_certificate_result", Volunteer.PoliceCertificateResult.CLEAR)
        fields.setdefault("confidentiality_signed_on", today - days(30))
    volunteer = Volunteer.objects.create(user=user, **fields)
    for code, level in languages:
        VolunteerLanguage.objects.create(volunteer=volunteer, language=Language.objects.get(code=code), level=level)
    volunteer.municipalities.set(municipalities)
    return volunteer


def make_agent(user=None, *, family_name="Schneider", given_names="Erika", **fields) -> Volunteer:
    """A volunteer with everything a Vollmacht prints about its agent."""
    return make_volunteer(
        user,
        family_name=family_name,
        given_names=given_names,
        **{
            "email": "",
            "status": Volunteer.Status.ACTIVE,
            "date_of_birth": datetime.date(1956, 4, 2),
            "street": "Am Kirchberg 3",
            "postcode": "64711",
            "town": "Erbach",
            **fields,
        },
    )


def assign(volunteer, client, *, created_by, start=None, end=None, kind=Assignment.Kind.ACCOMPANIMENT) -> Assignment:
    return Assignment.objects.create(
        volunteer=volunteer,
        client=client,
        kind=kind,
        start_on=start or TODAY() - days(10),
        end_on=end,
        created_by=created_by,
    )


def make_appointment(record, client, *, in_days=3, place="KJC Erbach, Zimmer 12", cancelled=False) -> Appointment:
    starts = timezone.make_aware(datetime.datetime.combine(TODAY() + days(in_days), datetime.time(10, 30)))
    return Appointment.objects.create(
        client=client,
        volunteer=record,
        starts_at=starts,
        place=place,
        cancelled_at=timezone.now() if cancelled else None,
    )


def grant_portal_access(client, volunteer_record, creator):
    """What the portal requires before a volunteer sees a client: an active assignment and a valid
    consent naming the volunteer."""
    assign(volunteer_record, client, created_by=creator, start=TODAY() - days(30))
    volunteer_consent(
        client,
        volunteer_record,
        created_by=creator,
        data_categories=["identity", "contact", "benefits"],
        purpose="Begleitung zum KJC",
        given_on=TODAY() - days(30),
    )


# ------------------------------------------------------------------------------- authorisations


def make_branch(**fields) -> KjcBranch:
    fields.setdefault("name", "Kommunales Job-Center Odenwaldkreis, Erbach")
    fields.setdefault("street", "Michelstädter Straße 12")
    fields.setdefault("postcode", "64711")
    fields.setdefault("town", "Erbach")
    return KjcBranch.objects.create(**fields)


def make_authorisation(principal, agent, creator, branch, *, status="draft", **content) -> Authorisation:
    """A Vollmacht in `status`, set directly on the model (no PDF is rendered; use `printed()` for that)."""
    values = {
        "kjc_branch": branch,
        "scopes": ["information", "applications", "documents"],
        "valid_from": TODAY() - days(10),
        "language": "ar",
    }
    values.update(content)
    authorisation = Authorisation.objects.create(principal=principal, agent=agent, created_by=creator, **values)
    if status in ("printed", "signed", "handed_over", "revoked"):
        authorisation.status = "printed"
        authorisation.printed_at = timezone.now() - days(2)
    if status in ("signed", "handed_over", "revoked"):
        authorisation.status = "signed"
        authorisation.signed_on = TODAY() - days(1)
        authorisation.original_holder = Authorisation.Holder.OFFICE
    authorisation.save()
    if status == "handed_over":
        authorisation_services.create_handover(
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


def store_pdf(authorisation, creator, kind="authorisation", pdf=b"%PDF-1.7 made up") -> AuthorisationPdf:
    """A stored document of the Vollmacht's current version, with made-up bytes (rendering is tested
    with `printed()`): enough for the pages and URLs that serve it."""
    return AuthorisationPdf.objects.create(
        authorisation=authorisation,
        kind=kind,
        version=authorisation.version,
        pdf=pdf,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=creator,
    )


def printed(authorisation, user):
    authorisation_services.print_authorisation(authorisation=authorisation, user=user, base_url="http://testserver")
    authorisation.refresh_from_db()
    return authorisation


def signed(authorisation, user):
    printed(authorisation, user)
    authorisation_services.mark_signed(authorisation=authorisation, user=user, signed_on=TODAY(), holder="office")
    authorisation.refresh_from_db()
    return authorisation


# ------------------------------------------------------------------------------ reading results


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
