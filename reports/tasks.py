"""Background jobs of the reports app (Procrastinate; run by `manage.py procrastinate worker`):
the daily reminders, each person's mail a job of its own (`reminders.send_reminder`), and the
yearly report (PDF and XLSX), which must not be rendered in a web worker."""

import logging

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from . import figures, reminders
from .models import YearlyNarrative, YearlyReportJob
from .reminders import send_reminder
from .report import render_yearly_pdf, render_yearly_xlsx
from .statistics import Period, Scope

__all__ = ["make_yearly_report", "refresh_figures", "send_reminder", "send_reminders"]

logger = logging.getLogger(__name__)


# Daily at 04:00 UTC (05:00/06:00 in Germany). `manage.py send_reminders` does the same; running
# both, or either twice, still mails each person once a day.
@app.periodic(cron="0 4 * * *")
@app.task(name="reports.send_reminders", queueing_lock="send_reminders")
def send_reminders(timestamp: int) -> int:
    count = reminders.send_reminders()
    logger.info("send_reminders: %s e-mails queued", count)
    return count


# Every ten minutes: this year's and last year's whole-team figures counted again if anything
# they are counted from has changed (reports/figures.py), so that the statistics page and the
# yearly report find them ready; a period nothing changed in costs one small query.
@app.periodic(cron="*/10 * * * *")
@app.task(name="reports.refresh_figures", queueing_lock="refresh_figures")
def refresh_figures(timestamp: int) -> int:
    counted = figures.refresh()
    logger.info("refresh_figures: %s periods counted", counted)
    return counted


#: Documents: up to 5 tries, waiting 5, 25, 125, 625 seconds (as the Vollmacht PDFs).
REPORT_RETRY = RetryStrategy(max_attempts=5, exponential_wait=5)


@app.task(name="reports.make_yearly_report", queue="documents", retry=REPORT_RETRY, pass_context=True)
def make_yearly_report(context, *, job_id: int) -> None:
    """Count the year's figures for the whole team, then write the PDF and the XLSX; each step
    is committed on its own, so the page shows how far it got. A finished job is left alone."""
    job = YearlyReportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or job.status == YearlyReportJob.Status.DONE:
        return
    rows = YearlyReportJob.objects.filter(pk=job.pk)
    rows.update(status=YearlyReportJob.Status.RUNNING, done=0, total=3)
    try:
        sections, _counted_at = figures.figures(Scope(user=job.requested_by, period=Period.year(job.year)))
        narrative = YearlyNarrative.objects.filter(year=job.year).values_list("text", flat=True).first() or ""
        rows.update(done=1)
        pdf = render_yearly_pdf(year=job.year, sections=sections, narrative=narrative)
        rows.update(done=2)
        xlsx = render_yearly_xlsx(year=job.year, sections=sections, narrative=narrative)
    except Exception:
        if context.job.attempts >= REPORT_RETRY.max_attempts:
            rows.update(status=YearlyReportJob.Status.FAILED, finished_at=timezone.now())
        raise
    rows.update(status=YearlyReportJob.Status.DONE, done=3, pdf=pdf, xlsx=xlsx, finished_at=timezone.now())
