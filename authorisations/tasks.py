"""Background jobs of the authorisations app (Procrastinate; run by `manage.py procrastinate worker`):
the daily expiry, the revocation notice, the handover print bundle and the Vollmacht PDFs
(printing, draft previews), which must not be rendered in web workers."""

import contextlib
import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from wir_fallmanagement import documents
from wir_fallmanagement.pdf import merge_pdfs

from . import services
from .models import Authorisation, AuthorisationPdf, Handover, PrintJob
from .pdf import authorisation_html, handover_html, html_to_pdf, render_handover, render_revocation_notice

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
    # Never anyone whose processing is restricted (Art. 18 GDPR), whoever asked: a print copy
    # leaves the system, and the same file is offered to everyone who may see the handover.
    authorisations, consents = handover.content()
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, done=0, total=len(authorisations) + 1)
    try:
        parts = [render_handover(handover, authorisations, consents)]
        PrintJob.objects.filter(pk=job.pk).update(done=1)
        for number, authorisation in enumerate(authorisations, start=2):
            stored = authorisation.current_pdf()
            if stored is not None:
                parts.append(bytes(stored.pdf))
            PrintJob.objects.filter(pk=job.pk).update(done=number)
        bundle = merge_pdfs(parts)  # tagged like its parts
    except Exception:
        # The worker retries; the page says "failed" only once the last try has failed.
        if context.job.attempts >= PDF_RETRY.max_attempts:
            PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.FAILED, finished_at=timezone.now())
        raise
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.DONE, pdf=bundle, finished_at=timezone.now())


#: How long a rendered draft preview is kept in the (shared, database) cache.
PREVIEW_SECONDS = 24 * 60 * 60


# --- printing --------------------------------------------------------------------------------


def print_lock(authorisation: Authorisation) -> str:
    return f"print-authorisation-{authorisation.pk}"


@app.task(name="authorisations.print_authorisation", queue=PDF_QUEUE, retry=PDF_RETRY)
def print_authorisation(*, authorisation_id: int, version: int, user_id: int, base_url: str) -> None:
    """Render and store the PDF of `version` and mark the Vollmacht printed (services.print_authorisation,
    one transaction). A repeated job finds the stored PDF and changes nothing; a job for a version
    that is no longer current, or for a Vollmacht that can no longer be printed, does nothing."""
    authorisation = Authorisation.objects.filter(pk=authorisation_id, version=version).first()
    if authorisation is None:
        return
    try:
        services.print_authorisation(authorisation=authorisation, user=get_user_model()(pk=user_id), base_url=base_url)
    except ValidationError as error:
        logger.warning("print_authorisation %s: %s", authorisation_id, " ".join(error.messages))


def _jobs(task, authorisation: Authorisation):
    return ProcrastinateJob.objects.filter(task_name=task.name, args__authorisation_id=authorisation.pk)


def print_state(authorisation: Authorisation) -> str:
    """For a draft: "queued" while a print job waits or runs, "failed" when the last one gave up
    (all tries failed), else "" (successful jobs are deleted; the Vollmacht is then printed)."""
    if authorisation.status != Authorisation.Status.DRAFT:
        return ""
    job = _jobs(print_authorisation, authorisation).filter(args__version=authorisation.version).order_by("-id").first()
    if job is None:
        return ""
    if job.status in ("todo", "doing"):
        return "queued"
    return "failed" if job.status == "failed" else ""


# --- draft previews --------------------------------------------------------------------------


def preview_html(authorisation: Authorisation, base_url: str) -> str:
    verify_url, entry_url = services.verification_urls(base_url, authorisation.token)
    return authorisation_html(authorisation, verify_url=verify_url, entry_url=entry_url, draft=True)


def preview_key(authorisation: Authorisation, html: str) -> str:
    """The cache key of a preview: the HTML it is made from, so any change to the Vollmacht, its
    principal, agent, office or texts (or the date on it) makes a new preview."""
    return f"authorisation-preview:{authorisation.pk}:{hashlib.sha256(html.encode()).hexdigest()}"


def cached_preview(authorisation: Authorisation, base_url: str) -> bytes | None:
    return cache.get(preview_key(authorisation, preview_html(authorisation, base_url)))


@app.task(name="authorisations.render_preview", queue=PDF_QUEUE, retry=RetryStrategy(max_attempts=2))
def render_preview(*, authorisation_id: int, base_url: str) -> None:
    """Render the draft preview ("Entwurf") as the Vollmacht reads now and keep it in the cache."""
    authorisation = (
        Authorisation.objects.select_related("principal__household", "principal__municipality", "agent", "kjc_branch")
        .filter(pk=authorisation_id)
        .first()
    )
    if authorisation is None:
        return
    html = preview_html(authorisation, base_url)
    key = preview_key(authorisation, html)
    if cache.get(key) is None:
        cache.set(key, html_to_pdf(html), PREVIEW_SECONDS)


def request_preview(authorisation: Authorisation, base_url: str) -> None:
    """Queue the preview unless one is already waiting for this Vollmacht."""
    with contextlib.suppress(AlreadyEnqueued), transaction.atomic():  # a savepoint, as in services.request_print
        render_preview.configure(queueing_lock=f"authorisation-preview-{authorisation.pk}").defer(
            authorisation_id=authorisation.pk, base_url=base_url
        )


def preview_failed(authorisation: Authorisation) -> bool:
    """True when the last preview job gave up and none is waiting."""
    job = _jobs(render_preview, authorisation).order_by("-id").first()
    return job is not None and job.status == "failed"


@app.task(name="authorisations.render_handover_sheet", queue=documents.QUEUE, retry=documents.RETRY)
def render_handover_sheet(*, handover_id: int, user_id: int, for_document: str = "") -> None:
    """The handover sheet as the user who asked for it may see it (wir_fallmanagement.documents)."""
    handover = Handover.objects.select_related("kjc_branch", "created_by").filter(pk=handover_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if handover is not None and user is not None:
        documents.store(handover_html(handover, *handover.content_for(user)))
