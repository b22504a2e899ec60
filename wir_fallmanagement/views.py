import logging
import sys
import uuid

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import security

from . import district, health


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers and monitoring: 200 `ok` when the process and the database answer."""
    ok, _detail = health.database()
    if not ok:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
@never_cache
def readyz(request):
    """Readiness: database, collected static files, migrations applied, a task worker alive.
    One line per check; 200 when all pass, 503 otherwise."""
    checks = health.readiness()
    body = "".join(f"{name}: {'ok' if ok else 'FAIL'} – {detail}\n" for name, (ok, detail) in checks.items())
    status = 200 if all(ok for ok, _detail in checks.values()) else 503
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """A German page for an expired or missing CSRF token, rendered like any other page."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    """400 page (e.g. an unknown host name or a malformed request); rendered without the database."""
    return HttpResponse(loader.get_template("400.html").render({}), status=400)


def server_error(request):
    """500 page with an incident id that points to the logged traceback; never a stack trace.
    When the database cannot be reached, a 503 page says so: it is temporary, the app reconnects
    by itself at the next request. Both pages are rendered without touching the database."""
    incident = uuid.uuid4().hex[:10]
    exc_info = sys.exc_info()
    unavailable = isinstance(exc_info[1], OperationalError | InterfaceError)
    logging.getLogger("wir.incident").error(
        "incident=%s status=%s path=%s",
        incident,
        503 if unavailable else 500,
        security.clean(request.path, 200),
        exc_info=exc_info,
    )
    if unavailable:
        html = loader.get_template("503.html").render({"incident_id": incident})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "10"
        return response
    html = loader.get_template("500.html").render({"incident_id": incident})
    return HttpResponseServerError(html)


@login_not_required
@require_GET
def district_logo(request, version):
    """The district's logo (public: the directory and the login page show it). The version in the
    URL changes with the file, so browsers may keep it for a year."""
    here = district.current()
    logo = here.logo_bytes()
    if logo is None or version != here.logo_version:
        raise Http404
    response = HttpResponse(logo, content_type=here.logo_content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
