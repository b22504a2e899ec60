"""Security events: login, lockout, second factor, denied access, role changes, exports and PDF
downloads. One line per event with time, user, IP and outcome — never passwords, session keys,
tokens or personal data of clients. User-controlled text is stripped of control characters so
that it cannot forge log lines."""

import logging
import re

from wir_fallmanagement.client_ip import client_ip

logger = logging.getLogger("wir.security")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def clean(value, limit: int = 200) -> str:
    return _CONTROL.sub("?", str(value if value is not None else "-"))[:limit]


def event(name: str, *, request=None, user=None, outcome: str = "ok", **details) -> None:
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    who = f"user={getattr(user, 'pk', None) or '-'}"
    extra = " ".join(f"{clean(k, 30)}={clean(v)}" for k, v in sorted(details.items()))
    logger.info(
        "event=%s outcome=%s %s ip=%s %s", clean(name, 40), clean(outcome, 20), who, client_ip(request) or "-", extra
    )
