"""Classification of the authorisations app's fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import Authorisation, AuthorisationPdf, Handover, KjcBranch, PrintJob

AUTHORISATION = "Vollmacht nach § 13 SGB X für Ehrenamtliche gegenüber dem KJC; Nachweis der Bevollmächtigung."
HANDOVER = "Übergabe unterschriebener Vollmachten und Einwilligungen an das KJC (Empfangsnachweis)."

CLASSIFICATION = {
    KjcBranch: ModelRules(
        retention="",
        purpose="Stammdaten: Dienststellen des KJC.",
        fields=dict.fromkeys(
            ("id", "name", "street", "postcode", "town", "is_active", "edit_version"), (C.PUBLIC, R.MASTER)
        ),
    ),
    Handover: ModelRules(
        retention="client",
        purpose=HANDOVER,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "kjc_branch": (C.CASE_WORK, R.KEEP),
            "team": (C.CASE_WORK, R.KEEP),
            "handed_over_on": (C.CASE_WORK, R.KEEP),
            "note": (C.CASE_WORK, R.BLANK),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
            "consents": (C.CASE_WORK, R.DELETE),
        },
    ),
    Authorisation: ModelRules(
        retention="authorisation",
        purpose=AUTHORISATION,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "edit_version": (C.TECHNICAL, R.KEEP),
            "principal": (C.TECHNICAL, R.KEEP),
            "agent": (C.CASE_WORK, R.KEEP),
            "status": (C.CASE_WORK, R.KEEP),
            "valid_from": (C.CASE_WORK, R.KEEP),
            "valid_until": (C.CASE_WORK, R.KEEP),
            "token": (C.TECHNICAL, R.KEEP),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
            "kjc_branch": (C.CASE_WORK, R.KEEP),
            "guardian_name": (C.IDENTITY, R.BLANK),
            "scopes": (C.CASE_WORK, R.KEEP),
            "rdg_acknowledged": (C.CASE_WORK, R.KEEP),
            "exclusions": (C.CASE_WORK, R.BLANK),
            "language": (C.CASE_WORK, R.KEEP),
            "short_code": (C.TECHNICAL, R.KEEP),
            "version": (C.TECHNICAL, R.KEEP),
            "printed_at": (C.CASE_WORK, R.KEEP),
            "signed_on": (C.CASE_WORK, R.KEEP),
            "signed_recorded_by": (C.STAFF, R.KEEP),
            "signed_scan": (C.CASE_WORK, R.BLANK),
            "original_holder": (C.CASE_WORK, R.KEEP),
            "original_held_since": (C.CASE_WORK, R.KEEP),
            "handover": (C.CASE_WORK, R.KEEP),
            "revoked_on": (C.CASE_WORK, R.KEEP),
            "revoked_declared_by": (C.CASE_WORK, R.KEEP),
            "revocation_reason": (C.CASE_WORK, R.BLANK),
            "revoked_recorded_by": (C.STAFF, R.KEEP),
            "revoked_at": (C.CASE_WORK, R.KEEP),
            "revocation_sent_on": (C.CASE_WORK, R.KEEP),
            "revocation_received_on": (C.CASE_WORK, R.KEEP),
            "expired_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    AuthorisationPdf: ModelRules(
        retention="authorisation",
        purpose=AUTHORISATION + " Gedruckte Fassung, unverändert gespeichert.",
        fields=dict.fromkeys(
            (
                "id",
                "authorisation",
                "kind",
                "version",
                "token",
                "short_code",
                "pdf",
                "size",
                "sha256",
                "created_by",
                "created_at",
            ),
            (C.IDENTITY, R.DELETE),
        ),
    ),
    PrintJob: ModelRules(
        retention="handover_bundle",
        purpose=HANDOVER + " Druckfassung des Übergabeprotokolls mit allen Vollmachten.",
        fields=dict.fromkeys(
            ("id", "handover", "requested_by", "status", "done", "total", "pdf", "created_at", "finished_at"),
            (C.IDENTITY, R.DELETE),
        ),
    ),
}
