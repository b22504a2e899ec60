"""Background jobs of the authorisations app (Procrastinate; run by `manage.py procrastinate worker`)."""

import logging

from procrastinate.contrib.django import app

from . import services

logger = logging.getLogger(__name__)


# Daily at 00:05 UTC (after midnight in Germany). `manage.py expire_authorisations` does the same.
@app.periodic(cron="5 0 * * *")
@app.task(name="authorisations.expire_authorisations", queueing_lock="expire_authorisations")
def expire_authorisations(timestamp: int) -> int:
    count = services.expire_authorisations()
    logger.info("expire_authorisations: %s Vollmacht(en) abgelaufen", count)
    return count
