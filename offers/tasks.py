"""Work of the offers app that runs in the task worker: the public directory as PDF."""

import datetime

from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from .directory import data_version, directory_languages, pdf_key, render_directory
from .models import DirectoryPdf

#: Up to 3 retries, waiting 5, 25 and 125 seconds.
PDF_RETRY = RetryStrategy(max_attempts=3, exponential_wait=5)
KEEP_OLD_COPIES = datetime.timedelta(days=2)


@app.task(queue="documents", retry=PDF_RETRY, pass_context=True)
def render_directory_pdf(context, *, key: str) -> None:
    """Render one stored copy (idempotent: a ready one is left alone)."""
    stored = DirectoryPdf.objects.filter(key=key).exclude(status=DirectoryPdf.Status.READY).first()
    if stored is None:
        return
    try:
        pdf = render_directory(stored.lang, stored.query)
    except Exception:
        if context.job.attempts >= PDF_RETRY.max_attempts:
            DirectoryPdf.objects.filter(pk=stored.pk).update(status=DirectoryPdf.Status.FAILED)
        raise
    DirectoryPdf.objects.filter(pk=stored.pk).update(
        status=DirectoryPdf.Status.READY, pdf=pdf, finished_at=timezone.now()
    )


@app.task(queue="documents", retry=PDF_RETRY, queueing_lock="directory-prerender")
def prerender_directory() -> None:
    """After a change of offers: the unfiltered list in every language, so that the PDF link
    answers at once; copies of older data are dropped after a while."""
    version = data_version()
    for lang in (language.code for language in directory_languages()):
        key = pdf_key(lang, "", version)
        stored, _created = DirectoryPdf.objects.get_or_create(key=key, defaults={"lang": lang, "query": ""})
        if stored.status != DirectoryPdf.Status.READY:
            DirectoryPdf.objects.filter(pk=stored.pk).update(
                status=DirectoryPdf.Status.READY, pdf=render_directory(lang, ""), finished_at=timezone.now()
            )
    DirectoryPdf.objects.filter(created_at__lt=timezone.now() - KEEP_OLD_COPIES).delete()


def offers_changed(**_signal) -> None:
    """Receiver for saves and deletions of what the directory prints: queue one pre-rendering
    (in the same transaction; a waiting one covers this change too)."""
    try:
        with transaction.atomic():
            prerender_directory.defer()
    except AlreadyEnqueued:
        pass
