from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RetentionPeriodQuerySet(models.QuerySet):
    def months(self) -> dict[str, int]:
        """{kind: months} for every kind, the documented default where no row exists."""
        stored = dict(self.values_list("kind", "months"))
        return {kind: stored.get(kind, DEFAULT_MONTHS[kind]) for kind in RetentionPeriod.Kind.values}


class RetentionPeriod(models.Model):
    """How long a kind of record is kept (master data, edited by administrators in /admin/).
    docs/data-protection.md explains each default."""

    class Kind(models.TextChoices):
        CLIENT = "client", _("Klient:in mit allen Fallakten, nach Abschluss des letzten Falls")
        CONSENT = "consent", _("Einwilligung und ihr Scan, nach Widerruf oder Fristende")
        AUTHORISATION = "authorisation", _("Vollmacht (gespeicherte PDFs, Scan, Freitexte), nach Widerruf oder Ablauf")
        HANDOVER_BUNDLE = "handover_bundle", _("Druckfassung eines Übergabeprotokolls, nach Erstellung")
        ACCESS_LOG = "access_log", _("Zugriffsprotokoll, nach dem Zugriff")
        VOLUNTEER = "volunteer", _("Ehrenamtliche:r mit Portalkonto, nach dem Ausscheiden")
        TECHNICAL = "technical", _("technische Einträge (Formular-Schlüssel, Erinnerungsmarker)")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, unique=True)
    months = models.PositiveSmallIntegerField(
        _("Frist (Monate)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    justification = models.TextField(_("Begründung"), blank=True, max_length=2000)

    objects = RetentionPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Löschfrist")
        verbose_name_plural = _("Löschfristen")
        ordering = ["kind"]
        constraints = [models.CheckConstraint(condition=Q(months__gte=1), name="retention_period_positive")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.months}"


DEFAULT_MONTHS = {
    RetentionPeriod.Kind.CLIENT: 36,
    RetentionPeriod.Kind.CONSENT: 36,
    RetentionPeriod.Kind.AUTHORISATION: 36,
    RetentionPeriod.Kind.HANDOVER_BUNDLE: 3,
    RetentionPeriod.Kind.ACCESS_LOG: 12,
    RetentionPeriod.Kind.VOLUNTEER: 12,
    RetentionPeriod.Kind.TECHNICAL: 3,
}


class RetentionRun(models.Model):
    """One run of the retention job: what kind of record, how many — never names."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("täglicher Lauf")
        MANUAL = "manual", _("von Hand")
        ERASURE = "erasure", _("Löschantrag (Art. 17 DSGVO)")

    started_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    today = models.DateField(_("Stichtag"))
    trigger = models.CharField(_("Anlass"), max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    counts = models.JSONField(_("Anzahl je Art"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Löschlauf")
        verbose_name_plural = _("Löschläufe")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%d.%m.%Y %H:%M} ({self.get_trigger_display()})"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_on__isnull=True)


class LegalHold(models.Model):
    """Sperre wegen eines laufenden Verfahrens (e.g. a pending objection): while it is not lifted,
    nothing of the case's client is deleted — neither by the daily job nor by an erasure request."""

    case = models.ForeignKey("cases.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="holds")
    reason = models.CharField(
        _("Grund"), max_length=300, help_text=_("z. B. „Widerspruch vom 3.2. anhängig“ – ohne weitere Namen")
    )
    since = models.DateField(_("seit"), default=timezone.localdate)
    lifted_on = models.DateField(_("aufgehoben am"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = LegalHoldQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Löschsperre")
        verbose_name_plural = _("Löschsperren")
        ordering = ["-since"]

    def __str__(self):
        return str(self.reason)


class ErasureRequest(models.Model):
    """Antrag auf Löschung (Art. 17 DSGVO): recorded, checked against legal holds and open cases,
    then carried out by the retention code (privacy.retention.anonymise_clients)."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("erfasst")
        BLOCKED = "blocked", _("abgelehnt: Löschsperre oder offener Fall")
        DONE = "done", _("durchgeführt")

    client = models.ForeignKey(
        "cases.Client", verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="erasure_requests"
    )
    received_on = models.DateField(_("eingegangen am"), default=timezone.localdate)
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.RECORDED)
    outcome = models.CharField(_("Ergebnis"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    run = models.ForeignKey(
        RetentionRun, verbose_name=_("Löschlauf"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Löschantrag")
        verbose_name_plural = _("Löschanträge")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.received_on:%d.%m.%Y} {self.get_status_display()}"
