"""Form widgets for pages that must stay fast.

Django renders every <option> of a select through the template engine: the 250 countries of a
nationality filter cost tens of milliseconds per page. `QuickSelect` renders the same markup in Python.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

_OPTION = '<option value="{}">{}</option>'
_SELECTED = '<option value="{}" selected>{}</option>'


class QuickSelect(forms.Select):
    """A single-choice select (no option groups) rendered without templates, same markup as Select,
    with Bootstrap's class. Render it as `{{ field }}`: crispy's select template would loop again."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        values = value if isinstance(value, list | tuple) else [value]
        selected = {"" if v is None else str(v) for v in values}
        options = format_html_join(
            "",
            "{}",
            (
                (format_html(_SELECTED if str(key) in selected else _OPTION, str(key), label),)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)
