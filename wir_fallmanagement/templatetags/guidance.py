"""The error summary at the top of every page with a failed form (GOV.UK / BITV pattern).

`{% form_errors as form_errors %}` in the base template collects the errors of every bound form
and formset the view put into the context, in order; `templates/fragments/error_summary.html`
lists each as a link to its field, and `static/js/forms.js` moves the focus to the summary.
No form template needs to do anything for it."""

from dataclasses import dataclass

from django import forms, template

from wir_fallmanagement import undo

register = template.Library()


@dataclass(frozen=True)
class FormError:
    message: str
    label: str = ""
    target: str = ""  # the id of the field's first control, "" for errors of the whole form


def _field_target(bound_field) -> str:
    # Radio buttons and checkbox lists label their group, not one control: link the first one.
    return bound_field.id_for_label or (f"{bound_field.auto_id}_0" if bound_field.auto_id else "")


def _form_errors(form) -> list[FormError]:
    found = [FormError(str(message)) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        if name not in form.fields:
            found += [FormError(str(message)) for message in messages]
            continue
        bound = form[name]
        target = "" if bound.is_hidden else _field_target(bound)
        found += [FormError(str(message), str(bound.label or ""), target) for message in messages]
    return found


def collect(values) -> list[FormError]:
    found, seen = [], set()
    for value in values:
        if id(value) in seen or not getattr(value, "is_bound", False):
            continue
        seen.add(id(value))
        if isinstance(value, forms.BaseForm):
            found += _form_errors(value)
        elif isinstance(value, forms.BaseFormSet):
            found += [FormError(str(message)) for message in value.non_form_errors()]
            for form in value.forms:
                found += _form_errors(form)
    return found


@register.simple_tag(takes_context=True)
def form_errors(context) -> list[FormError]:
    return collect(context.flatten().values())


@register.simple_tag(takes_context=True)
def undo_offer(context):
    request = context.get("request")
    return undo.pending(request) if request is not None else None
