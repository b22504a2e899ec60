"""Forms that guide (every form of the project derives from `Form` or `ModelForm` here).

- A field left empty says what to do, in plain German derived from its label
  ("Bitte geben Sie „Geburtsjahr“ an."), instead of Django's "Dieses Feld ist zwingend
  erforderlich."; a form can name a better sentence in `required_messages`.
- The HTML constraints are the server's: `min`/`max`/`minlength`/`maxlength` come from the
  validators the server runs — the form field's own and the model field's (a ModelForm does not
  copy model validators onto its fields, so `birth_year` said `min="0"` while the model wants
  1900). Rules a `clean_*` method checks are stated by the form in `html_constraints`
  (`{"given_on": {"max": timezone.localdate}}`, callables evaluated per form) or `constrain()`.

The error summary at the top of the page (`templatetags/guidance.py`) lists what these produce.
"""

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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


class GuidedFormMixin:
    #: field name → message when the field is left empty (else one derived from the label)
    required_messages: dict = {}
    #: field name → {HTML attribute: value or callable}: the rules of the form's clean methods
    html_constraints: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
