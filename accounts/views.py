from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import i18n

from wir_fallmanagement import ratelimit
from wir_fallmanagement.client_ip import client_ip

from . import security
from .forms import GuidedSetPasswordForm, LoginForm, QueuedPasswordResetForm
from .models import UiLanguage


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.WIR_OIDC_ENABLED}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Limited per client IP (too many: the form says so, 429) and per typed address (too many:
    no further mail, but the same "sent" page — whether an account exists stays unknown). The
    mail itself goes out from the task worker (QueuedPasswordResetForm)."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        if ratelimit.hit("password_reset_ip", f"ip:{client_ip(self.request)}"):
            security.event("password_reset", request=self.request, outcome="rate_limited", by="ip")
            form.add_error(
                None, _("Von Ihrem Anschluss kamen zu viele Anfragen. Bitte versuchen Sie es später noch einmal.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        address = form.cleaned_data["email"].strip().lower()
        if ratelimit.hit("password_reset_address", f"email:{address}"):
            security.event("password_reset", request=self.request, outcome="rate_limited", by="address")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The reset link, like the invitation link, is limited per client IP: guessing stays slow."""

    form_class = GuidedSetPasswordForm
    limited = False

    def dispatch(self, request, *args, **kwargs):
        if ratelimit.hit("password_reset_link_ip", f"ip:{client_ip(request)}"):
            self.limited = True
            context = {"validlink": False, "limited": True, "form": None}
            return self.render_to_response(context, status=429)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "limited": self.limited}


@login_not_required
def set_language(request):
    """The language switch in the footer. A logged-in user's choice is kept on the account
    (with history), so it holds on every device and after the next login; Django's view keeps
    it in a cookie for the login page."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    user = request.user
    if request.method == "POST" and user.is_authenticated and code in UiLanguage.values and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response
