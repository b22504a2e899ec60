from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Angebote")

    def ready(self):
        from .models import Category, Offer, OfferTranslation, Provider
        from .tasks import offers_changed

        # The public directory's PDF is rendered ahead whenever what it prints changes.
        for model in (Offer, OfferTranslation, Provider, Category):
            post_save.connect(offers_changed, sender=model, dispatch_uid=f"directory-pdf-{model.__name__}")
            post_delete.connect(offers_changed, sender=model, dispatch_uid=f"directory-pdf-{model.__name__}-delete")
