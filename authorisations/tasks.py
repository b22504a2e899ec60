"""Background jobs of the authorisations app (Procrastinate; run by `manage.py procrastinate worker`):
the daily expiry and the Vollmacht PDFs (printing, draft previews), which must not run in web workers."""

import contextlib
import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import AlreadyEnqueued

from . import services
from .models import Authorisation
from .pdf import PDF_VARIANT, authorisation_html, html_to_pdf

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
        cache.set(key, html_to_pdf(html, pdf_variant=PDF_VARIANT), PREVIEW_SECONDS)


def request_preview(authorisation: Authorisation, base_url: str) -> None:
    """Queue the preview unless one is already waiting for this Vollmacht."""
    with contextlib.suppress(AlreadyEnqueued):
        render_preview.configure(queueing_lock=f"authorisation-preview-{authorisation.pk}").defer(
            authorisation_id=authorisation.pk, base_url=base_url
        )


def preview_failed(authorisation: Authorisation) -> bool:
    """True when the last preview job gave up and none is waiting."""
    job = _jobs(render_preview, authorisation).order_by("-id").first()
    return job is not None and job.status == "failed"
