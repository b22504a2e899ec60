from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement import extensions


class PrivacyConfig(AppConfig):
    """Data protection: the deletion concept carried out (retention periods, the daily retention
    job, legal holds, erasure requests), the record of processing activities and the data
    protection officer's pages. Sits on top: it deletes across every app."""

    name = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self):
        from . import export

        extensions.client_export.register(export.client_export)
