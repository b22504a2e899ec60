"""The one history component: django-simple-history rows turned into entries "when, who, what
changed", rendered by templates/fragments/history.html.

Queries stay constant whatever the number of changes: one per tracked model (rows fetched in bulk
and diffed in Python against the previous row of the same record) plus one per model referenced
by a foreign key whose values are shown.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

# Technical fields nobody needs to read in a history.
HIDDEN_FIELDS = {"search_document", "version", "updated_at", "created_at", "id", "sha256", "file"}
ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}


@dataclass
class Change:
    label: str
    old: str | None = None  # None: the value is not repeated, only that the field changed
    new: str | None = None


@dataclass
class Entry:
    when: object
    user: object
    action: str
    model_label: str = ""
    object_label: str = ""
    note: str = ""
    changes: list[Change] = field(default_factory=list)


def history_entries(
    tracked: Iterable[tuple[type[models.Model], models.QuerySet]],
    *,
    limit: int,
    hidden: Iterable[str] = (),
    show_values: Iterable[str] | None = None,
    object_label: Callable | None = None,
    notes: dict | None = None,
) -> list[Entry]:
    """The newest `limit` entries of the history querysets `tracked` ((model, model.history…) pairs).

    `show_values`: the fields whose old and new values are shown (None: all); of the others only
    the label. `object_label(model, row)` names the record when several models are mixed; `notes`
    maps a history change reason to a note shown with the entry."""
    hidden = HIDDEN_FIELDS | set(hidden)
    rows_by_model = [
        (model, list(qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]))
        for model, qs in tracked
    ]
    lookups = _referenced_objects(rows_by_model, hidden, show_values)
    result = []
    for model, rows in rows_by_model:
        fields = [f for f in model._meta.concrete_fields if f.name not in hidden]
        per_object = defaultdict(list)
        for row in rows:
            per_object[row.id].append(row)
        for object_rows in per_object.values():
            object_rows.sort(key=lambda r: (r.history_date, r.history_id))
            previous = None
            for row in object_rows:
                changes = [] if previous is None else _changes(fields, previous, row, show_values, lookups)
                if previous is not None and not changes and row.history_type == "~":
                    previous = row
                    continue
                result.append(
                    Entry(
                        when=row.history_date,
                        user=row.history_user,
                        action=str(ACTIONS.get(row.history_type, row.history_type)),
                        model_label=str(model._meta.verbose_name) if object_label else "",
                        object_label=object_label(model, row) if object_label else "",
                        note=str((notes or {}).get(row.history_change_reason, "")),
                        changes=changes,
                    )
                )
                previous = row
    result.sort(key=lambda e: e.when, reverse=True)
    return result[:limit]


def history_of(obj: models.Model, *, limit: int, **options) -> list[Entry]:
    """The history of one record (options as for `history_entries`)."""
    return history_entries([(type(obj), obj.history.all())], limit=limit, **options)


def _shown(name, show_values):
    return show_values is None or name in show_values


def _changes(fields, previous, row, show_values, lookups) -> list[Change]:
    changes = []
    for model_field in fields:
        old, new = vars(previous).get(model_field.attname), vars(row).get(model_field.attname)
        if old == new or (old in (None, "", []) and new in (None, "", [])):
            continue
        label = str(model_field.verbose_name)
        if _shown(model_field.name, show_values):
            changes.append(Change(label, _display(model_field, old, lookups), _display(model_field, new, lookups)))
        else:
            changes.append(Change(label))
    return changes


def _referenced_objects(rows_by_model, hidden, show_values) -> dict:
    """Referenced objects (municipality, household, users, volunteers …) whose names are shown:
    one query per model."""
    wanted = defaultdict(set)
    for model, rows in rows_by_model:
        fks = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.name not in hidden and _shown(f.name, show_values)
        ]
        for row in rows:
            for fk in fks:
                value = getattr(row, fk.attname)
                if value is not None:
                    wanted[fk.related_model].add(value)
    lookups = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(ids).items():
            lookups[(related, pk)] = obj
    return lookups


def _display(model_field, value, lookups) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(model_field, CountryField):
        codes = value.split(",") if isinstance(value, str) else [str(getattr(c, "code", c)) for c in value]
        return ", ".join(str(countries.name(code) or code) for code in codes)
    if model_field.choices:
        choices = dict(model_field.flatchoices or model_field.choices)
        if isinstance(value, list):
            return ", ".join(str(choices.get(v, v)) for v in value)
        return str(choices.get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return str(lookups.get((model_field.related_model, value), f"#{value}"))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M" if hasattr(value, "hour") else "%d.%m.%Y")
    return str(value)
