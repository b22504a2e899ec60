"""Classification of the imports app's fields (see wir_fallmanagement/data_protection.py).

An import's report names the rows of the uploaded file (people's names); the file itself is deleted
when the import is committed or discarded."""

from wir_fallmanagement.data_protection import Category as C
from wir_fallmanagement.data_protection import ModelRules
from wir_fallmanagement.data_protection import Rule as R

from .models import ImportRun

CLASSIFICATION = {
    ImportRun: ModelRules(
        retention="technical",
        purpose="Import von Tabellen: Probelauf, Import und sein Bericht für die Person, die importiert.",
        fields={
            **dict.fromkeys(
                (
                    "id",
                    "kind",
                    "content_type",
                    "sha256",
                    "created_by",
                    "caseworker",
                    "status",
                    "total",
                    "done",
                    "counts",
                    "created_at",
                    "finished_at",
                ),
                (C.TECHNICAL, R.DELETE),
            ),
            **dict.fromkeys(("original_name", "file", "problems", "warnings", "report"), (C.IDENTITY, R.DELETE)),
        },
    ),
}
