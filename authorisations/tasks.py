"""Background jobs of the authorisations app (Procrastinate; run by `manage.py procrastinate worker`):
the daily expiry, the revocation notice and the handover print bundle."""

import io
import logging

from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from pypdf import PdfReader, PdfWriter

from . import services
from .models import Authorisation, AuthorisationPdf, PrintJob
from .pdf import render_handover, render_revocation_notice

logger = logging.getLogger(__name__)


# Daily at 00:05 UTC (after midnight in Germany). `manage.py expire_authorisations` does the same.
@app.periodic(cron="5 0 * * *")
@app.task(name="authorisations.expire_authorisations", queueing_lock="expire_authorisations")
def expire_authorisations(timestamp: int) -> int:
    count = services.expire_authorisations()
    logger.info("expire_authorisations: %s Vollmacht(en) abgelaufen", count)
    return count


#: PDFs: up to 5 retries, waiting 5, 25, 125, 625, 3125 seconds.
PDF_RETRY = RetryStrategy(max_attempts=5, exponential_wait=5)
PDF_QUEUE = "documents"


@app.task(queue=PDF_QUEUE, retry=PDF_RETRY)
def write_revocation_notice(*, authorisation_id: int, user_id: int | None = None) -> None:
    """Render and keep the revocation notice for the KJC, once: a repeated job finds it and stops."""
    with transaction.atomic():
        row = (
            Authorisation.objects.select_for_update(of=("self",))
            .select_related("principal__household", "principal__municipality", "agent", "kjc_branch")
            .filter(pk=authorisation_id, status=Authorisation.Status.REVOKED)
            .first()
        )
        if row is None or row.pdfs.filter(kind=AuthorisationPdf.Kind.REVOCATION).exists():
            return
        AuthorisationPdf.objects.create(
            authorisation=row,
            kind=AuthorisationPdf.Kind.REVOCATION,
            version=row.version,
            pdf=render_revocation_notice(row),
            created_by_id=user_id,
        )


def revocation_notice_failed(authorisation: Authorisation) -> bool:
    """True when the last job writing this notice gave up (all tries failed)."""
    job = (
        ProcrastinateJob.objects.filter(task_name=write_revocation_notice.name, args__authorisation_id=authorisation.pk)
        .order_by("-id")
        .first()
    )
    return job is not None and job.status == "failed"


@app.task(queue=PDF_QUEUE, retry=PDF_RETRY, pass_context=True)
def print_handover_bundle(context, *, job_id: int) -> None:
    """The handover sheet and then every Vollmacht of the handover exactly as printed, in one PDF.
    Each step is committed on its own, so the page can show how far it got."""
    job = PrintJob.objects.select_related("handover__kjc_branch", "handover__created_by").filter(pk=job_id).first()
    if job is None or job.status == PrintJob.Status.DONE:
        return
    handover = job.handover
    authorisations = list(
        handover.authorisations.select_related("principal__household", "principal__municipality", "agent").order_by(
            "principal__family_name", "pk"
        )
    )
    consents = list(handover.consents.select_related("client").order_by("client__family_name", "pk"))
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, done=0, total=len(authorisations) + 1)
    try:
        bundle = PdfWriter()
        bundle.append(PdfReader(io.BytesIO(render_handover(handover, authorisations, consents))))
        PrintJob.objects.filter(pk=job.pk).update(done=1)
        for number, authorisation in enumerate(authorisations, start=2):
            stored = authorisation.current_pdf()
            if stored is not None:
                bundle.append(PdfReader(io.BytesIO(bytes(stored.pdf))))
            PrintJob.objects.filter(pk=job.pk).update(done=number)
        output = io.BytesIO()
        bundle.write(output)
    except Exception:
        # The worker retries; the page says "failed" only once the last try has failed.
        if context.job.attempts >= PDF_RETRY.max_attempts:
            PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.FAILED, finished_at=timezone.now())
        raise
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.Status.DONE, pdf=output.getvalue(), finished_at=timezone.now()
    )
