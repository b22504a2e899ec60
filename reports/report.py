"""The yearly report for the funding body (Sachbericht / Verwendungsnachweis): the same figures
as PDF (A4, through the shared WeasyPrint helper, PDF/A) and as XLSX (openpyxl). Both leave the
system, so counts of 1 or 2 people are shown as "< 3"."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from wir_fallmanagement.pdf import render_pdf
from wir_fallmanagement.spreadsheets import neutralise

from .charts import bar_chart
from .statistics import Period, Section, Table, suppressed


def exported_rows(table: Table) -> list[tuple[str, list]]:
    return [
        (label, [suppressed(value, is_count=index in table.counts) for index, value in enumerate(values)])
        for label, values in table.rows
    ]


def render_yearly_pdf(*, year: int, sections: list[Section], narrative: str) -> bytes:
    blocks = [
        {
            "title": section.title,
            "tables": [
                {
                    "table": table,
                    "rows": exported_rows(table),
                    "chart": bar_chart(table, suppress=0 in table.counts),
                }
                for table in section.tables
            ],
        }
        for section in sections
    ]
    context = {"year": year, "sections": blocks, "narrative": narrative, "made_on": timezone.localdate()}
    return render_pdf(
        "reports/pdf/yearly_report.html",
        context,
        title=f"Sachbericht WIR-Fallmanagement {settings.WIR_DISTRICT_NAME} {year}",
        lang="de",
    )


def _cell(value):
    """Text that a spreadsheet would run as a formula (a municipality or offer named "=…") is
    written as plain text (wir_fallmanagement.spreadsheets.neutralise, the one helper)."""
    if isinstance(value, Promise):  # a choice's translated label
        value = str(value)
    if value is None:
        return ""
    return neutralise(value)


def render_yearly_xlsx(*, year: int, sections: list[Section], narrative: str) -> bytes:
    """One sheet: every table under its title, numbers as numbers (suppressed cells as text)."""
    period = Period.year(year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Jahresbericht {year}"
    bold = Font(bold=True)
    sheet.append([f"Sachbericht WIR-Fallmanagement {settings.WIR_DISTRICT_NAME}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Zeitraum", period.first, period.last])
    sheet["B2"].number_format = sheet["C2"].number_format = "DD.MM.YYYY"
    sheet.append(["Zahlen von 1 oder 2 Personen sind als „< 3“ angegeben."])
    for section in sections:
        sheet.append([])
        sheet.append([section.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
        for table in section.tables:
            sheet.append([_cell(table.title), *map(_cell, table.header)])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for label, values in exported_rows(table):
                sheet.append([_cell(label), *[_cell(value) for value in values]])
            if table.note:
                sheet.append([table.note])
            sheet.append([])
    sheet.column_dimensions["A"].width = 60
    for column in range(2, 10):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    text = book.create_sheet("Sachbericht")
    text.append([f"Sachbericht {year}"])
    text["A1"].font = bold
    for paragraph in (narrative or "").splitlines():
        text.append([_cell(paragraph)])
    text.column_dimensions["A"].width = 120
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
