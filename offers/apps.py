from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions, lists


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Angebote")

    def ready(self):
        from . import export, filters, panels, resources, sections
        from .models import Category, Offer, OfferTranslation, Provider
        from .tasks import offers_changed

        extensions.dashboard_panels.register(panels.dashboard_panels)
        extensions.client_sections.register(sections.client_sections)
        extensions.client_export.register(export.client_export)
        for name, filename, rows, resource in [
            ("referrals", "vermittlungen", filters.offer_referral_rows, resources.ReferralExportResource),
            ("participants", "teilnehmende", filters.offer_participant_rows, resources.ParticipantExportResource),
        ]:
            lists.register_export(lists.ExportableList(name, filename, rows, resource, "client_id"))
        lists.register_export(
            lists.ExportableList(
                "but", "but-antraege", filters.but_application_rows, resources.ButApplicationExportResource, "child_id"
            )
        )
        # The public directory's PDF is rendered ahead whenever what it prints changes.
        for model in (Offer, OfferTranslation, Provider, Category):
            post_save.connect(offers_changed, sender=model, dispatch_uid=f"directory-pdf-{model.__name__}")
            post_delete.connect(offers_changed, sender=model, dispatch_uid=f"directory-pdf-{model.__name__}-delete")
