from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Klient:innen und Fälle")

    def ready(self):
        from . import exports, filters, panels, resources

        extensions.dashboard_panels.register(panels.dashboard_panels)
        for name, filename, rows, resource, client_field in [
            ("clients", "klientinnen", filters.client_rows, resources.ClientExportResource, "pk"),
            ("followups", "wiedervorlagen", filters.followup_rows, resources.FollowUpExportResource, "client_id"),
        ]:
            exports.register(exports.ExportableList(name, filename, rows, resource, client_field))
