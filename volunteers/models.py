from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords


class Volunteer(models.Model):
    """Ehrenamtliche:r: a person who accompanies clients; may log into the portal."""

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Interessent:in")
        ACTIVE = "active", _("aktiv")
        PAUSED = "paused", _("pausiert")
        LEFT = "left", _("ausgeschieden")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer",
    )
    family_name = models.CharField(_("Familienname"), max_length=200)
    given_names = models.CharField(_("Vorname(n)"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = PhoneNumberField(_("Telefon"), blank=True)
    date_of_birth = models.DateField(_("Geburtsdatum"), null=True, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.PROSPECT)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ehrenamtliche:r")
        verbose_name_plural = _("Ehrenamtliche")
        ordering = ["family_name", "given_names"]

    def __str__(self):
        return f"{self.given_names} {self.family_name}".strip()


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, day=None):
        from django.db.models import Q
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(start_on__lte=day).filter(Q(end_on__isnull=True) | Q(end_on__gte=day))


class Assignment(models.Model):
    """Patenschaft / Begleitung: a volunteer accompanying a client."""

    class Kind(models.TextChoices):
        ACCOMPANIMENT = "accompaniment", _("Begleitung (Vollmacht folgt)")
        SUPPORT = "support", _("Beistand ohne Vollmacht (§ 13 Abs. 4 SGB X)")

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("Ehrenamtliche:r"), on_delete=models.PROTECT, related_name="assignments"
    )
    client = models.ForeignKey(
        "cases.Client", verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices, default=Kind.ACCOMPANIMENT)
    start_on = models.DateField(_("Beginn"))
    end_on = models.DateField(_("Ende"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Begleitung")
        verbose_name_plural = _("Begleitungen")
        ordering = ["-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.client}"
