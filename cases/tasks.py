"""Background jobs of the cases app (Procrastinate): large list exports and their daily clean-up,
and the consent form, which must not be rendered in a web worker (wir_fallmanagement/documents.py)."""

import logging

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from wir_fallmanagement import documents

from . import exports
from .models import Consent, ListExport
from .pdf import consent_form_html

logger = logging.getLogger(__name__)

EXPORT_RETRY = RetryStrategy(max_attempts=3, exponential_wait=5)


@app.task(name="cases.write_list_export", queue="documents", retry=EXPORT_RETRY, pass_context=True)
def write_list_export(context, *, export_id: int) -> None:
    """Write the file of a `ListExport` with the rows its requester sees now; a repeated job for a
    finished export does nothing."""
    job = ListExport.objects.select_related("requested_by").defer("data").filter(pk=export_id).first()
    if job is None or job.is_finished:
        return
    if not job.requested_by.is_active:  # deactivated since asking: nothing leaves the system for them
        ListExport.objects.filter(pk=job.pk).update(status=ListExport.Status.FAILED, finished_at=timezone.now())
        return
    exportable = exports.get_exportable(job.list_name)
    queryset = exports.queryset_for(exportable, job.requested_by, QueryDict(job.params))
    rows = ListExport.objects.filter(pk=job.pk)
    rows.update(status=ListExport.Status.RUNNING, done=0, total=queryset.count())
    try:
        data = exports.dataset(exportable, queryset, progress=lambda n: rows.update(done=n))
        content = exports.write(job.file_format, data)
    except Exception:
        if context.job.attempts >= EXPORT_RETRY.max_attempts:
            rows.update(status=ListExport.Status.FAILED, finished_at=timezone.now())
        raise
    with transaction.atomic():
        rows.update(
            status=ListExport.Status.DONE, data=content, done=len(data), total=len(data), finished_at=timezone.now()
        )
        exports.log_export(
            user=job.requested_by,
            exportable=exportable,
            queryset=queryset,
            target=f"export:{job.pk}",
            rows=len(data),
            format=job.file_format,
            background="yes",
        )


# Daily at 03:15 UTC: exports past their time are deleted with their file.
@app.periodic(cron="15 3 * * *")
@app.task(name="cases.delete_expired_exports", queueing_lock="delete_expired_exports")
def delete_expired_exports(timestamp: int) -> int:
    count, _ = ListExport.objects.filter(expires_at__lte=timezone.now()).delete()
    logger.info("delete_expired_exports: %s Export(e) gelöscht", count)
    return count


@app.task(name="cases.render_consent_form", queue=documents.QUEUE, retry=documents.RETRY)
def render_consent_form(*, consent_id: int, lang: str, for_document: str = "") -> None:
    consent = Consent.objects.select_related("client__municipality").filter(pk=consent_id).first()
    if consent is not None:
        documents.store(consent_form_html(consent, lang))
