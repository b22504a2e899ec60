"""The one rate-limit mechanism of the project: fixed windows counted in Django's default cache.

The default cache is the database cache (table created by a migration), so every server process
and every worker counts in the same place. The database cache has no atomic increment, so each
count runs in a transaction holding a PostgreSQL advisory lock on its key: concurrent requests for
the same key are counted one after the other, never lost.

Callers name what they count (`scope`) and by what (`key`: a client IP, a user id, an e-mail
address, a token); keys are hashed, so no address or token is stored in the cache table.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from .client_ip import client_ip


@dataclass(frozen=True)
class Limit:
    allowed: int
    window: int  # seconds


DEFAULT_LIMITS = {
    # Public Vollmacht verification: plenty for a clerk with a pile of documents, far too few to
    # guess a 60-bit short code or a 192-bit token.
    "verify": Limit(30, 10 * 60),
    "verify_user": Limit(300, 10 * 60),
    # Password reset: per typed address (whether or not an account exists) and per client IP.
    "password_reset_address": Limit(3, 60 * 60),
    "password_reset_ip": Limit(20, 60 * 60),
    # The link in the password-reset mail: per client IP.
    "password_reset_link_ip": Limit(30, 10 * 60),
    # Invitation link of the volunteer portal: per client IP and per link.
    "invitation_ip": Limit(30, 10 * 60),
    "invitation_token": Limit(10, 10 * 60),
    # A new PDF of the public offer directory (each new filter or search text is one to render):
    # per client IP, and per account for logged-in users.
    "directory_pdf": Limit(20, 10 * 60),
    "directory_pdf_user": Limit(100, 10 * 60),
}


def limit_for(scope: str) -> Limit:
    """`WIR_RATE_LIMITS = {"verify": (30, 600), ...}` in settings overrides a default."""
    configured = getattr(settings, "WIR_RATE_LIMITS", {}).get(scope)
    return Limit(*configured) if configured else DEFAULT_LIMITS[scope]


def _lock(key: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def hit(scope: str, key: str) -> bool:
    """Count one request of `key` in `scope`; True once the allowance of the window is used up."""
    limit = limit_for(scope)
    cache_key = "ratelimit:" + hashlib.sha256(f"{scope}\x1f{key}".encode()).hexdigest()
    with transaction.atomic():
        _lock(cache_key)
        now = time.time()
        count, ends = cache.get(cache_key) or (0, now + limit.window)
        if ends <= now:
            count, ends = 0, now + limit.window
        count += 1
        cache.set(cache_key, (count, ends), timeout=max(1, math.ceil(ends - now)))
    return count > limit.allowed


def hit_per_client(request, scope: str) -> bool:
    """Anonymous requests per client IP (`scope`); logged-in users per account with the higher
    allowance of `<scope>_user`."""
    if request.user.is_authenticated:
        return hit(f"{scope}_user", f"user:{request.user.pk}")
    return hit(scope, f"ip:{client_ip(request)}")
