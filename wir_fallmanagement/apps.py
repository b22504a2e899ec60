from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WirFallmanagementConfig(AppConfig):
    name = "wir_fallmanagement"
    verbose_name = _("WIR-Fallmanagement")

    def ready(self):
        from . import district
        from .models import District

        post_save.connect(district.forget, sender=District, dispatch_uid="district-forget")
        post_delete.connect(district.forget, sender=District, dispatch_uid="district-forget-delete")
