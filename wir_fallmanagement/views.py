import logging
import sys
import uuid

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import security


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers and monitoring: 200 `ok` when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A German page for an expired or missing CSRF token, rendered like any other page."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """500 page with an incident id that points to the logged traceback; never a stack trace."""
    incident = uuid.uuid4().hex[:10]
    logging.getLogger("wir.incident").error(
        "incident=%s path=%s", incident, security.clean(request.path, 200), exc_info=sys.exc_info()
    )
    html = loader.get_template("500.html").render({"incident_id": incident})
    return HttpResponseServerError(html)
