"""Classification of the reports app's fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import ReminderMail

CLASSIFICATION = {
    ReminderMail: ModelRules(
        retention="technical",
        purpose="Tägliche Erinnerung an Beschäftigte, höchstens einmal am Tag.",
        fields=dict.fromkeys(("id", "user", "day", "created_at"), (C.TECHNICAL, R.DELETE)),
    ),
}
