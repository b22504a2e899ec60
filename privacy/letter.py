"""The information letter (Art. 15 GDPR) as a PDF: German, plus the client's language where it is
one of the Vollmacht's twelve and a translation exists (privacy/letter_texts.py), right to left
where the language needs it — the same fonts and language metadata as the Vollmacht."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation

from authorisations.models import Authorisation, Handover
from authorisations.texts import TRANSLATIONS
from cases.models import Client, Consent, LanguageLevel
from wir_fallmanagement.pdf import html_to_pdf, render_html

from . import letter_texts
from .models import RetentionPeriod
from .registry import CLASSIFICATION

LEVEL_ORDER = [LanguageLevel.NATIVE, LanguageLevel.FLUENT, LanguageLevel.GOOD, LanguageLevel.BASIC]


def letter_language(client: Client):
    """The client's best language with a translated letter, or None (German only)."""
    spoken = sorted(client.languages.select_related("language"), key=lambda cl: LEVEL_ORDER.index(cl.level))
    for entry in spoken:
        code = entry.language.code
        if code in TRANSLATIONS and code in letter_texts.TRANSLATIONS:
            return TRANSLATIONS[code]
    return None


def _fill(text: dict, values: dict) -> dict:
    return {
        key: [line.format(**values) for line in value] if isinstance(value, list) else value.format(**values)
        for key, value in text.items()
        if key not in ("consent_line", "until", "handover_line")
    }


def _stored_fields(client: Client) -> list[tuple[str, str]]:
    """(label, value) of every field of the person's record that holds something."""
    rows = []
    for name in CLASSIFICATION[Client].fields:
        field = Client._meta.get_field(name)
        internal = ("id", "search_document", "caseworker_ids", "version", "created_at", "updated_at")
        if name in (*internal, "restricted_at", "anonymised_at"):
            continue  # technical copies and ids (caseworker_ids: internal user numbers, colleagues' too)
        if name == "nationalities":
            value = ", ".join(str(country.name) for country in client.nationalities)
        elif isinstance(field, models.BooleanField):
            value = "ja" if getattr(client, name) else "nein"
        elif field.choices:
            value = getattr(client, f"get_{name}_display")()
        else:
            value = getattr(client, name)
        if value in (None, "", []):
            continue
        rows.append((str(field.verbose_name), str(value)))
    return rows


def _records(client: Client) -> list[tuple[str, int]]:
    related = [
        (client.cases, "cases.Case"),
        (client.contacts, "cases.Contact"),
        (client.followups, "cases.FollowUp"),
        (client.goals, "cases.Goal"),
        (client.documents, "cases.Document"),
        (client.consents, "cases.Consent"),
        (client.referrals, "offers.Referral"),
        (client.authorisations, "authorisations.Authorisation"),
    ]
    rows = []
    for manager, _label in related:
        count = manager.count()
        if count:
            rows.append((str(manager.model._meta.verbose_name_plural), count))
    return rows


def _recipients(client: Client, text: dict, fmt_date) -> list[str]:
    lines = []
    for consent in Consent.objects.filter(client=client).select_related("recipient_volunteer", "recipient_provider"):
        end = consent.revoked_on or consent.valid_until
        lines.append(
            text["consent_line"].format(
                recipient=consent.recipient_display,
                purpose=consent.purpose,
                given=fmt_date(consent.given_on),
                until=text["until"].format(date=fmt_date(end)) if end else "",
            )
        )
    handovers = Handover.objects.filter(
        Q(pk__in=Authorisation.objects.filter(principal=client).values("handover_id")) | Q(consents__client=client)
    ).distinct()
    for handover in handovers.order_by("handed_over_on", "pk"):
        lines.append(
            text["handover_line"].format(team=handover.get_team_display(), date=fmt_date(handover.handed_over_on))
        )
    return lines


def letter_context(client: Client) -> dict:
    today = timezone.localdate()

    def fmt_date(day):
        return day.strftime("%d.%m.%Y")

    months = RetentionPeriod.objects.months()
    values = {"district": settings.WIR_DISTRICT_NAME, "date": fmt_date(today), **months}
    language = letter_language(client)
    with translation.override("de"):
        de = _fill(letter_texts.GERMAN, values)
        stored, records = _stored_fields(client), _records(client)
        recipients_de = _recipients(client, letter_texts.GERMAN, fmt_date)
    translated = None
    if language:
        source = letter_texts.TRANSLATIONS[language.code]
        translated = {**_fill(source, values), "recipients": _recipients(client, source, fmt_date)}
    return {
        "client": client,
        "de": de,
        "stored": stored,
        "records": records,
        "recipients": recipients_de,
        "dpo": settings.WIR_DPO_CONTACT,
        "translation": translated,
        "translation_lang": language,
    }


def letter_html(client: Client) -> str:
    """The letter's HTML: made by the page to find the PDF and by the task worker to render it
    (wir_fallmanagement.documents), the same in both, whatever language the user reads."""
    with translation.override("de"):
        return render_html("privacy/pdf/information.html", letter_context(client), title=letter_texts.GERMAN["title"])


def render_letter(client: Client) -> bytes:
    return html_to_pdf(letter_html(client))
