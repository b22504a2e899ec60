"""The change history of a Vollmacht for its page: who changed which fields, when (values of free
text fields are not repeated here; the status shows old and new value)."""

from .models import Authorisation

MAX_ENTRIES = 50
HIDDEN = {"token", "short_code", "expired_at", "revoked_at", "printed_at"}


def history_entries(authorisation: Authorisation) -> list[dict]:
    history = authorisation.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(history[: MAX_ENTRIES + 1])
    entries = []
    for index, record in enumerate(records[:MAX_ENTRIES]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        status_change = None
        if older is not None:
            delta = record.diff_against(older, foreign_keys_are_objs=False)
            for change in delta.changes:
                if change.field in HIDDEN:
                    continue
                if change.field == "status":
                    status_change = (
                        Authorisation.Status(change.old).label if change.old else "",
                        Authorisation.Status(change.new).label,
                    )
                    continue
                changes.append(str(Authorisation._meta.get_field(change.field).verbose_name))
        entries.append(
            {
                "at": record.history_date,
                "user": record.history_user,
                "created": record.history_type == "+",
                "status_change": status_change,
                "changes": changes,
                "new_version": record.history_change_reason == "new version",
            }
        )
    return entries
