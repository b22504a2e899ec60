"""Classification of the privacy app's own fields (see wir_fallmanagement/data_protection.py)."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import ErasureRequest, LegalHold, RetentionPeriod, RetentionRun

CLASSIFICATION = {
    RetentionPeriod: ModelRules(
        retention="",
        purpose="Stammdaten des Löschkonzepts.",
        fields=dict.fromkeys(("id", "kind", "months", "justification"), (C.TECHNICAL, R.MASTER)),
    ),
    RetentionRun: ModelRules(
        retention="",
        purpose="Nachweis der Löschung (Art. 5 Abs. 2 DSGVO): Art und Anzahl, keine Namen.",
        fields=dict.fromkeys(
            ("id", "started_at", "finished_at", "today", "trigger", "counts"), (C.TECHNICAL, R.MASTER)
        ),
    ),
    LegalHold: ModelRules(
        retention="client",
        purpose="Löschsperre bei laufenden Verfahren (Art. 17 Abs. 3 lit. e DSGVO, § 84 Abs. 3 SGB X).",
        fields=dict.fromkeys(
            ("id", "case", "reason", "since", "lifted_on", "created_by", "created_at"), (C.CASE_WORK, R.DELETE)
        ),
    ),
    ErasureRequest: ModelRules(
        retention="",
        purpose="Nachweis der Bearbeitung eines Löschantrags (Art. 5 Abs. 2, Art. 17 DSGVO); "
        "verweist nach der Löschung nur noch auf den anonymisierten Datensatz.",
        fields={
            "id": (C.TECHNICAL, R.KEEP),
            "client": (C.TECHNICAL, R.KEEP),
            "received_on": (C.TECHNICAL, R.KEEP),
            "status": (C.TECHNICAL, R.KEEP),
            "outcome": (C.TECHNICAL, R.KEEP),
            "recorded_by": (C.STAFF, R.KEEP),
            "decided_at": (C.TECHNICAL, R.KEEP),
            "run": (C.TECHNICAL, R.KEEP),
        },
    ),
}
