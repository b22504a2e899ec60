"""`{{ form|crispy_blank }}`: `{{ form|crispy }}` of an empty form that looks the same to everyone.

The client page offers the same empty forms on every visit (a contact, a goal); crispy renders each
field through several templates, a third of the page's time. A form class that says
`same_for_everyone = True` (its HTML depends on nothing but the language and the day: labels,
fixed choices, defaults and limits such as "not after today") is rendered once per process,
language and day and then reused. Any other form, and any form with data, is rendered as usual.
"""

import functools

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.utils import timezone, translation
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def crispy_blank(form) -> SafeString:
    instance = getattr(form, "instance", None)  # a ModelForm's: a new one, not a stored record
    blank = not form.is_bound and (instance is None or instance._state.adding)
    if not (blank and getattr(form, "same_for_everyone", False)):
        return as_crispy_form(form)
    html, initial = _rendered(type(form), form.auto_id, form.prefix, translation.get_language(), timezone.localdate())
    return html if form.initial == initial else as_crispy_form(form)  # given other initial values: as usual


@functools.lru_cache(maxsize=64)
def _rendered(form_class, auto_id, prefix, language, day) -> tuple[SafeString, dict]:
    with translation.override(language):
        form = form_class(auto_id=auto_id, prefix=prefix)
        return as_crispy_form(form), form.initial
