import secrets

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def form_token():
    """A hidden one-time token: the form is processed once even if it is sent twice."""
    return format_html('<input type="hidden" name="form_token" value="{}">', secrets.token_urlsafe(24))
