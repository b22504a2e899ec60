"""District setup: the work that changes the district row, its logo file and the master data."""

from django.db import transaction

from wir_fallmanagement.models import District
from wir_fallmanagement.stale import StaleEdit
from wir_fallmanagement.uploads import CheckedUpload, discard, save_checked


def update_district(
    *, name: str, logo: CheckedUpload | None = None, remove_logo: bool = False, edit_version: int | None = None
) -> District:
    """Set the district's name; store a new logo (through the one upload path) or remove it. The
    replaced file is deleted only after the transaction committed, so a failed save keeps it.
    `edit_version`: the version the form was opened with; raises StaleEdit (nothing saved, the new
    logo file removed) when someone saved since. None: no check (the setup command)."""
    stored = save_checked(logo, folder="district") if logo is not None else ""
    try:
        with transaction.atomic():
            district = District.objects.select_for_update().filter(pk=1).first() or District(pk=1)
            if edit_version is not None and not district._state.adding and edit_version != district.edit_version:
                raise StaleEdit(district)
            old = district.logo
            district.name = name
            if logo is not None:
                district.logo, district.logo_content_type, district.logo_sha256 = stored, logo.content_type, logo.sha256
            elif remove_logo:
                district.logo = district.logo_content_type = district.logo_sha256 = ""
            district.save()
            if old and old != district.logo:
                transaction.on_commit(lambda: discard(old))
    except Exception:
        if stored:
            discard(stored)
        raise
    return district
