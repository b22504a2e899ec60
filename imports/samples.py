"""The downloadable templates: German headers and one example row, as XLSX or CSV (UTF-8 with BOM,
separated by semicolons, as German Excel opens it)."""

import tablib

from wir_fallmanagement.uploads import CSV, XLSX

from . import services


def template_file(kind: str, fmt: str) -> tuple[bytes, str]:
    resource = services.RESOURCES[kind]
    data = tablib.Dataset(headers=resource.columns())
    data.append([resource.example.get(column, "") for column in resource.columns()])
    data.title = str(resource._meta.model._meta.verbose_name_plural)[:31]
    if fmt == "xlsx":
        return data.export("xlsx"), XLSX
    return ("\ufeff" + data.export("csv", delimiter=";")).encode("utf-8"), CSV + "; charset=utf-8"
