"""The one history component: django-simple-history rows turned into entries "when, who, what
changed", rendered by templates/fragments/history.html.

Queries stay constant whatever the number of changes and whatever the number of tracked models:
one query reads the newest rows of every tracked history table together (a UNION ALL, each row as
JSON, with the user who made the change), diffed in Python against the previous row of the same
record; one more query reads every referenced object whose name is shown (municipality,
household, users …), again for all referenced models together.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, models
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
    rows_by_model = _newest_rows(list(tracked), limit + 1)
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
    if not wanted:
        return {}
    parts, params = [], []
    models_ = list(wanted)
    for index, related in enumerate(models_):
        sql, part_params = related._default_manager.filter(pk__in=wanted[related]).order_by().query.sql_with_params()
        parts.append(f"SELECT {index} AS k, to_jsonb(r)::text AS row FROM ({sql}) r")  # noqa: S608  # nosec B608 -- our QuerySet's SQL
        params.extend(part_params)
    lookups = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, row in cursor.fetchall():
            obj = instance_from_json(models_[index], json.loads(row, parse_float=Decimal))
            lookups[(models_[index], obj.pk)] = obj
    return lookups


def _newest_rows(tracked, n) -> list[tuple[type[models.Model], list]]:
    """The newest `n` rows of each history queryset, all in one query, with `history_user`."""
    parts, params = [], []
    for index, (_model, qs) in enumerate(tracked):
        sql, part_params = qs.order_by("-history_date", "-history_id")[:n].query.sql_with_params()
        parts.append(f"(SELECT {index} AS k, to_jsonb(h) AS row FROM ({sql}) h)")  # noqa: S608  # nosec B608 -- our QuerySet's SQL
        params.extend(part_params)
    if not parts:
        return []
    user_model = get_user_model()
    user_fields = [user_model._meta.pk.attname, "full_name", "email"]
    columns = ", ".join(f'u."{user_model._meta.get_field(name).column}"' for name in user_fields)
    join = (
        f'LEFT JOIN "{user_model._meta.db_table}" u '
        f'ON u."{user_model._meta.pk.column}" = (t.row->>%s)::{user_model._meta.pk.rel_db_type(connection)}'
    )
    # Our QuerySets' SQL and names from the user model's meta; all values are passed apart.
    sql = f"SELECT t.k, t.row::text, {columns} FROM ({' UNION ALL '.join(parts)}) t {join}"  # noqa: S608  # nosec B608
    rows = [[] for _ in tracked]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, "history_user_id"])
        for index, row, *user in cursor.fetchall():
            instance = instance_from_json(tracked[index][1].model, json.loads(row, parse_float=Decimal))
            instance.history_user = user_model.from_db(connection.alias, user_fields, user) if user[0] else None
            rows[index].append(instance)
    return [(model, model_rows) for (model, _qs), model_rows in zip(tracked, rows, strict=True)]


def instance_from_json(model, data: dict):
    """A model instance from its row as JSON (to_jsonb), each value converted as the database
    driver would have returned it."""
    names, values = [], []
    for model_field in model._meta.concrete_fields:
        value = data.get(model_field.column)
        if isinstance(model_field, models.JSONField):
            value = None if value is None else json.dumps(value)  # as the driver hands it to the field
        elif value is not None:
            value = model_field.to_python(value)
        if value is not None and hasattr(model_field, "from_db_value"):
            value = model_field.from_db_value(value, None, connection)
        names.append(model_field.attname)
        values.append(value)
    return model.from_db(connection.alias, names, values)


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
