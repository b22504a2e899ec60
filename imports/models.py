import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    CLIENTS = "clients", _("Klient:innen mit Bedarfsgemeinschaften")
    VOLUNTEERS = "volunteers", _("Ehrenamtliche")
    PROVIDERS = "providers", _("Träger")
    OFFERS = "offers", _("Angebote mit Übersetzungen")


class ImportRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Each user sees only their own imports (the report names the rows of the file)."""
        if not user.is_authenticated or not user.is_back_office:
            return self.none()
        return self.filter(created_by=user)


class ImportRun(models.Model):
    """One uploaded file on its way through the dry run to the commit (docs/import.md). The file is
    kept until the import is committed or discarded; the report keeps what happened per row."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("wird geprüft")
        CHECKED = "checked", _("geprüft")
        IMPORTING = "importing", _("wird importiert")
        DONE = "done", _("importiert")
        FAILED = "failed", _("nicht importiert")
        DISCARDED = "discarded", _("verworfen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("Art"), max_length=12, choices=ImportKind.choices)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    file = models.CharField(_("gespeicherte Datei"), max_length=255, blank=True, editable=False)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    sha256 = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hochgeladen von"), on_delete=models.PROTECT, related_name="+"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Fallmanager:in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    total = models.PositiveIntegerField(_("Zeilen"), default=0)
    done = models.PositiveIntegerField(_("bearbeitet"), default=0)
    counts = models.JSONField(_("Zusammenfassung"), default=dict, blank=True)
    problems = models.JSONField(_("Fehler der Datei"), default=list, blank=True)
    warnings = models.JSONField(_("Hinweise zur Datei"), default=list, blank=True)
    report = models.JSONField(_("Bericht je Zeile"), default=list, blank=True)
    created_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="importrun_done_le_total"),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def may_commit(self) -> bool:
        return self.status == self.Status.CHECKED and not self.problems and not self.counts.get("error")

    @property
    def error_rows(self):
        return [row for row in self.report if row["errors"]]
