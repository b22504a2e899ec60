"""The one upload path of the project: every uploaded file (client documents, consent scans, signed
Vollmacht scans, later imports) is checked by `check_upload` and written by `save_checked`.

- Size: the cap is checked from the declared size and again while reading the stream.
- Type: from the file's first bytes (magic), and the extension must agree — never from the
  name alone or the browser's Content-Type.
- Images are decoded and re-encoded with Pillow: metadata (EXIF, GPS, comments) and anything
  appended after the image data (a polyglot's HTML or ZIP) do not survive.
- PDFs are parsed with pypdf: encrypted or unparsable files are refused, and so is active content
  anywhere in the object graph — JavaScript (/JS, /JavaScript), /Launch, embedded files, automatic
  actions (/AA, /OpenAction with JavaScript), /RichMedia, XFA forms. The raw bytes are also scanned
  for HTML markup with an overlap between chunks, so a marker split across a chunk boundary is found.
- Storage: random internal names; if writing fails (disk full, directory not writable) the partial
  file is removed and `StorageFailed` — a ValidationError with a German message for the field — is
  raised, so that no database row points at a missing or broken file.
"""

import errno
import hashlib
import io
import logging
import uuid
from dataclasses import dataclass

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger("wir.uploads")

SIGNATURES = {
    "application/pdf": (b"%PDF-", {".pdf"}),
    "image/jpeg": (b"\xff\xd8\xff", {".jpg", ".jpeg"}),
    "image/png": (b"\x89PNG\r\n\x1a\n", {".png"}),
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# Markup a browser might execute if a PDF were ever rendered as HTML.
_MARKUP = (b"<script", b"<html", b"<!doctype html")
_OVERLAP = max(len(m) for m in _MARKUP) - 1
# PDF names that run code, open other programs or carry other files.
_ACTIVE_PDF_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/AA", "/RichMedia", "/XFA"}
MAX_PIXELS = 60_000_000  # a 10 MB file could otherwise decompress into gigabytes
MAX_PDF_OBJECTS = 200_000

INVALID = _("Die Datei enthält unzulässige Inhalte (z. B. JavaScript, eingebettete Dateien oder Aktionen).")


def max_upload_bytes() -> int:
    return getattr(settings, "WIR_MAX_UPLOAD_MB", 10) * 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    """What will be stored: the original PDF, or the re-encoded image."""

    content: bytes
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


class StorageFailed(ValidationError):
    """The checked file could not be written; nothing of it is left on disk."""


def _too_large() -> ValidationError:
    return ValidationError(
        _("Die Datei ist zu groß (höchstens %(mb)s MB)."), params={"mb": max_upload_bytes() // 2**20}, code="too_large"
    )


def _read_capped(upload) -> bytes:
    """The whole upload, reading chunk by chunk and stopping as soon as the cap is passed."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise _too_large()
    upload.seek(0)
    buffer = io.BytesIO()
    for chunk in upload.chunks():
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise _too_large()
    upload.seek(0)
    return buffer.getvalue()


def _contains_markup(data: bytes, chunk_size: int = 64 * 1024) -> bool:
    """Scan in chunks the way a streaming reader does, carrying an overlap across boundaries."""
    tail = b""
    for start in range(0, len(data), chunk_size):
        window = (tail + data[start : start + chunk_size]).lower()
        if any(marker in window for marker in _MARKUP):
            return True
        tail = window[-_OVERLAP:]
    return False


def _active_pdf_content(reader: pypdf.PdfReader) -> bool:
    """Walk every object reachable from the trailer (catalogue, pages, annotations, forms …)."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > MAX_PDF_OBJECTS:
                return True
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if _ACTIVE_PDF_KEYS & set(obj.keys()):
                return True
            if obj.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/Rendition"):
                return True
            stack.extend(value for key, value in obj.items() if key != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _check_pdf(data: bytes) -> bytes:
    if _contains_markup(data):
        raise ValidationError(INVALID, code="active_content")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Verschlüsselte oder kennwortgeschützte PDF-Dateien sind nicht erlaubt."), code="encrypted"
            )
        if len(reader.pages) == 0:
            raise PdfReadError("no pages")
        if _active_pdf_content(reader):
            raise ValidationError(INVALID, code="active_content")
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files; all mean "not a usable PDF"
        logger.info("unreadable PDF upload: %s", type(exc).__name__)
        raise ValidationError(
            _("Die PDF-Datei ist beschädigt oder kann nicht gelesen werden."), code="bad_pdf"
        ) from None
    return data


def _reencode_image(data: bytes, content_type: str) -> bytes:
    expected = PILLOW_FORMATS[content_type]
    unreadable = ValidationError(_("Das Bild ist beschädigt oder kann nicht gelesen werden."), code="bad_image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise unreadable
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Das Bild hat zu viele Bildpunkte."), code="too_many_pixels")
            image.load()
            if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK", "I;16"):
                image = image.convert("RGBA" if expected == "PNG" else "RGB")
            if expected == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            # A new image from the pixels alone: no EXIF, ICC, text chunks or trailing bytes.
            fresh = Image.frombytes(image.mode, image.size, image.tobytes())
            out = io.BytesIO()
            fresh.save(out, format=expected, **({"quality": 90} if expected == "JPEG" else {}))
            return out.getvalue()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise unreadable from None


def check_upload(upload) -> CheckedUpload:
    """Validate an uploaded file and prepare what will be stored. Raises ValidationError (German)."""
    name = upload.name or ""
    lowered = name.lower()
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name or len(name) > 255:
        raise ValidationError(_("Der Dateiname ist ungültig."), code="bad_name")
    data = _read_capped(upload)
    if not data:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    content_type = next((ct for ct, (magic, _e) in SIGNATURES.items() if data.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(_("Erlaubt sind nur PDF-, JPEG- und PNG-Dateien."), code="bad_type")
    extension = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else ""
    if extension not in SIGNATURES[content_type][1]:
        raise ValidationError(
            _("Die Dateiendung passt nicht zum Inhalt der Datei (erkannt: %(type)s)."),
            params={"type": content_type},
            code="bad_extension",
        )
    content = _check_pdf(data) if content_type == "application/pdf" else _reencode_image(data, content_type)
    return CheckedUpload(content=content, content_type=content_type, original_name=name[:255])


def save_checked(checked: CheckedUpload, *, folder: str) -> str:
    """Write the file under a random name; return the storage name. On failure nothing stays."""
    name = f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
    try:
        return default_storage.save(name, ContentFile(checked.content))
    except OSError as exc:
        discard(name)
        logger.error("upload could not be stored: %s", errno.errorcode.get(exc.errno, type(exc).__name__))
        raise StorageFailed(
            _(
                "Die Datei konnte nicht gespeichert werden (Speicher voll oder nicht beschreibbar). "
                "Ihre übrigen Angaben sind erhalten; bitte versuchen Sie es später noch einmal "
                "oder melden Sie es der Administration."
            ),
            code="storage_failed",
        ) from None


def discard(name: str) -> None:
    """Remove a stored (or partially stored) file; a missing file is fine."""
    try:
        default_storage.delete(name)
    except OSError:
        logger.error("could not remove a partial upload")
