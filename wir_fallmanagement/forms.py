"""Forms that guide (every form of the project derives from `Form` or `ModelForm` here).

- A field left empty says what to do, in plain German derived from its label
  ("Bitte geben Sie „Geburtsjahr“ an."), instead of Django's "Dieses Feld ist zwingend
  erforderlich."; a form can name a better sentence in `required_messages`.
- The HTML constraints are the server's: `min`/`max`/`minlength`/`maxlength` come from the
  validators the server runs — the form field's own and the model field's (a ModelForm does not
  copy model validators onto its fields, so `birth_year` said `min="0"` while the model wants
  1900). Rules a `clean_*` method checks are stated by the form in `html_constraints`
  (`{"given_on": {"max": timezone.localdate}}`, callables evaluated per form) or `constrain()`.

- The options of a model choice field are read in one ordinary query (`OptionList`).

The error summary at the top of the page (`templatetags/guidance.py`) lists what these produce.
"""

import functools

import django_filters.fields
from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

GENERIC_REQUIRED = {
    str(forms.Field.default_error_messages["required"]),
    "This field is required.",
}

CHOOSE = (forms.ChoiceField, forms.ModelChoiceField, forms.MultipleChoiceField)


def required_message(field: forms.Field):
    label = field.label or ""
    if isinstance(field, forms.BooleanField):
        return format_lazy(_("Bitte bestätigen Sie: „{label}“."), label=label)
    if isinstance(field, forms.FileField):
        return format_lazy(_("Bitte wählen Sie eine Datei für „{label}“ aus."), label=label)
    if isinstance(field, CHOOSE):
        return format_lazy(_("Bitte wählen Sie „{label}“ aus."), label=label)
    return format_lazy(_("Bitte geben Sie „{label}“ an."), label=label)


def today():
    return timezone.localdate()


def year_ago():
    return timezone.localdate() - timezone.timedelta(days=365)


def this_year():
    return timezone.localdate().year


def _limit(validator):
    value = validator.limit_value
    return value() if callable(value) else value


# validator class → HTML attribute it corresponds to
VALIDATOR_ATTRS = (
    (validators.MinValueValidator, "min"),
    (validators.MaxValueValidator, "max"),
    (validators.MinLengthValidator, "minlength"),
    (validators.MaxLengthValidator, "maxlength"),
)


def server_constraints(field: forms.Field, model_field=None) -> dict:
    """The HTML attributes that state what the server checks for this field."""
    attrs = {}
    found = [*field.validators, *getattr(model_field, "validators", [])]
    for cls, attr in VALIDATOR_ATTRS:
        limits = [_limit(v) for v in found if type(v) is cls]
        if limits:
            # the narrowest bound is the one the server enforces
            attrs[attr] = max(limits) if attr in ("min", "minlength") else min(limits)
    return attrs


def _model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class OptionList(forms.models.ModelChoiceIterator):
    """The options of a model choice field, read in one ordinary query.

    Django reads them with `queryset.iterator()`, which on PostgreSQL is a server-side cursor:
    DECLARE … WITH HOLD (the whole result copied aside at commit), FETCH, CLOSE — three round trips
    meant for results too big for memory, not for the twenty names of a select on every page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():  # a fresh read each time, like iterator(): no stale options
            yield self.choice(obj)


class FilterOptionList(django_filters.fields.ModelChoiceIterator, OptionList):
    """The same for django-filter's model choice fields (which add their "null" option)."""


_OPTION_LISTS = {
    forms.models.ModelChoiceIterator: OptionList,
    django_filters.fields.ModelChoiceIterator: FilterOptionList,
}


def list_options_at_once(fields) -> None:
    """Let every model choice field of `fields` read its options with OptionList."""
    for field in fields.values():
        listed = _OPTION_LISTS.get(getattr(field, "iterator", None))
        if listed is not None:
            field.iterator = listed
            field.widget.choices = field.choices  # the widget holds the iterator made before


def country_choices() -> tuple:
    """The countries as (code, name) in the page's language, sorted by name: as choices for a
    select (`choices=country_choices`). django-countries translates and sorts all 250 names on every
    iteration; they only change with the language, so each process keeps one list per language."""
    return _countries_in(get_language())


@functools.cache
def _countries_in(language: str) -> tuple:
    return tuple((code, str(name)) for code, name in countries)  # (under the active `language`)


class GuidedFormMixin:
    #: field name → message when the field is left empty (else one derived from the label)
    required_messages: dict = {}
    #: field name → {HTML attribute: value or callable}: the rules of the form's clean methods
    html_constraints: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        list_options_at_once(self.fields)
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
            elif str(field.error_messages.get("required")) in GENERIC_REQUIRED:
                field.error_messages["required"] = required_message(field)
            model_field = _model_field(model, name)
            if not field.widget.is_hidden:
                self.constrain(name, **server_constraints(field, model_field))
        for name, attrs in self.html_constraints.items():
            if name in self.fields:
                self.constrain(name, **{attr: value() if callable(value) else value for attr, value in attrs.items()})

    def constrain(self, name, **attrs):
        """State a server rule as HTML constraint(s) of the field: min=…, max=…, maxlength=…"""
        field = self.fields[name]
        for attr, value in attrs.items():
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            field.widget.attrs[attr] = value


class Form(GuidedFormMixin, forms.Form):
    pass


class ModelForm(GuidedFormMixin, forms.ModelForm):
    pass
