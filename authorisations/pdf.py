"""The documents of the authorisations app (tagged PDF/A, like every document): the Vollmacht itself (German, binding, plus a
working translation), the revocation notice for the KJC and the handover sheet.

All rendering goes through `wir_fallmanagement.pdf.render_pdf` (static-only URL fetcher, vendored
fonts). The QR code is inline SVG, so nothing is fetched for it either.
"""

import datetime

import segno
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wir_fallmanagement import district
from wir_fallmanagement.pdf import html_to_pdf, render_html, render_pdf
from wir_fallmanagement.pdf_filters import isolate

from . import texts
from .models import Authorisation, Scope


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def qr_svg(url: str) -> str:
    """The verification URL as a QR code, inline SVG (error correction M, survives a stamp or crease).
    Its `<title>` becomes the figure's alternative text in the tagged PDF."""
    code = segno.make(url, error="m", micro=False)
    return mark_safe(code.svg_inline(scale=2.2, border=0, title=f"QR-Code der Prüfseite: {url}"))  # noqa: S308  # nosec B308 B703 -- our own SVG


def _join(*parts) -> str:
    return ", ".join(p for p in parts if p)


def principal_fields(client) -> dict:
    household = client.household
    municipality = client.municipality
    return {
        "name": _join(client.family_name, client.given_names),
        "name_original": client.full_name_original,  # in its own script, in its natural order
        "date_of_birth": client.date_of_birth_display,
        "address": _join(client.street, f"{client.postcode} {municipality.name if municipality else ''}".strip()),
        "customer_number": client.kjc_customer_number,
        "bg_number": household.bg_number if household else "",
    }


def agent_fields(volunteer) -> dict:
    return {
        "name": _join(volunteer.family_name, volunteer.given_names),
        "date_of_birth": _date(volunteer.date_of_birth),
        "address": _join(volunteer.street, f"{volunteer.postcode} {volunteer.town}".strip()),
    }


def document_text(text: dict, authorisation: Authorisation, *, created_on: datetime.date) -> dict:
    """One language's text with the values of this Vollmacht filled in (values escaped)."""
    doc = dict(text)
    values = {
        "valid_from": isolate(_date(authorisation.valid_from)),
        "valid_until": isolate(_date(authorisation.valid_until)),
        "number": isolate(authorisation.pk or 0),
        "version": isolate(authorisation.version),
        "date": isolate(_date(created_on)),
    }
    key = "valid_until_date" if authorisation.valid_until else "valid_until_revoked"
    doc["validity"] = format_html(text[key], **values)
    doc["document_label"] = format_html(text["document_label"], **values)
    # A guardian is recorded only for minors: then the guardian grants and signs.
    minor = bool(authorisation.guardian_name)
    doc["grant_text"] = text["grant_minor"] if minor else text["grant"]
    doc["sign_principal_label"] = text["sign_principal_minor"] if minor else text["sign_principal"]
    doc["scope_rows"] = []
    for code in Scope.values:
        title, explanation = text[f"scope_{code}"]
        doc["scope_rows"].append(
            {"code": code, "granted": code in authorisation.scopes, "title": title, "text": explanation}
        )
    return doc


def authorisation_context(
    authorisation: Authorisation, *, verify_url: str, entry_url: str, draft: bool = False
) -> dict:
    created_on = timezone.localdate()
    language = texts.translation(authorisation.language)
    branch = authorisation.kjc_branch
    return {
        "a": authorisation,
        "draft": draft,
        "principal": principal_fields(authorisation.principal),
        "agent": agent_fields(authorisation.agent),
        "authority": _join(branch.name, branch.address) if branch else "",
        "de": document_text(texts.GERMAN.text, authorisation, created_on=created_on),
        "translation": document_text(language.text, authorisation, created_on=created_on) if language else None,
        "translation_lang": language,
        "body_template": "authorisations/pdf/_authorisation_body.html",
        "qr": qr_svg(verify_url),
        "verify_url": verify_url,
        "entry_url": entry_url,
        "short_code": authorisation.short_code,
        "objection": Scope.OBJECTION in authorisation.scopes,
    }


def authorisation_title(authorisation: Authorisation) -> str:
    return f"Vollmacht Nr. {authorisation.pk} (Fassung {authorisation.version})"


def authorisation_html(authorisation: Authorisation, *, verify_url: str, entry_url: str, draft=False) -> str:
    context = authorisation_context(authorisation, verify_url=verify_url, entry_url=entry_url, draft=draft)
    return render_html("authorisations/pdf/authorisation.html", context, title=authorisation_title(authorisation))


def render_authorisation(authorisation: Authorisation, *, verify_url: str, entry_url: str, draft=False) -> bytes:
    html = authorisation_html(authorisation, verify_url=verify_url, entry_url=entry_url, draft=draft)
    return html_to_pdf(html)


def render_revocation_notice(authorisation: Authorisation) -> bytes:
    context = {
        "a": authorisation,
        "principal": principal_fields(authorisation.principal),
        "agent": agent_fields(authorisation.agent),
        "authority": authorisation.kjc_branch,
        "scopes": authorisation.scope_labels,
        "today": timezone.localdate(),
        "district": district.current().name,
    }
    return render_pdf(
        "authorisations/pdf/revocation.html",
        context,
        title=f"Widerruf der Vollmacht Nr. {authorisation.pk}",
        lang="de",
    )


def handover_html(handover, authorisations, consents) -> str:
    """The handover sheet's HTML: made by the page to find the PDF and by the task worker to render
    it (wir_fallmanagement.documents)."""
    rows = [
        {"a": a, "principal": principal_fields(a.principal), "agent": agent_fields(a.agent)} for a in authorisations
    ]
    context = {"handover": handover, "rows": rows, "consents": consents}
    with translation.override("de"):
        return render_html(
            "authorisations/pdf/handover.html", context, title=f"Übergabeprotokoll Nr. {handover.pk}", lang="de"
        )


def render_handover(handover, authorisations, consents) -> bytes:
    return html_to_pdf(handover_html(handover, authorisations, consents))
