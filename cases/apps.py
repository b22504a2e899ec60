from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Klient:innen und Fälle")

    def ready(self):
        from . import panels

        extensions.dashboard_panels.register(panels.dashboard_panels)
