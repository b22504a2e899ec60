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
- Spreadsheets for the import (`check_spreadsheet`): XLSX is a ZIP whose uncompressed size is
  checked from its directory before openpyxl ever opens it (a zip bomb is refused, and a lying
  directory cannot help: Python's zipfile stops at the declared size); macros (xlsm) are refused.
  CSV is decoded as UTF-8 (with or without BOM) or else as Windows-1252, the way Excel writes it,
  and stored as UTF-8; UTF-16 and binary files are refused.
- Storage: random internal names; if writing fails (disk full, directory not writable) the partial
  file is removed and `StorageFailed` — a ValidationError with a German message for the field — is
  raised, so that no database row points at a missing or broken file.
"""

import errno
import hashlib
import io
import logging
import uuid
import zipfile
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
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", XLSX: "xlsx", CSV: "csv"}
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


def max_import_bytes() -> int:
    return getattr(settings, "WIR_MAX_IMPORT_MB", 20) * 1024 * 1024


def max_unpacked_bytes() -> int:
    return getattr(settings, "WIR_MAX_IMPORT_UNPACKED_MB", 200) * 1024 * 1024


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


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("Die Datei ist zu groß (höchstens %(mb)s MB)."), params={"mb": limit // 2**20}, code="too_large"
    )


def _read_capped(upload, limit: int | None = None) -> bytes:
    """The whole upload, reading chunk by chunk and stopping as soon as the cap is passed."""
    limit = limit or max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise _too_large(limit)
    upload.seek(0)
    buffer = io.BytesIO()
    for chunk in upload.chunks():
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise _too_large(limit)
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


def _checked_name(upload) -> str:
    name = upload.name or ""
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name or len(name) > 255:
        raise ValidationError(_("Der Dateiname ist ungültig."), code="bad_name")
    return name


def check_upload(upload) -> CheckedUpload:
    """Validate an uploaded file and prepare what will be stored. Raises ValidationError (German)."""
    name = _checked_name(upload)
    lowered = name.lower()
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


# --------------------------------------------------------------------------------------------
# Spreadsheets (the import)
# --------------------------------------------------------------------------------------------

SPREADSHEET_TYPES = _("Erlaubt sind nur Excel-Dateien (.xlsx) und CSV-Dateien (.csv).")


def _check_xlsx(data: bytes) -> bytes:
    broken = ValidationError(_("Die Excel-Datei ist beschädigt oder kann nicht gelesen werden."), code="bad_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise broken
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _("Dateien mit Makros sind nicht erlaubt. Bitte speichern Sie die Tabelle als .xlsx ohne Makros."),
            code="macros",
        )
    if len(entries) > 10_000 or sum(entry.file_size for entry in entries) > max_unpacked_bytes():
        raise ValidationError(
            _("Die Excel-Datei ist entpackt zu groß (höchstens %(mb)s MB). Bitte teilen Sie sie auf."),
            params={"mb": max_unpacked_bytes() // 2**20},
            code="unpacked_too_large",
        )
    return data


def _decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes it ("CSV (Trennzeichen-getrennt)")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ValidationError(
            _(
                "Die CSV-Datei ist in UTF-16 gespeichert oder keine Textdatei. Bitte speichern Sie sie in Excel "
                "als „CSV UTF-8 (durch Trennzeichen getrennt)“."
            ),
            code="bad_encoding",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(
                _(
                    "Die Zeichenkodierung der CSV-Datei wurde nicht erkannt (erlaubt: UTF-8 oder Windows-1252). "
                    "Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“."
                ),
                code="bad_encoding",
            ) from None
    if "\x00" in text:
        raise ValidationError(_("Die CSV-Datei enthält Binärdaten und ist keine Textdatei."), code="bad_encoding")
    return text


def check_spreadsheet(upload) -> CheckedUpload:
    """Validate an uploaded XLSX or CSV file for the import; CSV is stored as UTF-8.
    Raises ValidationError (German)."""
    name = _checked_name(upload)
    extension = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ("xlsx", "csv"):
        raise ValidationError(SPREADSHEET_TYPES, code="bad_type")
    data = _read_capped(upload, max_import_bytes())
    if not data:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    is_zip = data.startswith(b"PK\x03\x04")
    if extension == "xlsx":
        if not is_zip:
            raise ValidationError(
                _("Die Dateiendung passt nicht zum Inhalt der Datei (keine Excel-Datei im Format .xlsx)."),
                code="bad_extension",
            )
        return CheckedUpload(content=_check_xlsx(data), content_type=XLSX, original_name=name[:255])
    if (
        is_zip
        or any(data.startswith(magic) for magic, _e in SIGNATURES.values())
        or data.startswith(b"\xd0\xcf\x11\xe0")
    ):
        raise ValidationError(
            _("Die Dateiendung passt nicht zum Inhalt der Datei (keine CSV-Textdatei)."), code="bad_extension"
        )
    text = _decode_csv(data)
    return CheckedUpload(content=text.encode("utf-8"), content_type=CSV, original_name=name[:255])


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
