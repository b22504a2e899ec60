"""CSV/XLSX exports of the staff lists: exactly the filtered rows the page shows.

Each app registers its exportable lists in its `AppConfig.ready()`
(`wir_fallmanagement.lists.register_export`):

    lists.register_export(lists.ExportableList("volunteers", "ehrenamtliche", filters.volunteer_rows,
                                               resources.VolunteerExportResource, client_field=None))

`rows(user, params)` is the same function the list view uses to build its page (filters, sort,
visibility), so the file has the page's count. One view (`cases.views.list_export`) answers for
every list: small exports at once, larger ones (`WIR_EXPORT_BACKGROUND_ROWS`) through the task
worker (`cases.tasks.write_list_export`) as a `ListExport` only its requester may download.
Every export writes one access-log row per client in it and a security event.
"""

import datetime
from collections.abc import Callable

import tablib
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from accounts import security
from wir_fallmanagement.lists import EXPORTABLE, ExportableList
from wir_fallmanagement.spreadsheets import to_csv, to_xlsx

from .models import AccessLog, ListExport

CONTENT_TYPES = {
    ListExport.Format.CSV: "text/csv; charset=utf-8",
    ListExport.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PROGRESS_STEP = 500  # rows between two progress updates of a background export


def get_exportable(name: str) -> ExportableList:
    try:
        return EXPORTABLE[name]
    except KeyError:
        raise Http404 from None


def queryset_for(exportable: ExportableList, user, params: QueryDict) -> QuerySet:
    return exportable.rows(user, params).queryset


def dataset(exportable: ExportableList, queryset: QuerySet, progress: Callable[[int], None] | None = None):
    resource = exportable.resource()
    data = tablib.Dataset(headers=resource.get_export_headers(), title=exportable.filename)
    for number, row in enumerate(resource.iter_queryset(queryset), start=1):
        data.append(resource.export_resource(row))
        if progress and number % PROGRESS_STEP == 0:
            progress(number)
    return data


def write(file_format: str, data: tablib.Dataset) -> bytes:
    return to_xlsx(data) if file_format == ListExport.Format.XLSX else to_csv(data)


def file_name(exportable: ExportableList, file_format: str, day: datetime.date | None = None) -> str:
    return f"{exportable.filename}-{(day or timezone.localdate()):%Y-%m-%d}.{file_format}"


def log_export(*, user, exportable: ExportableList, queryset: QuerySet, target: str, request=None, **details) -> None:
    """One access-log row per client whose data is in the file, and a security event."""
    if exportable.client_field:
        rows = queryset.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        client_ids = rows.exclude(**{exportable.client_field: None}).values_list(exportable.client_field, flat=True)
        client_ids = client_ids.order_by().distinct()
        AccessLog.objects.bulk_create(
            (
                AccessLog(user=user, client_id=pk, action=AccessLog.Action.LIST_EXPORT, target=target)
                for pk in client_ids
            ),
            batch_size=1000,
        )
    security.event("list_export", request=request, user=user, target=target, **details)


def expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=settings.WIR_EXPORT_KEEP_HOURS)
