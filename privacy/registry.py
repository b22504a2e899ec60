"""The field classification of every app, collected (see wir_fallmanagement/data_protection.py)."""

from django.apps import apps
from django.conf import settings
from django.utils import translation

from accounts import data_protection as accounts_dp
from authorisations import data_protection as authorisations_dp
from cases import data_protection as cases_dp
from imports import data_protection as imports_dp
from offers import data_protection as offers_dp
from reports import data_protection as reports_dp
from volunteers import data_protection as volunteers_dp
from wir_fallmanagement import district_data_protection as district_dp
from wir_fallmanagement.data_protection import HISTORY_FIELDS, ModelRules

from . import data_protection as privacy_dp
from .models import DEFAULT_MONTHS, RetentionPeriod

CLASSIFICATION: dict = {
    **accounts_dp.CLASSIFICATION,
    **cases_dp.CLASSIFICATION,
    **offers_dp.CLASSIFICATION,
    **volunteers_dp.CLASSIFICATION,
    **authorisations_dp.CLASSIFICATION,
    **reports_dp.CLASSIFICATION,
    **imports_dp.CLASSIFICATION,
    **privacy_dp.CLASSIFICATION,
    **district_dp.CLASSIFICATION,
}


def project_models() -> list:
    """Every concrete model of a project app, the history tables included."""
    labels = set(settings.PROJECT_APPS)
    return [m for m in apps.get_models() if m._meta.app_label in labels and not m._meta.abstract]


def stored_fields(model) -> list:
    return list(model._meta.concrete_fields) + list(model._meta.local_many_to_many)


def rules_for(model) -> ModelRules | None:
    """The rules of `model`; a history table has those of its model plus the history columns."""
    base = getattr(model, "instance_type", None) if model.__name__.startswith("Historical") else None
    if base is not None:
        rules = CLASSIFICATION.get(base)
        if rules is None:
            return None
        return ModelRules(rules.retention, rules.purpose, {**rules.fields, **HISTORY_FIELDS})
    return CLASSIFICATION.get(model)


def unclassified() -> list[str]:
    """ "app.Model.field" for every stored field without an entry (the test wants none)."""
    missing = []
    for model in project_models():
        rules = rules_for(model)
        names = rules.fields if rules else {}
        missing += [f"{model._meta.label}.{field.name}" for field in stored_fields(model) if field.name not in names]
    return missing


def stale() -> list[str]:
    """Entries naming a field that no longer exists."""
    result = []
    for model, rules in CLASSIFICATION.items():
        names = {field.name for field in stored_fields(model)}
        result += [f"{model._meta.label}.{name}" for name in rules.fields if name not in names]
    return result


# ----------------------------------------------------------------------- docs/data-protection.md

BEGIN = "<!-- generated: python manage.py data_protection_doc; do not edit below -->"
END = "<!-- end of generated part -->"


def _label(model) -> str:
    return f"{model._meta.verbose_name} (`{model._meta.label}`)"


def generated_markdown() -> str:
    """The part of docs/data-protection.md made from the classification: per model the retention
    rule, the purpose and every field with category and deletion rule."""
    lines = [BEGIN, "", "### Löschfristen (Voreinstellung)", "", "| Art | Frist | Schlüssel |", "|---|---|---|"]
    with translation.override("de"):
        for kind in RetentionPeriod.Kind:
            lines.append(f"| {kind.label} | {DEFAULT_MONTHS[kind]} Monate | `{kind.value}` |")
        lines += ["", "### Felder je Tabelle", ""]
        for model in sorted(CLASSIFICATION, key=lambda m: m._meta.label):
            rules = CLASSIFICATION[model]
            kind = RetentionPeriod.Kind(rules.retention).label if rules.retention else "keine (Stammdaten/Nachweis)"
            lines += [
                f"#### {_label(model)}",
                "",
                f"Zweck: {rules.purpose}",
                "",
                f"Frist: {kind}. Verlaufstabelle: {'ja' if hasattr(model, 'history') else 'nein'}.",
                "",
                "| Feld | Kategorie | bei Fristablauf |",
                "|---|---|---|",
            ]
            for name, (category, rule) in rules.fields.items():
                field = model._meta.get_field(name)
                label = str(getattr(field, "verbose_name", name))
                lines.append(f"| {label} (`{name}`) | {category.label} | {rule.label} |")
            lines.append("")
    lines.append(END)
    return "\n".join(lines)
