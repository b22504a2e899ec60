"""Classification of the accounts app's fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import SubmittedForm, User

CLASSIFICATION = {
    User: ModelRules(
        retention="volunteer",
        purpose="Anmeldung und Zuordnung von Änderungen (Art. 6 Abs. 1 lit. c/e DSGVO, Art. 32 DSGVO); "
        "Konten von Ehrenamtlichen werden mit deren Daten anonymisiert, Konten von Beschäftigten deaktiviert.",
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "password": (C.TECHNICAL, R.BLANK),
            "last_login": (C.TECHNICAL, R.BLANK),
            "is_superuser": (C.TECHNICAL, R.KEEP),
            "email": (C.STAFF, R.BLANK),
            "full_name": (C.STAFF, R.BLANK),
            "role": (C.STAFF, R.KEEP),
            "is_active": (C.TECHNICAL, R.KEEP),
            "language": (C.TECHNICAL, R.KEEP),
            "oidc_subject": (C.STAFF, R.BLANK),
            "date_joined": (C.TECHNICAL, R.KEEP),
            "groups": (C.TECHNICAL, R.KEEP),
            "user_permissions": (C.TECHNICAL, R.KEEP),
        },
    ),
    SubmittedForm: ModelRules(
        retention="technical",
        purpose="Schutz vor doppelt gesendeten Formularen.",
        fields={
            "id": (C.TECHNICAL, R.DELETE),
            "token": (C.TECHNICAL, R.DELETE),
            "user": (C.TECHNICAL, R.DELETE),
            "redirect_to": (C.TECHNICAL, R.DELETE),
            "created_at": (C.TECHNICAL, R.DELETE),
        },
    ),
}
