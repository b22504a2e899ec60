"""Template filters for the PDF templates, loaded with `{% load pdf %}` (settings.TEMPLATES)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate / pop directional isolate (Unicode bidi)


@register.filter
def isolate(value):
    """Keep a value (a Latin name in Arabic text, a URL, a date) in one piece in the reading order
    of the surrounding text: its direction follows its own first strong character."""
    if value in (None, ""):
        return ""
    return mark_safe(f"{FSI}{conditional_escape(value)}{PDI}")  # noqa: S308  # nosec B308 B703 -- escaped above
