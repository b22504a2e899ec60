"""The vocabulary of the field classification (Löschkonzept after DIN 66398).

Each app declares, next to its models, in `<app>/data_protection.py`, a `CLASSIFICATION`: for every
model the retention rule of its rows (`Retention`) and for every field its category (`Category`)
and what happens to it when the period has passed (`Rule`). `privacy.registry` collects them;
`tests/privacy/test_registry.py` fails when a concrete field of a project model has no entry, and
`docs/data-protection.md` is checked against them.

The history tables of django-simple-history inherit the entries of their model; the fields that
simple-history adds are classified once here (`HISTORY_FIELDS`).
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    IDENTITY = "identity", _("Identität")
    CONTACT = "contact", _("Kontaktdaten")
    HEALTH = "health", _("besondere Kategorie (Art. 9 DSGVO)")
    RESIDENCE = "residence", _("Aufenthalt")
    BENEFITS = "benefits", _("Sozialleistungen")
    CASE_WORK = "case_work", _("Fallarbeit")
    STAFF = "staff", _("Beschäftigte und Ehrenamtliche")
    TECHNICAL = "technical", _("technisch")
    PUBLIC = "public", _("öffentlich, nicht personenbezogen")


class Rule(models.TextChoices):
    DELETE = "delete", _("Zeile wird gelöscht")
    BLANK = "blank", _("wird geleert")
    COARSEN = "coarsen", _("wird vergröbert")
    KEEP = "keep", _("bleibt für die Statistik (nicht identifizierend)")
    MASTER = "master", _("Stammdaten, keine Frist")


@dataclass(frozen=True)
class ModelRules:
    """`retention`: the kind of retention period (privacy.models.RetentionPeriod.Kind value) that
    decides when the rows go, or "" for master data; `purpose`: why the data is stored."""

    retention: str
    purpose: str
    fields: dict = field(default_factory=dict)


def f(category: str, rule: str) -> tuple[str, str]:
    return (category, rule)


# The columns simple-history adds to every history table.
HISTORY_FIELDS = {
    "history_id": f(Category.TECHNICAL, Rule.DELETE),
    "history_date": f(Category.TECHNICAL, Rule.DELETE),
    "history_change_reason": f(Category.TECHNICAL, Rule.DELETE),
    "history_type": f(Category.TECHNICAL, Rule.DELETE),
    "history_user": f(Category.TECHNICAL, Rule.DELETE),
}
