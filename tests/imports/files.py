"""Spreadsheets written by the tests themselves, the way Excel and LibreOffice write them."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

CLIENT_HEADERS = [
    "Familienname",
    "Vorname(n)",
    "Geburtsdatum",
    "Geschlecht",
    "Kommune",
    "BG-Nummer",
    "Rolle in der BG",
    "Sprachen",
]


def xlsx(rows: list[list], *, headers=CLIENT_HEADERS, prepare=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if prepare:
        prepare(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], *, headers=CLIENT_HEADERS, delimiter=";", encoding="utf-8", bom=False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
