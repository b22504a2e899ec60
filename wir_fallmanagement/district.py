"""The district's name and logo for pages and documents, read once per process and minute.

Every page shows the name, so reading the row on each request would add a query to every page.
Instead each process keeps it for `TTL` seconds; saving the district in this process forgets it at
once (`forget`), other processes (gunicorn workers, the task worker) pick the change up within
`TTL`. Without a row (a database before `setup_district`) the name is `settings.WIR_DISTRICT_NAME`.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError

from .models import District

TTL = 60.0


@dataclass(frozen=True)
class CurrentDistrict:
    name: str
    logo: str = ""  # storage name, "" for none
    logo_content_type: str = ""
    logo_sha256: str = ""

    @property
    def logo_version(self) -> str:
        return self.logo_sha256[:12]

    def logo_bytes(self) -> bytes | None:
        if not self.logo:
            return None
        try:
            with default_storage.open(self.logo, "rb") as handle:
                return handle.read()
        except OSError:
            return None


_cached: tuple[float, CurrentDistrict] | None = None


def current() -> CurrentDistrict:
    global _cached
    now = time.monotonic()
    if _cached is not None and now - _cached[0] < TTL:
        return _cached[1]
    try:
        row = District.objects.filter(pk=1).first()
    except DatabaseError:  # e.g. the 503 page during an outage still needs a name
        return CurrentDistrict(name=settings.WIR_DISTRICT_NAME)
    found = (
        CurrentDistrict(row.name, row.logo, row.logo_content_type, row.logo_sha256)
        if row
        else CurrentDistrict(name=settings.WIR_DISTRICT_NAME)
    )
    _cached = (now, found)
    return found


def forget(**kwargs) -> None:
    """post_save / post_delete receiver (and for tests): read the row again next time."""
    global _cached
    _cached = None
