from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Log in with the e-mail address; one message for every failure, so that it does not
    reveal whether an account exists."""

    username = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "E-Mail-Adresse oder Passwort ist nicht richtig. Bitte prüfen Sie beides "
            "(Groß- und Kleinschreibung beim Passwort beachten)."
        ),
        "inactive": _("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration."),
    }
