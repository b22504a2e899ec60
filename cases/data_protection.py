"""Classification of the cases app's fields (see wir_fallmanagement/data_protection.py).

"client": the record goes (or is anonymised) when the client's period has passed — privacy.retention
decides when; the rows keep only what the statistics count (Rule.KEEP, Rule.COARSEN)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import (
    AccessLog,
    Case,
    Client,
    ClientLanguage,
    ClientSearchTerm,
    Consent,
    Contact,
    Document,
    FollowUp,
    Goal,
    Household,
    Language,
    ListExport,
    Municipality,
    OpenCaseCount,
)

CASE_WORK = "Fallmanagement nach dem WIR-Programm: Begleitung geflüchteter Menschen (§ 16a, § 16h SGB II; § 67a ff. SGB X; Art. 6 Abs. 1 lit. e DSGVO)"

CLASSIFICATION = {
    Municipality: ModelRules(
        retention="",
        purpose="Stammdaten des Kreises.",
        fields=dict.fromkeys(("id", "name", "postcodes", "edit_version"), (C.PUBLIC, R.MASTER)),
    ),
    Language: ModelRules(
        retention="",
        purpose="Stammdaten.",
        fields=dict.fromkeys(
            ("id", "code", "name", "native_name", "is_rtl", "in_directory", "edit_version"), (C.PUBLIC, R.MASTER)
        ),
    ),
    Household: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Zuordnung zur Bedarfsgemeinschaft des KJC.",
        fields={
            "id": (C.TECHNICAL, R.DELETE),
            "edit_version": (C.TECHNICAL, R.DELETE),
            "bg_number": (C.BENEFITS, R.DELETE),
            "note": (C.CASE_WORK, R.DELETE),
            "created_at": (C.TECHNICAL, R.DELETE),
        },
    ),
    Client: ModelRules(
        retention="client",
        purpose=CASE_WORK,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "family_name": (C.IDENTITY, R.BLANK),
            "given_names": (C.IDENTITY, R.BLANK),
            "family_name_original": (C.IDENTITY, R.BLANK),
            "given_names_original": (C.IDENTITY, R.BLANK),
            "aliases": (C.IDENTITY, R.BLANK),
            "birth_day": (C.IDENTITY, R.BLANK),
            "birth_month": (C.IDENTITY, R.BLANK),
            "birth_year": (C.IDENTITY, R.COARSEN),
            "gender": (C.IDENTITY, R.KEEP),
            "nationalities": (C.RESIDENCE, R.KEEP),
            "interpreter_needed": (C.CASE_WORK, R.KEEP),
            "residence_status": (C.RESIDENCE, R.KEEP),
            "residence_valid_until": (C.RESIDENCE, R.BLANK),
            "street": (C.CONTACT, R.BLANK),
            "postcode": (C.CONTACT, R.BLANK),
            "municipality": (C.CONTACT, R.KEEP),
            "phone": (C.CONTACT, R.BLANK),
            "email": (C.CONTACT, R.BLANK),
            "kjc_customer_number": (C.BENEFITS, R.BLANK),
            "household": (C.BENEFITS, R.BLANK),
            "household_relation": (C.BENEFITS, R.KEEP),
            "search_document": (C.IDENTITY, R.BLANK),
            "restricted_at": (C.TECHNICAL, R.BLANK),
            "anonymised_at": (C.TECHNICAL, R.KEEP),
            "caseworker_ids": (C.TECHNICAL, R.KEEP),  # derived from the cases, which the anonymisation keeps
            "version": (C.TECHNICAL, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
            "updated_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    ClientSearchTerm: ModelRules(
        retention="client",
        purpose="Suchindex der Namen (abgeleitet aus der Akte, wird bei jeder Änderung neu geschrieben).",
        fields={
            "client": (C.TECHNICAL, R.DELETE),
            "term": (C.IDENTITY, R.DELETE),
            "family_name": (C.IDENTITY, R.DELETE),
            "given_names": (C.IDENTITY, R.DELETE),
            "caseworker_ids": (C.TECHNICAL, R.DELETE),
        },
    ),
    OpenCaseCount: ModelRules(
        retention="",
        purpose="Zahl offener Fälle je Fallmanager:in und Status für die Übersicht (aus den Fällen abgeleitet).",
        fields=dict.fromkeys(("id", "caseworker", "status", "n"), (C.TECHNICAL, R.KEEP)),
    ),
    ClientLanguage: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Verständigung und Vermittlung von Sprachmittlung.",
        fields=dict.fromkeys(("id", "client", "language", "level"), (C.CASE_WORK, R.DELETE)),
    ),
    Case: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Zählung abgeschlossener Fälle für den Verwendungsnachweis.",
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "caseworker": (C.STAFF, R.KEEP),
            "status": (C.CASE_WORK, R.KEEP),
            "opened_on": (C.CASE_WORK, R.KEEP),
            "closed_on": (C.CASE_WORK, R.KEEP),
            "closing_reason": (C.CASE_WORK, R.KEEP),
            "closing_note": (C.CASE_WORK, R.BLANK),
            "topics": (C.CASE_WORK, R.KEEP),
        },
    ),
    Contact: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Nachweis der Beratung.",
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "author": (C.STAFF, R.KEEP),
            "from_volunteer": (C.CASE_WORK, R.KEEP),
            "date": (C.CASE_WORK, R.KEEP),
            "duration_minutes": (C.CASE_WORK, R.KEEP),
            "channel": (C.CASE_WORK, R.KEEP),
            "with_interpreter": (C.CASE_WORK, R.KEEP),
            "topics": (C.CASE_WORK, R.KEEP),
            "note": (C.HEALTH, R.BLANK),
            "created_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    FollowUp: ModelRules(
        retention="client",
        purpose=CASE_WORK,
        fields=dict.fromkeys(
            ("id", "client", "owner", "due_on", "text", "done_at", "done_by", "created_at"), (C.CASE_WORK, R.DELETE)
        ),
    ),
    Goal: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Integrationsplan.",
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "title": (C.CASE_WORK, R.BLANK),
            "topic": (C.CASE_WORK, R.KEEP),
            "description": (C.HEALTH, R.BLANK),
            "status": (C.CASE_WORK, R.KEEP),
            "target_date": (C.CASE_WORK, R.KEEP),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    Document: ModelRules(
        retention="client",
        purpose=CASE_WORK + "; Nachweise und unterschriebene Erklärungen (Datei im Speicher wird mitgelöscht).",
        fields={
            "id": (C.TECHNICAL, R.DELETE),
            "client": (C.TECHNICAL, R.DELETE),
            "title": (C.CASE_WORK, R.DELETE),
            "kind": (C.CASE_WORK, R.DELETE),
            "file": (C.HEALTH, R.DELETE),
            "original_name": (C.CASE_WORK, R.DELETE),
            "content_type": (C.TECHNICAL, R.DELETE),
            "size": (C.TECHNICAL, R.DELETE),
            "sha256": (C.TECHNICAL, R.DELETE),
            "uploaded_by": (C.STAFF, R.DELETE),
            "uploaded_at": (C.TECHNICAL, R.DELETE),
        },
    ),
    Consent: ModelRules(
        retention="consent",
        purpose="Einwilligung in die Übermittlung (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO, § 67b SGB X); "
        "Nachweis nach Art. 7 Abs. 1 DSGVO.",
        fields={
            "id": (C.TECHNICAL, R.DELETE),
            "client": (C.TECHNICAL, R.DELETE),
            "recipient_kind": (C.CASE_WORK, R.DELETE),
            "recipient_volunteer": (C.CASE_WORK, R.DELETE),
            "recipient_provider": (C.CASE_WORK, R.DELETE),
            "recipient_name": (C.CASE_WORK, R.DELETE),
            "data_categories": (C.CASE_WORK, R.DELETE),
            "purpose": (C.CASE_WORK, R.DELETE),
            "form": (C.CASE_WORK, R.DELETE),
            "co_signed_by_guardian": (C.CASE_WORK, R.DELETE),
            "given_on": (C.CASE_WORK, R.DELETE),
            "valid_until": (C.CASE_WORK, R.DELETE),
            "revoked_on": (C.CASE_WORK, R.DELETE),
            "revocation_note": (C.CASE_WORK, R.DELETE),
            "scan": (C.CASE_WORK, R.DELETE),
            "created_by": (C.STAFF, R.DELETE),
            "created_at": (C.TECHNICAL, R.DELETE),
        },
    ),
    AccessLog: ModelRules(
        retention="access_log",
        purpose="Protokollierung lesender Zugriffe (Art. 5 Abs. 2, Art. 32 DSGVO; § 78a SGB X).",
        fields=dict.fromkeys(("id", "at", "user", "client", "action", "target"), (C.TECHNICAL, R.DELETE)),
    ),
    ListExport: ModelRules(
        retention="technical",
        purpose=(
            "Listen-Export (CSV/XLSX) zum Herunterladen durch die anfordernde Person; "
            "wird nach WIR_EXPORT_KEEP_HOURS (Standard 24 Stunden) täglich gelöscht."
        ),
        fields={
            **dict.fromkeys(
                ("id", "requested_by", "list_name", "params", "file_format", "status", "done", "total", "created_at")
                + ("finished_at", "expires_at"),
                (C.TECHNICAL, R.DELETE),
            ),
            "data": (C.IDENTITY, R.DELETE),
        },
    ),
}
