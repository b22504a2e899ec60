"""Two factors with django-otp: a TOTP authenticator app plus one-time backup codes.

After the password, a user with a confirmed device must enter a code before any other page;
staff roles (TWO_FACTOR_ROLES) must set one up when settings.WIR_REQUIRE_2FA is on.
"""

import base64
import secrets

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wir_fallmanagement import forms as guided
from wir_fallmanagement.params import next_param

from . import security
from .models import Role

SESSION_STATE = "wir_2fa_state"  # "device" or "none", learnt at login: no query per request;
IDP_VERIFIED = "idp"  # … or: signed in with the district's accounts, whose provider checked the second factor
TWO_FACTOR_ROLES = (*Role.STAFF, Role.KJC, Role.DPO)
SESSION_FAILURES = "wir_2fa_failures"
MAX_FAILURES = 5
BACKUP_CODES = 10


def remember_device_state(request, user) -> None:
    request.session[SESSION_STATE] = "device" if user_has_device(user, confirmed=True) else "none"


def required_for(user) -> bool:
    return settings.WIR_REQUIRE_2FA and user.role in TWO_FACTOR_ROLES


class SecondFactorMiddleware:
    """Between password and second factor only the 2FA pages, logout and public pages work."""

    OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and request.session.get(SESSION_STATE) != IDP_VERIFIED  # the district's provider did it
            and not request.path.startswith(self.OPEN_PREFIXES)
        ):
            if SESSION_STATE not in request.session:
                remember_device_state(request, user)
            if request.session[SESSION_STATE] == "device":
                return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
            if required_for(user):
                return redirect("two_factor_setup")
        return self.get_response(request)


class TokenForm(guided.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("6 Ziffern aus der Authenticator-App oder ein Ersatzcode."),
    )


class SetupForm(guided.Form):
    password = forms.CharField(label=gettext_lazy("Ihr Passwort"), widget=forms.PasswordInput)
    token = forms.CharField(
        label=gettext_lazy("Code aus der App"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device = user, device

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("Das Passwort ist nicht richtig."))
        return ""

    def clean(self):
        cleaned = super().clean()
        # Only with the right password is the code checked (and used up).
        if "password" in cleaned and "token" in cleaned:
            token = "".join(cleaned["token"].split())
            if not token.isdigit() or not self.device.verify_token(token):
                self.add_error(
                    "token",
                    _(
                        "Der Code passt nicht. Prüfen Sie die Uhrzeit Ihres Telefons und versuchen Sie den nächsten Code."
                    ),
                )
        return cleaned


def _safe_next(request):
    return next_param(request, reverse("home"))


@require_http_methods(["GET", "POST"])
def verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not user_has_device(request.user, confirmed=True):
        # e.g. an administrator removed the lost phone's device: set up a new one.
        request.session[SESSION_STATE] = "none"
        return redirect("two_factor_setup" if required_for(request.user) else _safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, "".join(form.cleaned_data["token"].split()))
        if device is not None:
            otp_login(request, device)
            request.session.pop(SESSION_FAILURES, None)
            security.event("second_factor", request=request, device=type(device).__name__)
            return redirect(_safe_next(request))
        failures = request.session.get(SESSION_FAILURES, 0) + 1
        security.event("second_factor", request=request, outcome="failed", attempt=failures)
        if failures >= MAX_FAILURES:
            logout(request)
            messages.error(request, _("Zu viele falsche Codes. Bitte melden Sie sich neu an."))
            return redirect("login")
        request.session[SESSION_FAILURES] = failures
        form.add_error("token", _("Dieser Code ist nicht gültig oder wurde schon benutzt."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up (or replace) the authenticator app. Asks for the password again."""
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = SetupForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save()
            codes = _new_backup_codes(user)
        otp_login(request, device)
        request.session[SESSION_STATE] = "device"
        security.event("second_factor_setup", request=request)
        return render(request, "registration/two_factor_codes.html", {"codes": codes})
    # The SVG is generated from our own otpauth URL (no user input): safe to embed.
    qr = mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff"))  # noqa: S308  # nosec B308 B703 -- our own otpauth URL, no user input
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr_svg": qr, "secret": _base32(device.bin_key), "required": required_for(user)},
    )


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def _base32(key: bytes) -> str:
    raw = base64.b32encode(key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
