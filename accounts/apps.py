from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the security event receivers)
        from .immutable import protect_audit_tables
        from .oidc import check_group_roles

        post_migrate.connect(protect_audit_tables, sender=self)
        check_group_roles(settings.WIR_OIDC_GROUP_ROLES)
