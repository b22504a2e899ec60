from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from wir_fallmanagement.forms import GuidedFormMixin

from .tasks import send_password_reset


class LoginForm(GuidedFormMixin, AuthenticationForm):
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


class QueuedPasswordResetForm(GuidedFormMixin, PasswordResetForm):
    """Hands the reset mail to the task worker: the page answers at once even when the mail
    server hangs or refuses, and the mail is retried."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        send_password_reset.defer(
            user_id=context["user"].pk,
            domain=context["domain"],
            use_https=context["protocol"] == "https",
            subject_template=subject_template_name,
            email_template=email_template_name,
        )


class GuidedSetPasswordForm(GuidedFormMixin, SetPasswordForm):
    pass


class GuidedPasswordChangeForm(GuidedFormMixin, PasswordChangeForm):
    pass
