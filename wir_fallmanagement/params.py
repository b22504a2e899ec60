"""Ids and targets typed into URLs (`?client=`, `?assignment=`, `?offer=` …) parsed one way: ASCII digits or a
UUID, anything else is "no id". `str.isdigit()` is not enough — it accepts "²" and "١", which
`int()` or the database then refuse with a 500."""

import re
import uuid

from django.utils.http import url_has_allowed_host_and_scheme

_ID = re.compile(r"[0-9]{1,18}")


def int_param(value) -> int | None:
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


def uuid_param(value) -> uuid.UUID | None:
    if not isinstance(value, str) or len(value) > 36:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def next_param(request, default: str) -> str:
    """Where `?next=` (or a posted `next`) asks to go after an action: a path on this site, else
    `default`. Only a path starting with one "/" counts — never another host ("//evil", "https://…"),
    never a backslash trick, and never a bare word, which `redirect()` would take for a view name
    (a 500 when there is none)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        isinstance(candidate, str)
        and candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
    ):
        return candidate
    return default
