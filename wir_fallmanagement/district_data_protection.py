"""Classification of the district's own master data (wir_fallmanagement.models.District), kept apart
from wir_fallmanagement/data_protection.py, which only declares the vocabulary and is imported by
every app's models."""

from .data_protection import Category as C
from .data_protection import ModelRules
from .data_protection import Rule as R
from .models import District

CLASSIFICATION = {
    District: ModelRules(
        retention="",
        purpose="Stammdaten des Kreises: Name und Logo auf Seiten und Dokumenten.",
        fields=dict.fromkeys(
            ("id", "name", "logo", "logo_content_type", "logo_sha256", "updated_at", "edit_version"),
            (C.PUBLIC, R.MASTER),
        ),
    ),
}
