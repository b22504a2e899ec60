"""The consent form (Einwilligung in die Datenübermittlung) as a tagged PDF/A: German (binding,
signed) plus a working translation in one of the twelve languages of the Vollmacht, prefilled from
the consent record. Rendered through `wir_fallmanagement.pdf.render_pdf` like every document.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import format_html

from wir_fallmanagement.pdf import html_to_pdf, render_html
from wir_fallmanagement.pdf_filters import isolate

from .consent_texts import TEXTS
from .models import Consent, DataCategory

#: From this age a minor signs the consent alongside the guardian (and alone after 18).
MINOR_SIGNS_FROM = 15


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def signers(consent: Consent) -> str:
    """Who signs: "adult", "minor" (15–17: the minor and the guardian) or "child" (the guardian)."""
    client = consent.client
    if not client.birth_year:
        return "adult"
    age = client.age_on(consent.given_on)
    if age >= 18:
        return "adult"
    return "minor" if age >= MINOR_SIGNS_FROM else "child"


def _recipient(text: dict, consent: Consent) -> str:
    kind = consent.recipient_kind
    if kind == Consent.RecipientKind.KJC:
        return text["recipient_kjc"]
    name = {
        Consent.RecipientKind.VOLUNTEER: lambda: str(consent.recipient_volunteer),
        Consent.RecipientKind.PROVIDER: lambda: str(consent.recipient_provider),
        Consent.RecipientKind.OTHER: lambda: consent.recipient_name,
    }[kind]()
    return format_html(text[f"recipient_{kind}"], name=isolate(name))


def consent_text(text: dict, consent: Consent, *, created_on: datetime.date) -> dict:
    """One language's text with the values of this consent filled in (values escaped)."""
    values = {"given_on": isolate(_date(consent.given_on)), "valid_until": isolate(_date(consent.valid_until))}
    key = "valid_until_date" if consent.valid_until else "valid_until_revoked"
    return {
        **text,
        "sender": format_html(text["sender"], district=isolate(settings.WIR_DISTRICT_NAME)),
        "recipient": _recipient(text, consent),
        "validity": format_html(text[key], **values),
        "document_label": format_html(
            text["document_label"], number=isolate(consent.pk or 0), date=isolate(_date(created_on))
        ),
        # in the order of the model's choices, whatever order they were ticked in
        "data": [text[f"data_{code}"] for code in DataCategory.values if code in consent.data_categories],
    }


def consent_form_context(consent: Consent, lang: str) -> dict:
    created_on = timezone.localdate()
    client = consent.client
    language = TEXTS.translation(lang)
    return {
        "consent": consent,
        "person": {
            "name": ", ".join(p for p in (client.family_name, client.given_names) if p),
            "name_original": client.full_name_original,
            "date_of_birth": client.date_of_birth_display,
            "address": ", ".join(
                p
                for p in (client.street, f"{client.postcode} {client.municipality.name if client.municipality else ''}")
                if p.strip()
            ),
        },
        "signers": signers(consent),
        "health": DataCategory.HEALTH in consent.data_categories,
        "de": consent_text(TEXTS.german.text, consent, created_on=created_on),
        "translation": consent_text(language.text, consent, created_on=created_on) if language else None,
        "translation_lang": language,
        "body_template": "cases/pdf/_consent_body.html",
    }


def consent_form_title(consent: Consent) -> str:
    return f"Einwilligung in die Datenübermittlung Nr. {consent.pk}"


def consent_form_html(consent: Consent, lang: str = "") -> str:
    """The form's HTML: made by the page to find the PDF and by the task worker to render it
    (wir_fallmanagement.documents), the same in both, whatever language the user reads."""
    with translation.override("de"):
        return render_html(
            "cases/pdf/consent_form.html", consent_form_context(consent, lang), title=consent_form_title(consent)
        )


def render_consent_form(consent: Consent, lang: str = "") -> bytes:
    """The form for `consent`, with the working translation in `lang` ("" = German only)."""
    return html_to_pdf(consent_form_html(consent, lang))
