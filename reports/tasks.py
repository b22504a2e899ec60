"""Background jobs of the reports app (Procrastinate; run by `manage.py procrastinate worker`):
the daily reminders, each person's mail a job of its own (`reminders.send_reminder`)."""

import logging

from procrastinate.contrib.django import app

from . import reminders
from .reminders import send_reminder

__all__ = ["send_reminder", "send_reminders"]

logger = logging.getLogger(__name__)


# Daily at 04:00 UTC (05:00/06:00 in Germany). `manage.py send_reminders` does the same; running
# both, or either twice, still mails each person once a day.
@app.periodic(cron="0 4 * * *")
@app.task(name="reports.send_reminders", queueing_lock="send_reminders")
def send_reminders(timestamp: int) -> int:
    count = reminders.send_reminders()
    logger.info("send_reminders: %s e-mails queued", count)
    return count
