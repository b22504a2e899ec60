from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wir_fallmanagement.stale import EditVersioned


class ReminderMail(models.Model):
    """The daily reminder owed to one person on one day. Taken in the same transaction as the
    mail's job, so that running `send_reminders` twice (or on two machines) mails nobody twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Empfänger:in"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("Tag"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerungs-E-Mail")
        verbose_name_plural = _("Erinnerungs-E-Mails")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reports_reminder_once_per_user_and_day")]

    def __str__(self):
        return f"{self.user_id} {self.day}"


class YearlyNarrative(EditVersioned):
    """The free-text part of the yearly report for the funding body (Sachbericht), written by the
    team lead in the app, one per year; every change is kept in its history. A save over someone
    else's newer text is refused (wir_fallmanagement.stale)."""

    year = models.PositiveSmallIntegerField(
        _("Jahr"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    text = models.TextField(
        _("Sachbericht (Text)"),
        blank=True,
        max_length=20000,
        help_text=_("Was im Jahr geschah, was gelang, was schwierig war – erscheint im Jahresbericht vor den Zahlen."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuletzt geändert von"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("zuletzt geändert am"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "edit_version"])

    class Meta:
        verbose_name = _("Sachbericht")
        verbose_name_plural = _("Sachberichte")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class YearlyReportJob(models.Model):
    """One yearly report made by the task worker: the PDF and the XLSX with the same figures,
    stored as they were made, so that a download is always the document that was produced."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    year = models.PositiveSmallIntegerField(_("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angefordert von"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveSmallIntegerField(_("erledigt"), default=0)
    total = models.PositiveSmallIntegerField(_("insgesamt"), default=3)
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    xlsx = models.BinaryField(_("XLSX"), null=True, editable=False)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Jahresbericht")
        verbose_name_plural = _("Jahresberichte")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.year} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class FiguresSnapshot(models.Model):
    """The figures of one period and scope (whole team, a caseworker's caseload, a narrowed view),
    counted once and kept while nothing they are counted from has changed since (see
    `reports.figures`): a database trigger on every table the figures read notes each writing
    transaction in `FiguresChange`; a snapshot is only used while every noted transaction was
    already visible to `snapshot` (PostgreSQL's `pg_current_snapshot()` taken before counting).
    Otherwise the figures are counted afresh."""

    first = models.DateField(_("von"))
    last = models.DateField(_("bis"))
    language = models.CharField(_("Sprache"), max_length=10)
    scope = models.CharField(_("Umfang"), max_length=60, default="team")
    snapshot = models.TextField(_("Datenbank-Stand"))
    computed_at = models.DateTimeField(_("berechnet am"))
    computed_on = models.DateField(_("berechnet für den Tag"))
    tables = models.JSONField(_("Zahlen"))

    class Meta:
        verbose_name = _("gespeicherte Statistik")
        verbose_name_plural = _("gespeicherte Statistiken")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "last", "language", "scope"], name="reports_figures_snapshot_once_per_scope"
            )
        ]

    def __str__(self):
        return f"{self.first}–{self.last} {self.scope} ({self.language})"


class FiguresChange(models.Model):
    """A transaction that wrote to a table the figures are counted from (one row per transaction,
    written by the trigger `reports_figures_changed`, never by Python code)."""

    transaction_id = models.BigIntegerField(_("Transaktion"), unique=True)
    changed_at = models.DateTimeField(_("geändert am"), db_default=Now())

    class Meta:
        verbose_name = _("Änderung an gezählten Daten")
        verbose_name_plural = _("Änderungen an gezählten Daten")

    def __str__(self):
        return str(self.transaction_id)
