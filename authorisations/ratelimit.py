"""A small fixed-window rate limit for the public verification page, kept in Django's default cache.

Limit: `VERIFY_RATE_LIMIT` requests per `VERIFY_RATE_WINDOW` seconds per client address (default
30 per 10 minutes) — plenty for a clerk checking a pile of Vollmachten, far too few to guess a
60-bit short code or a 192-bit token. Logged-in users are not limited. With the default local-memory
cache the counter is per server process; several processes share it once CACHES points at a shared
cache (e.g. Redis or the database cache).
"""

from django.conf import settings
from django.core.cache import cache

VERIFY_RATE_LIMIT = 30
VERIFY_RATE_WINDOW = 10 * 60


def client_address(request) -> str:
    """Behind the TLS proxy that production settings assume (SECURE_PROXY_SSL_HEADER), the proxy
    appends the address it saw to X-Forwarded-For: take the last entry, which a client cannot
    forge. Without a proxy, REMOTE_ADDR."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def limit() -> tuple[int, int]:
    return (
        getattr(settings, "WIR_VERIFY_RATE_LIMIT", VERIFY_RATE_LIMIT),
        getattr(settings, "WIR_VERIFY_RATE_WINDOW", VERIFY_RATE_WINDOW),
    )


def too_many(request, scope: str = "verify") -> bool:
    """Count this request; True once the address has used up its allowance in the current window."""
    if request.user.is_authenticated:
        return False
    allowed, window = limit()
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return False
    return count > allowed
