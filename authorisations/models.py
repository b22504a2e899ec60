import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token():
    return secrets.token_urlsafe(24)


class AuthorisationQuerySet(models.QuerySet):
    def effective_on(self, day=None):
        """Signed (or handed over), not revoked, within its validity on `day`."""
        day = day or timezone.localdate()
        return self.filter(
            status__in=[Authorisation.Status.SIGNED, Authorisation.Status.HANDED_OVER],
            valid_from__lte=day,
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class Authorisation(models.Model):
    """Vollmacht under § 13 SGB X: a client (principal) authorises a volunteer (agent)
    to act towards the KJC."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PRINTED = "printed", _("gedruckt")
        SIGNED = "signed", _("unterschrieben")
        HANDED_OVER = "handed_over", _("an KJC übergeben")
        REVOKED = "revoked", _("widerrufen")
        EXPIRED = "expired", _("abgelaufen")

    principal = models.ForeignKey(
        "cases.Client", verbose_name=_("Vollmachtgeber:in"), on_delete=models.PROTECT, related_name="authorisations"
    )
    agent = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Bevollmächtigte:r"),
        on_delete=models.PROTECT,
        related_name="authorisations",
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    valid_from = models.DateField(_("gültig ab"), default=timezone.localdate)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True, help_text=_("Leer: bis auf Widerruf"))
    token = models.CharField(_("Prüfcode"), max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = AuthorisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Vollmacht")
        verbose_name_plural = _("Vollmachten")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.principal} → {self.agent}"
