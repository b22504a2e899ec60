"""Background jobs of the import (Procrastinate): files larger than WIR_IMPORT_INLINE_ROWS rows are
checked and imported by the task worker; the page shows the progress (static/js/progress.js)."""

import logging

from procrastinate.contrib.django import app

from . import services
from .models import ImportRun

logger = logging.getLogger(__name__)


@app.task(queue="imports")
def check_import(*, run_id: str) -> None:
    run = (
        ImportRun.objects.select_related("created_by", "caseworker")
        .filter(pk=run_id, status=ImportRun.Status.CHECKING)
        .first()
    )
    if run is not None:
        services.check(run)


@app.task(queue="imports")
def commit_import(*, run_id: str) -> None:
    run = (
        ImportRun.objects.select_related("created_by", "caseworker")
        .filter(pk=run_id, status=ImportRun.Status.IMPORTING)
        .first()
    )
    if run is not None:
        services.commit(run)
        logger.info("import %s: %s", run.pk, run.counts)
