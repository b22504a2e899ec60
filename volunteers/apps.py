from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions, lists


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Ehrenamt")

    def ready(self):
        from . import export, filters, panels, resources

        extensions.dashboard_panels.register(panels.dashboard_panels)
        # The assignments section of the client page reads Vollmachten: authorisations registers it.
        extensions.client_export.register(export.client_export)
        lists.register_export(
            lists.ExportableList(
                "volunteers", "ehrenamtliche", filters.volunteer_rows, resources.VolunteerExportResource, None
            )
        )
