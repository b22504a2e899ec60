"""Work of the authorisations app that runs in the task worker."""

from django.db import transaction
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from .models import Authorisation, AuthorisationPdf
from .pdf import render_revocation_notice

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
