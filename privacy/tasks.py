"""Background jobs of the privacy app (Procrastinate; run by `manage.py procrastinate worker`):
the daily retention run and the information letter (Art. 15 GDPR), which must not be rendered
in a web worker (wir_fallmanagement/documents.py)."""

import datetime
import logging

from django.utils import timezone
from procrastinate.contrib.django import app

from cases.models import Client
from wir_fallmanagement import documents

from . import letter, retention

logger = logging.getLogger(__name__)


def day_of(timestamp: int) -> datetime.date:
    """The local day a periodic job was scheduled for (a late run still uses its own day)."""
    return timezone.localtime(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)).date()


# Daily at 01:30 UTC (night in Germany). `manage.py apply_retention` does the same; a second run
# on the same day finds nothing left to do.
@app.periodic(cron="30 1 * * *")
@app.task(name="privacy.apply_retention", queueing_lock="apply_retention")
def apply_retention(timestamp: int) -> dict:
    run = retention.apply(today=day_of(timestamp))
    logger.info("apply_retention: %s", run.counts)
    return run.counts


@app.task(name="privacy.render_information_letter", queue=documents.QUEUE, retry=documents.RETRY)
def render_information_letter(*, client_id: str, for_document: str = "") -> None:
    client = Client.objects.select_related("municipality", "household").filter(pk=client_id).first()
    if client is not None:
        documents.store(letter.letter_html(client))
