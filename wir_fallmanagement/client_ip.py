"""The client's IP address, the same for every consumer: rate limits, django-axes, the security log.

`WIR_TRUSTED_PROXIES` says how many reverse proxies stand in front of the application:

- 0 (default): nothing is forwarded; the socket address `REMOTE_ADDR` counts and every
  `X-Forwarded-*` header is ignored (a client can set them to anything).
- n > 0: each proxy appends the address it saw to `X-Forwarded-For`, so the n-th entry from the
  right is the one the outermost trusted proxy saw — the client. Entries further left were sent
  by the client and are never read. A request carrying fewer than n entries did not pass all
  proxies (someone reached the app directly): its socket address counts.
"""

import ipaddress

from django.conf import settings


def trusted_proxies() -> int:
    return max(0, int(getattr(settings, "WIR_TRUSTED_PROXIES", 0)))


def forwarded_for(request) -> list[str]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [entry.strip() for entry in header.split(",") if entry.strip()]


def passed_trusted_proxies(request) -> bool:
    """Did the request come through all configured proxies (and are there any)?"""
    trusted = trusted_proxies()
    return trusted > 0 and len(forwarded_for(request)) >= trusted


def _normalised(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()[:64]))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address as text (`ipaddress` normal form); None if there is none (a request
    built by hand). Also django-axes' AXES_CLIENT_IP_CALLABLE."""
    if request is None:
        return None
    if passed_trusted_proxies(request):
        found = _normalised(forwarded_for(request)[-trusted_proxies()])
        if found:
            return found
    return _normalised(request.META.get("REMOTE_ADDR", ""))
