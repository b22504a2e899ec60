from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions, lists


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Klient:innen und Fälle")

    def ready(self):
        from . import filters, panels, resources

        extensions.dashboard_panels.register(panels.dashboard_panels)
        for name, filename, rows, resource, client_field in [
            ("clients", "klientinnen", filters.client_rows, resources.ClientExportResource, "pk"),
            ("followups", "wiedervorlagen", filters.followup_rows, resources.FollowUpExportResource, "client_id"),
        ]:
            lists.register_export(lists.ExportableList(name, filename, rows, resource, client_field))
