from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import oidc, twofactor, views
from .forms import GuidedPasswordChangeForm

public = login_not_required

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("two-factor/verify/", twofactor.verify, name="two_factor_verify"),
    path("two-factor/setup/", twofactor.setup, name="two_factor_setup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Sign-in with the district's accounts (OpenID Connect); both send to the login page while it is off.
    path("oidc/authenticate/", oidc.SignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(
            form_class=GuidedPasswordChangeForm, success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", public(auth_views.PasswordResetDoneView.as_view()), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", public(auth_views.PasswordResetCompleteView.as_view()), name="password_reset_complete"),
]
