"""Background jobs of the reports app (Procrastinate; run by `manage.py procrastinate worker`)."""

import logging

from procrastinate.contrib.django import app

from . import reminders

logger = logging.getLogger(__name__)


# Daily at 04:00 UTC (05:00/06:00 in Germany). `manage.py send_reminders` does the same.
@app.periodic(cron="0 4 * * *")
@app.task(name="reports.send_reminders", queueing_lock="send_reminders")
def send_reminders(timestamp: int) -> int:
    count = reminders.send_reminders()
    logger.info("send_reminders: %s e-mails", count)
    return count
