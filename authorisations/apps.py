from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions, lists


class AuthorisationsConfig(AppConfig):
    name = "authorisations"
    verbose_name = _("Vollmachten")

    def ready(self):
        from . import export, filters, panels, resources, sections

        extensions.dashboard_panels.register(panels.dashboard_panels)
        extensions.client_sections.register(sections.authorisation_section)
        extensions.client_sections.register(sections.assignment_section)
        extensions.client_export.register(export.client_export)
        lists.register_export(
            lists.ExportableList(
                "authorisations",
                "vollmachten",
                filters.authorisation_rows,
                resources.AuthorisationExportResource,
                "principal_id",
            )
        )
        lists.register_export(
            lists.ExportableList(
                "handovers",
                "uebergaben",
                filters.handover_rows,
                resources.HandoverExportResource,
                "authorisations__principal_id",
            )
        )
