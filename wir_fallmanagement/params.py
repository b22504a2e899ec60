"""Ids typed into URLs (`?client=`, `?assignment=`, `?offer=` …) parsed one way: ASCII digits or a
UUID, anything else is "no id". `str.isdigit()` is not enough — it accepts "²" and "١", which
`int()` or the database then refuse with a 500."""

import re
import uuid

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
