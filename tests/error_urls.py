"""URLs that fail on purpose, for the error page tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import include, path


@login_not_required
def bad_request(request):
    raise SuspiciousOperation("malformed")


@login_not_required
def forbidden(request):
    raise PermissionDenied


@login_not_required
def crash(request):
    raise RuntimeError("secret internal detail")


@login_not_required
def database_down(request):
    raise OperationalError("connection to server failed")


urlpatterns = [
    path("e400/", bad_request),
    path("e403/", forbidden),
    path("e500/", crash),
    path("e503/", database_down),
    path("", include("wir_fallmanagement.urls")),
]
handler400 = "wir_fallmanagement.views.bad_request"
handler500 = "wir_fallmanagement.views.server_error"
