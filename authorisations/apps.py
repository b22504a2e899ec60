from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorisationsConfig(AppConfig):
    name = "authorisations"
    verbose_name = _("Vollmachten")
