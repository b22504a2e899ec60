from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection: the deletion concept carried out (retention periods, the daily retention
    job, legal holds, erasure requests), the record of processing activities and the data
    protection officer's pages. Sits on top: it deletes across every app."""

    name = "privacy"
    verbose_name = _("Datenschutz")
