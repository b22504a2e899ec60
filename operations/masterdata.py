"""The kinds of master data an administrator edits at /setup/<kind>/: one entry per model, so that
the list, create and edit views are the same three functions for all of them."""

from dataclasses import dataclass

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from authorisations.models import KjcBranch
from cases.models import Language, Municipality
from offers.models import Category

from . import forms


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    form: type
    title: str
    new_label: str
    columns: tuple[str, ...]  # model fields shown in the list; the first links to the edit page
    ordering: tuple[str, ...]
    hint: str = ""

    def headers(self) -> list[str]:
        return [self.model._meta.get_field(name).verbose_name for name in self.columns]

    def row(self, obj) -> list:
        return [_display(obj, name) for name in self.columns]


def _display(obj, name):
    value = getattr(obj, name)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, dict):
        return ", ".join(f"{code}: {text}" for code, text in value.items())
    return value


KINDS = {
    kind.slug: kind
    for kind in (
        Kind(
            "municipalities",
            Municipality,
            forms.MunicipalityForm,
            _("Kommunen"),
            _("Neue Kommune"),
            ("name", "postcodes"),
            ("name",),
        ),
        Kind(
            "languages",
            Language,
            forms.LanguageForm,
            _("Sprachen"),
            _("Neue Sprache"),
            ("name", "code", "native_name", "is_rtl", "in_directory"),
            ("name",),
            _(
                "„Im öffentlichen Verzeichnis“: Angebote können in diese Sprache übersetzt werden, und das "
                "Verzeichnis lässt sich in ihr lesen (Verzeichnissprachen)."
            ),
        ),
        Kind(
            "kjc-branches",
            KjcBranch,
            forms.KjcBranchForm,
            _("Geschäftsstellen des KJC"),
            _("Neue Geschäftsstelle"),
            ("name", "postcode", "town", "is_active"),
            ("name",),
        ),
        Kind(
            "categories",
            Category,
            forms.CategoryForm,
            _("Kategorien der Angebote"),
            _("Neue Kategorie"),
            ("name", "order", "translations"),
            ("order", "name"),
        ),
    )
}


def kind_named(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404 from None
