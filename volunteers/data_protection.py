"""Classification of the volunteers app's fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import Appointment, Assignment, Training, Volunteer, VolunteerLanguage

VOLUNTEERING = "Einsatz Ehrenamtlicher in der Begleitung (Art. 6 Abs. 1 lit. b und e DSGVO); Führungszeugnis nach § 72a SGB VIII entsprechend."
ACCOMPANIMENT = "Begleitung einer Klient:in durch Ehrenamtliche (Einwilligung, § 67b SGB X)."

CLASSIFICATION = {
    Volunteer: ModelRules(
        retention="volunteer",
        purpose=VOLUNTEERING,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "edit_version": (C.TECHNICAL, R.KEEP),
            "user": (C.TECHNICAL, R.KEEP),
            "family_name": (C.STAFF, R.BLANK),
            "given_names": (C.STAFF, R.BLANK),
            "email": (C.CONTACT, R.BLANK),
            "phone": (C.CONTACT, R.BLANK),
            "date_of_birth": (C.STAFF, R.BLANK),
            "street": (C.CONTACT, R.BLANK),
            "postcode": (C.CONTACT, R.BLANK),
            "town": (C.CONTACT, R.BLANK),
            "status": (C.STAFF, R.KEEP),
            "skills": (C.STAFF, R.BLANK),
            "availability_days": (C.STAFF, R.BLANK),
            "availability_note": (C.STAFF, R.BLANK),
            "lay_interpreter": (C.STAFF, R.KEEP),
            "police_certificate_issued_on": (C.STAFF, R.BLANK),
            "police_certificate_inspected_on": (C.STAFF, R.BLANK),
            "police_certificate_inspected_by": (C.STAFF, R.BLANK),
            "police_certificate_result": (C.STAFF, R.BLANK),
            "confidentiality_signed_on": (C.STAFF, R.BLANK),
            "note": (C.STAFF, R.BLANK),
            "invitation_nonce": (C.TECHNICAL, R.BLANK),
            "invited_at": (C.TECHNICAL, R.BLANK),
            "created_at": (C.TECHNICAL, R.KEEP),
            "municipalities": (C.STAFF, R.KEEP),
        },
    ),
    VolunteerLanguage: ModelRules(
        retention="volunteer",
        purpose=VOLUNTEERING,
        fields=dict.fromkeys(("id", "volunteer", "language", "level"), (C.STAFF, R.KEEP)),
    ),
    Training: ModelRules(
        retention="volunteer",
        purpose=VOLUNTEERING,
        fields=dict.fromkeys(("id", "volunteer", "title", "attended_on", "created_at"), (C.STAFF, R.DELETE)),
    ),
    Assignment: ModelRules(
        retention="client",
        purpose=ACCOMPANIMENT,
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "volunteer": (C.CASE_WORK, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "kind": (C.CASE_WORK, R.KEEP),
            "start_on": (C.CASE_WORK, R.KEEP),
            "end_on": (C.CASE_WORK, R.KEEP),
            "note": (C.CASE_WORK, R.BLANK),
            "created_by": (C.STAFF, R.KEEP),
            "created_at": (C.TECHNICAL, R.KEEP),
        },
    ),
    Appointment: ModelRules(
        retention="client",
        purpose=ACCOMPANIMENT,
        fields=dict.fromkeys(
            ("id", "client", "volunteer", "starts_at", "place", "note", "cancelled_at", "created_at"),
            (C.CASE_WORK, R.DELETE),
        ),
    ),
}
