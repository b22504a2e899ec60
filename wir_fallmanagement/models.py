"""The district this installation serves: its name and logo, edited by administrators
(`/setup/district/`, operations app) and read through `wir_fallmanagement.district.current()`
by every page and document. It lives here, below every app, because the shared helpers that put
the name on pages and PDFs (context processor, PDF helper) may not import an app."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .stale import EditVersioned


class District(EditVersioned):
    """One row (pk 1): the Kreis or kreisfreie Stadt running this installation. A save over a
    newer change is refused (wir_fallmanagement.stale)."""

    name = models.CharField(
        _("Name des Kreises"),
        max_length=120,
        help_text=_("Steht auf jeder Seite, im öffentlichen Verzeichnis und auf Dokumenten, z. B. „Odenwaldkreis“."),
    )
    logo = models.CharField(_("Logo (gespeicherte Datei)"), max_length=255, blank=True, editable=False)
    logo_content_type = models.CharField(_("Dateiart des Logos"), max_length=40, blank=True, editable=False)
    logo_sha256 = models.CharField(_("Prüfsumme des Logos"), max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreis")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="district_single_row")]

    def __str__(self):
        return self.name
