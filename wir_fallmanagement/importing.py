"""The shared parts of the spreadsheet import (docs/import.md): reading a checked upload into a
tablib Dataset, the widgets that read German cells, and the base of every `…ImportResource`.

The apps' resources (`cases/resources.py`, `volunteers/resources.py`, `offers/resources.py`)
describe their columns; django-import-export runs the dry run and the commit. What lives here:

- `read_dataset`: XLSX through openpyxl in read-only mode *without* evaluating anything (a formula
  cell arrives as its text, e.g. "=1+1"), CSV through tablib with the separator detected (`;` or
  `,`). Leading empty rows are skipped, reading stops after `EMPTY_ROWS_END` empty rows in a row
  (a sheet with a million formatted but empty rows ends at its last data row), and more than
  `max_rows()` data rows are refused. Headers are trimmed; a header cell left empty while its
  column holds data (merged header cells) is refused at its column.
- Widgets: dates as dd.mm.yyyy, yyyy-mm-dd or Excel serial numbers, choices by their German
  label, yes/no, lists separated by `;`, master data by name — each with a plain German message.
- `ImportResource`: natural keys (`natural_key`, `find_existing`), duplicates within the file,
  "importiert aus <Datei>" as the history change reason, and the per-row report with every error
  at its row and column.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

EMPTY_ROWS_END = 1000
EXCEL_EPOCH = datetime.date(1899, 12, 30)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_rows() -> int:
    return getattr(settings, "WIR_IMPORT_MAX_ROWS", 10_000)


@dataclass
class Sheet:
    """The data rows of the file and, for each, its row number as the spreadsheet program shows it."""

    dataset: tablib.Dataset
    lines: list[int] = field(default_factory=list)


def _cell(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_empty(values) -> bool:
    return all(v is None or v == "" for v in values)


def _xlsx_rows(content: bytes):
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on broken files; defusedxml's on XML bombs
        raise ValidationError(
            _("Die Excel-Datei ist beschädigt oder kann nicht gelesen werden."), code="bad_xlsx"
        ) from None
    try:
        yield from enumerate(book.worksheets[0].iter_rows(values_only=True), 1)
    except Exception:
        raise ValidationError(
            _("Die Excel-Datei ist beschädigt oder kann nicht gelesen werden."), code="bad_xlsx"
        ) from None
    finally:
        book.close()


def detect_delimiter(text: str) -> str:
    """`;` (German Excel) or `,`: the one that splits the header line into more columns."""
    header = text.split("\n", 1)[0]
    counts = {d: len(next(csv.reader([header], delimiter=d))) for d in (";", ",")}
    return ";" if counts[";"] >= counts[","] else ","


def _csv_rows(content: bytes):
    text = content.decode("utf-8")
    data = tablib.Dataset()
    try:
        data.load(text, format="csv", headers=False, delimiter=detect_delimiter(text))
    except (csv.Error, tablib.InvalidDimensions):
        raise ValidationError(
            _("Die CSV-Datei kann nicht gelesen werden: die Zeilen haben unterschiedlich viele Spalten."),
            code="bad_csv",
        ) from None
    yield from enumerate(data, 1)


def read_dataset(content: bytes, content_type: str) -> Sheet:
    """The header and the data rows of a checked upload (uploads.check_spreadsheet)."""
    rows = _xlsx_rows(content) if content_type == XLSX else _csv_rows(content)
    headers = None
    sheet = Sheet(tablib.Dataset())
    body: list[list] = []
    empty_run = 0
    for number, raw in rows:
        values = [_cell(v) for v in raw]
        if _is_empty(values):
            if headers is not None:
                empty_run += 1
                if empty_run >= EMPTY_ROWS_END:
                    break
            continue
        empty_run = 0
        if headers is None:
            headers = values
            continue
        if len(body) >= max_rows():
            raise ValidationError(
                _("Die Datei hat mehr als %(max)s Datenzeilen. Bitte teilen Sie sie in mehrere Dateien auf."),
                params={"max": f"{max_rows():,}".replace(",", ".")},
                code="too_many_rows",
            )
        body.append(values)
        sheet.lines.append(number)
    if headers is None:
        raise ValidationError(_("Die Datei enthält keine Kopfzeile und keine Daten."), code="no_header")
    width = max([len(headers), *(len(r) for r in body)])
    headers = list(headers) + [None] * (width - len(headers))
    keep = []
    for index, header in enumerate(headers):
        has_data = any(index < len(r) and r[index] not in (None, "") for r in body)
        if header in (None, ""):
            if has_data:
                raise ValidationError(
                    _(
                        "Die Kopfzeile hat in Spalte %(column)s keinen Namen (verbundene Zellen?). "
                        "Bitte geben Sie jeder Spalte mit Daten eine eigene Überschrift."
                    ),
                    params={"column": column_letter(index)},
                    code="empty_header",
                )
            continue
        keep.append(index)
    names = [re.sub(r"\s+", " ", str(headers[i])).strip() for i in keep]
    seen = set()
    for name in names:
        if name.casefold() in seen:
            raise ValidationError(
                _("Die Spalte „%(name)s“ kommt in der Kopfzeile zweimal vor."), params={"name": name}, code="dup_header"
            )
        seen.add(name.casefold())
    sheet.dataset.headers = names
    for values in body:
        values = values + [None] * (width - len(values))
        sheet.dataset.append([values[i] for i in keep])
    return sheet


def column_letter(index: int) -> str:
    return openpyxl.utils.get_column_letter(index + 1)


# --------------------------------------------------------------------------------------------
# Widgets: German cells
# --------------------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text with surrounding spaces removed; whole numbers from Excel without ".0"."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime | datetime.date):
            value = value.strftime("%d.%m.%Y")
        return str(value).strip()


def parse_date(value) -> datetime.date | None:
    """dd.mm.yyyy, d.m.yy, yyyy-mm-dd, a date cell or an Excel serial number; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 200_000:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError
    text = str(value).strip()
    if re.fullmatch(r"\d{1,6}", text):  # a serial number that arrived as text (CSV from Excel)
        return parse_date(int(text))
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


class DateWidget(widgets.Widget):
    def __init__(self, *, past_only=False, **kwargs):
        self.past_only = past_only
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            day = parse_date(value)
        except (ValueError, OverflowError):
            raise ValueError(
                gettext("„%(value)s“ ist kein Datum. Erlaubt sind z. B. 31.12.2024 oder 2024-12-31.")
                % {"value": str(value)[:40]}
            ) from None
        if day is not None and self.past_only and day > timezone.localdate():
            raise ValueError(gettext("Das Datum %(day)s liegt in der Zukunft.") % {"day": day.strftime("%d.%m.%Y")})
        return day

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d.%m.%Y") if value else ""


class ChoiceWidget(widgets.Widget):
    """A choice by its German label (or its stored value), case and spaces ignored."""

    def __init__(self, choices, *, default="", **kwargs):
        self.choices = choices
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = re.sub(r"\s+", " ", str(value or "")).strip().casefold()
        if not text:
            return self.default
        for stored, label in self.choices.choices:
            if text in (str(stored).casefold(), str(label).casefold()):
                return stored
        raise ValueError(
            gettext("„%(value)s“ ist nicht zulässig. Erlaubt: %(allowed)s.")
            % {"value": str(value)[:40], "allowed": ", ".join(str(label) for label in self.choices.labels)}
        )


class YesNoWidget(widgets.Widget):
    YES = {"ja", "j", "x", "1", "true", "wahr", "yes"}
    NO = {"nein", "n", "0", "false", "falsch", "no", ""}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().casefold()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(gettext("Bitte „ja“ oder „nein“ eintragen (nicht „%(value)s“).") % {"value": str(value)[:40]})


class NumberWidget(widgets.Widget):
    """A whole number or, with `decimal`, an amount written the German way ("12,50")."""

    def __init__(self, *, decimal=False, **kwargs):
        self.decimal = decimal
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        text = str(value).strip().replace("€", "").replace(" ", "")
        if self.decimal and "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0 or (not self.decimal and number != int(number)):
            message = (
                gettext("„%(value)s“ ist kein Betrag (z. B. 12,50).")
                if self.decimal
                else gettext("„%(value)s“ ist keine ganze Zahl.")
            )
            raise ValueError(message % {"value": str(value)[:40]})
        return number.quantize(Decimal("0.01")) if self.decimal else int(number)


def split_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", str(value or "")) if part.strip()]


class ByNameWidget(widgets.Widget):
    """Master data (municipality, category, provider …) by its name, case ignored; one query per name."""

    def __init__(self, queryset, *, message, field="name", **kwargs):
        self.queryset = queryset
        self.message = message
        self.field = field
        self._cache = {}
        super().__init__(**kwargs)

    def lookup(self, name):
        key = name.casefold()
        if key not in self._cache:
            self._cache[key] = self.queryset.filter(**{f"{self.field}__iexact": name}).first()
        if self._cache[key] is None:
            raise ValueError(self.message % {"value": name[:80]})
        return self._cache[key]

    def clean(self, value, row=None, **kwargs):
        name = re.sub(r"\s+", " ", str(value or "")).strip()
        return self.lookup(name) if name else None


# --------------------------------------------------------------------------------------------
# The base resource
# --------------------------------------------------------------------------------------------


def column(attribute: str, name: str, widget=None) -> fields.Field:
    """One column of a resource: the model attribute, its German header, its widget (text by default)."""
    return fields.Field(attribute=attribute, column_name=name, widget=widget or TextWidget())


def only_declared(model) -> list[str]:
    """Meta.exclude for a resource that imports its declared columns and nothing else."""
    return [f.name for f in model._meta.get_fields()]


def fold(value) -> str:
    """A natural key part: case, surrounding and doubled spaces ignored."""
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold()


class ImportResource(resources.ModelResource):
    """Base of the apps' `…ImportResource`s. Subclasses define `natural_key(row)` (a tuple of
    folded values, or None when the row has too little to be identified), `find_existing(key)`
    (the record the user may change, or None), `key_columns` (where a duplicate is reported) and
    `label(row)`. The user, the caseworker and the file name are given at construction."""

    key_columns: tuple[str, ...] = ()
    required_columns: tuple[str, ...] = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_html_diff = True
        use_transactions = True

    def __init__(self, *, user, file_name: str, caseworker=None):
        super().__init__()
        self.user = user
        self.caseworker = caseworker
        self.reason = (gettext("importiert aus %(name)s") % {"name": file_name})[:100]
        self.notes: dict[int, dict] = {}
        self._seen: dict[tuple, int] = {}
        self._labels: dict[int, str] = {}
        self.created: set = set()
        self.started_at = timezone.now()
        self.lines: list[int] = []
        self.progress = None

    # --- what subclasses define -------------------------------------------------------------

    def natural_key(self, row) -> tuple | None:
        raise NotImplementedError

    def find_existing(self, key: tuple):
        raise NotImplementedError

    def label(self, row) -> str:
        raise NotImplementedError

    def key_column(self, key: tuple) -> str:
        """The column a duplicate within the file is reported at."""
        return self.key_columns[0]

    def note(self, row, new: bool) -> dict:
        """Extra facts for the dry-run page (e.g. probable duplicates); empty by default."""
        return {}

    # --- the cycle --------------------------------------------------------------------------

    @classmethod
    def columns(cls) -> list[str]:
        """The template's headers, in order."""
        return [f.column_name for f in cls.fields.values()]

    def column_of(self, attribute: str) -> str:
        for f in self.fields.values():
            if f.attribute == attribute or f.column_name == attribute:
                return f.column_name
        return ""

    def check_headers(self, headers: list[str]) -> list[str]:
        """Missing required columns (German message each); unknown columns are reported by the caller."""
        present = {h.casefold() for h in headers}
        return [
            gettext("Die Pflichtspalte „%(name)s“ fehlt.") % {"name": name}
            for name in self.required_columns
            if name.casefold() not in present
        ]

    def normalise_headers(self, dataset: tablib.Dataset) -> list[str]:
        """Match the file's headers to ours ignoring case; return the unknown ones."""
        ours = {f.column_name.casefold(): f.column_name for f in self.fields.values()}
        unknown, headers = [], []
        for header in dataset.headers:
            match = ours.get(header.casefold())
            headers.append(match or header)
            if match is None:
                unknown.append(header)
        dataset.headers = headers
        return unknown

    def before_import(self, dataset, **kwargs):
        """Override to look up the existing records of the whole file at once."""

    def before_import_row(self, row, **kwargs):
        number = kwargs["row_number"]
        self._labels[number] = self.label(row)
        key = self.natural_key(row)
        if key is not None:
            first = self._seen.setdefault(key, number)
            if first != number:
                line = self.lines[first - 1] if self.lines else first
                raise ValidationError(
                    {
                        self.key_column(key): gettext(
                            "Doppelt in der Datei: dieselbe Angabe steht schon in Zeile %(line)s."
                        )
                        % {"line": line}
                    }
                )
        if self.progress is not None and number % 100 == 0:
            self.progress(number)

    def import_instance(self, instance, row, **kwargs):
        """django-import-export checks many-to-many columns only when it saves them, after the row
        passed; here they are checked with the others, so their errors land at their column."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for f in self.get_import_fields():
            if isinstance(f.widget, widgets.ManyToManyWidget) and f.column_name in row:
                try:
                    f.clean(row)
                except ValueError as error:
                    errors[f.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Uniqueness is the natural key's business (and the database's); the model's own
        # validators and clean() check every value.
        super().validate_instance(instance, import_validation_errors, validate_unique=False)

    def get_instance(self, instance_loader, row):
        key = self.natural_key(row)
        return self.find_existing(key) if key is not None else None

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = self.reason
        instance._import_adding = instance._state.adding

    def after_save_instance(self, instance, row, **kwargs):
        if instance._import_adding:
            self.created.add(instance.pk)

    def sync_languages(self, instance, model, owner: str, row) -> None:
        """Make the person's language rows (`model` with FK `owner`) what the "Sprachen" column says."""
        if "Sprachen" not in row:
            return
        wanted = dict(instance.languages_import)
        existing = [] if instance._import_adding else instance.languages.select_related("language")
        for language in existing:
            language._change_reason = self.reason
            level = wanted.pop(language.language.code, None)
            if level is None:
                language.delete()
            elif level != language.level:
                language.level = level
                language.save()
        ids = self.fields["languages_import"].widget.ids_by_code()
        for code, level in wanted.items():
            language = model(**{owner: instance}, language_id=ids[code], level=level)
            language._change_reason = self.reason
            language.save()

    def after_import_row(self, row, row_result, **kwargs):
        if kwargs.get("dry_run"):
            extra = self.note(row, row_result.import_type == RowResult.IMPORT_TYPE_NEW)
            if extra:
                self.notes[kwargs["row_number"]] = extra

    # --- the report ---------------------------------------------------------------------------

    def _messages(self, error: ValidationError) -> list[dict]:
        out = []
        items = error.error_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.error_list)]
        for attribute, errors in items:
            column = "" if attribute == NON_FIELD_ERRORS else self.column_of(attribute) or attribute
            for item in errors:
                for message in ValidationError(item).messages:
                    out.append({"column": column, "message": message})
        return out

    def report(self, result) -> list[dict]:
        """One entry per data row: its row number in the file, what happens, and every error."""
        entries = []
        for index, row_result in enumerate(result.rows, 1):
            errors = []
            if row_result.validation_error is not None:
                errors = self._messages(row_result.validation_error)
            for error in row_result.errors:
                if isinstance(error.error, IntegrityError):
                    message = gettext("Die Zeile verletzt eine Regel der Datenbank und kann nicht gespeichert werden.")
                else:
                    message = gettext("Die Zeile kann nicht verarbeitet werden.")
                errors.append({"column": "", "message": message})
            entry = {
                "line": self.lines[index - 1] if self.lines else index + 1,
                "action": "error" if errors else row_result.import_type,
                "label": self._labels.get(index, ""),
                "errors": errors,
            }
            entry.update(self.notes.get(index, {}))
            entries.append(entry)
        return entries
