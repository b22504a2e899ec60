"""Classification of the offers app's fields (see wir_fallmanagement/data_protection.py). Offers,
providers and the public directory hold no client data and have no deletion period."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import (
    ButApplication,
    ButExpense,
    ButRate,
    Category,
    DirectoryPdf,
    Offer,
    OfferTranslation,
    Provider,
    Referral,
)

DIRECTORY = (
    "Öffentliches Angebotsverzeichnis (Art. 6 Abs. 1 lit. e DSGVO); Ansprechpersonen der Träger als Dienstkontakt."
)
REFERRAL = "Vermittlung in Angebote (§ 16a SGB II, Einwilligung nach § 67b SGB X); Zählung für den Verwendungsnachweis."
BUT = "Beratung zu Leistungen für Bildung und Teilhabe (§ 28 SGB II); Zählung bewilligter Leistungen."

CLASSIFICATION = {
    Provider: ModelRules(
        retention="",
        purpose=DIRECTORY,
        fields={
            "id": (C.PUBLIC, R.MASTER),
            "edit_version": (C.TECHNICAL, R.MASTER),
            "name": (C.PUBLIC, R.MASTER),
            "kind": (C.PUBLIC, R.MASTER),
            "contact_person": (C.CONTACT, R.MASTER),
            "phone": (C.CONTACT, R.MASTER),
            "email": (C.CONTACT, R.MASTER),
            "website": (C.PUBLIC, R.MASTER),
            "address": (C.PUBLIC, R.MASTER),
            "note": (C.PUBLIC, R.MASTER),
            "created_at": (C.TECHNICAL, R.MASTER),
        },
    ),
    Category: ModelRules(
        retention="",
        purpose=DIRECTORY,
        fields=dict.fromkeys(("id", "name", "translations", "order", "edit_version"), (C.PUBLIC, R.MASTER)),
    ),
    Offer: ModelRules(
        retention="",
        purpose=DIRECTORY,
        fields={
            **dict.fromkeys(
                (
                    "id",
                    "edit_version",
                    "title",
                    "description",
                    "category",
                    "provider",
                    "municipality",
                    "address",
                    "min_age",
                    "max_age",
                    "gender",
                    "schedule",
                    "capacity",
                    "duration_months",
                    "fee",
                    "fee_note",
                    "but_eligible",
                    "but_category",
                    "active_from",
                    "active_until",
                    "created_at",
                    "updated_at",
                    "languages",
                ),
                (C.PUBLIC, R.MASTER),
            ),
            "contact_name": (C.CONTACT, R.MASTER),
            "contact_phone": (C.CONTACT, R.MASTER),
            "contact_email": (C.CONTACT, R.MASTER),
        },
    ),
    OfferTranslation: ModelRules(
        retention="",
        purpose=DIRECTORY,
        fields=dict.fromkeys(("id", "offer", "language", "title", "description", "schedule"), (C.PUBLIC, R.MASTER)),
    ),
    Referral: ModelRules(
        retention="client",
        purpose=REFERRAL,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "offer": (C.CASE_WORK, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "status": (C.CASE_WORK, R.KEEP),
            "note": (C.CASE_WORK, R.BLANK),
            "restriction_override_reason": (C.CASE_WORK, R.BLANK),
            "suggested_on": (C.CASE_WORK, R.KEEP),
            "registered_on": (C.CASE_WORK, R.KEEP),
            "waitlisted_at": (C.CASE_WORK, R.KEEP),
            "started_on": (C.CASE_WORK, R.KEEP),
            "ended_on": (C.CASE_WORK, R.KEEP),
            "planned_end_on": (C.CASE_WORK, R.KEEP),
            "outcome": (C.CASE_WORK, R.KEEP),
            "moved_up_at": (C.CASE_WORK, R.KEEP),
            "moved_up_seen_at": (C.TECHNICAL, R.KEEP),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
            "updated_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    ButRate: ModelRules(
        retention="",
        purpose="Stammdaten: monatlicher Teilhabebetrag.",
        fields=dict.fromkeys(("id", "category", "monthly_amount", "valid_from"), (C.PUBLIC, R.MASTER)),
    ),
    ButApplication: ModelRules(
        retention="client",
        purpose=BUT,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "child": (C.TECHNICAL, R.KEEP),
            "category": (C.BENEFITS, R.KEEP),
            "amount": (C.BENEFITS, R.KEEP),
            "status": (C.BENEFITS, R.KEEP),
            "advised_on": (C.BENEFITS, R.KEEP),
            "applied_on": (C.BENEFITS, R.KEEP),
            "decided_on": (C.BENEFITS, R.KEEP),
            "period_from": (C.BENEFITS, R.KEEP),
            "period_until": (C.BENEFITS, R.KEEP),
            "referral": (C.TECHNICAL, R.KEEP),
            "note": (C.BENEFITS, R.BLANK),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    ButExpense: ModelRules(
        retention="client",
        purpose=BUT,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "application": (C.TECHNICAL, R.KEEP),
            "spent_on": (C.BENEFITS, R.KEEP),
            "amount": (C.BENEFITS, R.KEEP),
            "purpose": (C.BENEFITS, R.BLANK),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    DirectoryPdf: ModelRules(
        retention="",
        purpose=DIRECTORY + " Gespeicherte PDF-Fassung, ohne Daten von Klient:innen.",
        fields=dict.fromkeys(
            ("id", "key", "lang", "query", "status", "pdf", "created_at", "finished_at"), (C.PUBLIC, R.MASTER)
        ),
    ),
}
