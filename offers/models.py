from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Provider(models.Model):
    """Träger: the club, association, municipality or company that runs offers."""

    class Kind(models.TextChoices):
        CLUB = "club", _("Verein")
        ASSOCIATION = "association", _("Wohlfahrtsverband / freier Träger")
        MUNICIPALITY = "municipality", _("Kommune")
        COMPANY = "company", _("Unternehmen")
        JOB_CENTRE = "job_centre", _("Kommunales Job-Center / Maßnahmeträger")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices, default=Kind.CLUB)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]

    def __str__(self):
        return self.name
