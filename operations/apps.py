from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the application: backup and restore (docs/operations.md). No models."""

    name = "operations"
    verbose_name = _("Betrieb")
