"""Spreadsheets that leave the system (list exports, reports): the one formula neutralisation and
the CSV/XLSX writers.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice ("CSV injection"); `neutralise` puts an apostrophe in front, so the cell
shows the text as typed and never runs. Every exported text cell goes through it — numbers and
dates stay real numbers and dates.

Export resources (`<app>/resources.py`, named `…ExportResource`) derive from `ExportResource`:
django-import-export builds the rows, this module writes them.
"""

import csv
import datetime
import decimal
import io

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from openpyxl.styles import Font
from openpyxl.workbook import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"  # what German Excel expects
BOM = "\ufeff"  # so that Excel reads the CSV as UTF-8


def neutralise(value):
    """The value, with an apostrophe in front if it is a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


NATIVE = (str, bool, int, float, decimal.Decimal, datetime.date)


def cell(value):
    """A value as a spreadsheet cell: numbers, truth values and dates as they are (times in local
    time without a zone, which XLSX lacks), None as empty, anything else as its text; text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if not isinstance(value, NATIVE):
        value = str(value)
    return neutralise(value)


def column(attribute: str, header) -> fields.Field:
    """An export column: `attribute` follows `__` through relations and calls methods
    (`get_status_display`); `header` is its German heading."""
    return fields.Field(attribute=attribute, column_name=header, readonly=True)


class ExportResource(resources.Resource):
    """Base of the list exports (`<app>/resources.py`, `…ExportResource`): the declared columns
    with their native values (dates stay dates), every cell through `cell`. A `dehydrate_<name>`
    method computes a column instead."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return [self.export_value(name, field, instance) for name, field in self.fields.items()]

    def export_value(self, name, field, instance):
        method = getattr(self, f"dehydrate_{name}", None)
        return cell(method(instance) if method is not None else field.get_value(instance))

    def get_export_headers(self, selected_fields=None):
        return [str(field.column_name) for field in self.fields.values()]


def _csv_text(value) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (decimal.Decimal, float)):
        return str(value).replace(".", ",")
    return str(value)


def to_csv(dataset: tablib.Dataset) -> bytes:
    """CSV as German Excel opens it: UTF-8 with BOM, `;`, dates as TT.MM.JJJJ, decimal comma."""
    stream = io.StringIO()
    stream.write(BOM)
    writer = csv.writer(stream, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in dataset.headers or []])
    for row in dataset:
        writer.writerow([_csv_text(neutralise(value)) for value in row])
    return stream.getvalue().encode("utf-8")


def to_xlsx(dataset: tablib.Dataset) -> bytes:
    """XLSX with a bold, frozen header row; dates as date cells formatted TT.MM.JJJJ."""
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = (dataset.title or "Export")[:31]
    sheet.append([neutralise(str(h)) for h in dataset.headers or []])
    for header in sheet[1]:
        header.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in dataset:
        sheet.append([neutralise(value) for value in row])
    for column in sheet.iter_cols(min_row=2):
        for item in column:
            if isinstance(item.value, datetime.datetime):
                item.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(item.value, datetime.date):
                item.number_format = "DD.MM.YYYY"
    for column in sheet.columns:
        width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
