"""A readable timeline of every change to a client's records (django-simple-history).

One query per tracked model plus one per referenced model, whatever the number of changes:
history rows are fetched in bulk and diffed in Python against the previous row of the same
record.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from .models import Case, Client, ClientLanguage, Consent, Contact, Document, FollowUp, Goal

HIDDEN_FIELDS = {"search_document", "version", "updated_at", "created_at", "id", "sha256", "file"}

ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    user: object
    model_label: str
    object_label: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _tracked(client: Client):
    yield Client, Client.history.filter(id=client.pk)
    for model in (Case, Contact, FollowUp, Goal, Consent, Document, ClientLanguage):
        yield model, model.history.filter(client_id=client.pk)


def _display(model, record, name, lookups):
    model_field = model._meta.get_field(name)
    value = vars(record).get(model_field.attname)  # raw stored value, no descriptor magic
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
    if _is_fk(model, name):
        return str(lookups.get((model_field.related_model, value), f"#{value}"))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M" if hasattr(value, "hour") else "%d.%m.%Y")
    return str(value)


def _is_fk(model, name):
    return isinstance(model._meta.get_field(name), models.ForeignKey)


def timeline(client: Client, limit: int = 100) -> list[Entry]:
    rows_by_model = []
    for model, qs in _tracked(client):
        rows = list(qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
        rows_by_model.append((model, rows))

    # Referenced objects (municipality, household, users, volunteers …): one query per model.
    wanted = defaultdict(set)
    for model, rows in rows_by_model:
        fks = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.name not in ("client",)]
        for row in rows:
            for fk in fks:
                value = getattr(row, fk.attname)
                if value is not None:
                    wanted[fk.related_model].add(value)
    lookups = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(ids).items():
            lookups[(related, pk)] = obj

    entries = []
    for model, rows in rows_by_model:
        per_object = defaultdict(list)
        for row in rows:
            per_object[row.id].append(row)
        fields = [f.name for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.name != "client"]
        for object_rows in per_object.values():
            object_rows.sort(key=lambda r: (r.history_date, r.history_id))
            previous = None
            for row in object_rows:
                changes = []
                if previous is not None:
                    for name in fields:
                        old = _display(model, previous, name, lookups)
                        new = _display(model, row, name, lookups)
                        if old != new:
                            changes.append(Change(str(model._meta.get_field(name).verbose_name), old, new))
                    if not changes and row.history_type == "~":
                        previous = row
                        continue
                entries.append(
                    Entry(
                        when=row.history_date,
                        user=row.history_user,
                        model_label=str(model._meta.verbose_name),
                        object_label=_object_label(model, row),
                        action=str(ACTIONS.get(row.history_type, row.history_type)),
                        changes=changes,
                    )
                )
                previous = row
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _object_label(model, row):
    if model is Client:
        return f"{row.given_names} {row.family_name}"
    for name in ("title", "text"):
        if hasattr(row, name):
            return str(getattr(row, name))[:80]
    if hasattr(row, "date"):
        return row.date.strftime("%d.%m.%Y")
    return ""
