"""Turn django-simple-history records into rows "when, who, what changed" for the pages."""

from django.utils.translation import gettext_lazy as _

KIND = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}


def history_rows(records, limit: int = 10) -> list[dict]:
    """The newest `limit` records of a history queryset, each with the labels of the fields that
    changed against the record before it (one query: one record more than shown is fetched)."""
    records = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            meta = type(record)._meta
            fields = [str(meta.get_field(change.field).verbose_name) for change in delta.changes]
        rows.append({"record": record, "kind": KIND.get(record.history_type, ""), "fields": fields})
    return rows
