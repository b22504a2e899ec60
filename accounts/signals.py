from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import security
from .twofactor import remember_device_state


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    security.event("login", request=request, user=user)
    if request is not None and hasattr(request, "session"):
        remember_device_state(request, user)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    security.event("logout", request=request, user=user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # The e-mail typed is personal data and may be a password typed into the wrong field: not logged.
    security.event("login", request=request, outcome="failed")


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    security.event("lockout", request=request, outcome="locked")
