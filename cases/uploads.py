"""Checks for uploaded files: the type is read from the file's first bytes, never trusted
from its name or the browser's Content-Type."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SIGNATURES = {
    "application/pdf": (b"%PDF-", {".pdf"}),
    "image/jpeg": (b"\xff\xd8\xff", {".jpg", ".jpeg"}),
    "image/png": (b"\x89PNG\r\n\x1a\n", {".png"}),
}
# Markup that a browser or viewer might execute if a file were ever rendered inline.
_ACTIVE_CONTENT = (b"<script", b"<html", b"<svg", b"<!doctype html", b"<?xml", b"javascript:")


def max_upload_bytes() -> int:
    return getattr(settings, "WIR_MAX_UPLOAD_MB", 10) * 1024 * 1024


def inspect_upload(upload) -> tuple[str, str]:
    """Validate an UploadedFile; return (content_type, sha256). Raises ValidationError in German."""
    name = (upload.name or "").lower()
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValidationError(_("Der Dateiname ist ungültig."), code="bad_name")
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(mb)s MB)."),
            params={"mb": max_upload_bytes() // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    upload.seek(0)
    head = upload.read(16)
    content_type = next((ct for ct, (magic, _e) in SIGNATURES.items() if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(_("Erlaubt sind nur PDF-, JPEG- und PNG-Dateien."), code="bad_type")
    extension = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in SIGNATURES[content_type][1]:
        raise ValidationError(
            _("Die Dateiendung passt nicht zum Inhalt der Datei (erkannt: %(type)s)."),
            params={"type": content_type},
            code="bad_extension",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        lowered = chunk.lower()
        if content_type != "application/pdf" and any(marker in lowered for marker in _ACTIVE_CONTENT):
            raise ValidationError(_("Die Datei enthält unzulässige Inhalte."), code="polyglot")
        if content_type == "application/pdf" and (b"<script" in lowered or b"<html" in lowered):
            raise ValidationError(_("Die Datei enthält unzulässige Inhalte."), code="polyglot")
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()
