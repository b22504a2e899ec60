"""Classification of the reports app's fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import FiguresChange, FiguresSnapshot, ReminderMail, YearlyNarrative, YearlyReportJob

YEARLY_REPORT = (
    "Sachbericht und Verwendungsnachweis für den Fördermittelgeber (WIR-Programm): nur Summen, "
    "kleine Zahlen als „< 3“; keine Angaben zu einzelnen Klient:innen."
)

CLASSIFICATION = {
    ReminderMail: ModelRules(
        retention="technical",
        purpose="Tägliche Erinnerung an Beschäftigte, höchstens einmal am Tag.",
        fields=dict.fromkeys(("id", "user", "day", "created_at"), (C.TECHNICAL, R.DELETE)),
    ),
    YearlyNarrative: ModelRules(
        retention="",
        purpose=YEARLY_REPORT,
        fields={
            **dict.fromkeys(("id", "year", "updated_at", "edit_version"), (C.TECHNICAL, R.KEEP)),
            "text": (C.CASE_WORK, R.KEEP),
            "updated_by": (C.STAFF, R.KEEP),
        },
    ),
    YearlyReportJob: ModelRules(
        retention="",
        purpose=YEARLY_REPORT,
        fields={
            **dict.fromkeys(
                ("id", "year", "status", "done", "total", "created_at", "finished_at"), (C.TECHNICAL, R.KEEP)
            ),
            "pdf": (C.CASE_WORK, R.KEEP),
            "xlsx": (C.CASE_WORK, R.KEEP),
            "requested_by": (C.STAFF, R.KEEP),
        },
    ),
    FiguresSnapshot: ModelRules(
        retention="technical",
        purpose=(
            "Statistik (ganzes Team, eigene Fälle einer Fallmanager:in, eingegrenzte Sicht), gespeichert, "
            "solange sie einer neuen Zählung gleicht: nur Summen; Umfang nennt nur Nutzer- und Kommunen-IDs."
        ),
        fields={
            **dict.fromkeys(
                ("id", "first", "last", "language", "scope", "snapshot", "computed_at", "computed_on"),
                (C.TECHNICAL, R.DELETE),
            ),
            "tables": (C.TECHNICAL, R.DELETE),
        },
    ),
    FiguresChange: ModelRules(
        retention="technical",
        purpose="Merkt sich, welche Transaktion gezählte Daten geändert hat, damit keine veraltete Statistik erscheint.",
        fields=dict.fromkeys(("id", "transaction_id", "changed_at"), (C.TECHNICAL, R.DELETE)),
    ),
}
