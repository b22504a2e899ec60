from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Angebote")

    def ready(self):
        from . import export, panels, sections

        extensions.dashboard_panels.register(panels.dashboard_panels)
        extensions.client_sections.register(sections.client_sections)
        extensions.client_export.register(export.client_export)
