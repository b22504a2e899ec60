"""The data protection officer's pages (role "Datenschutz", also open to administrators): the
retention preview, the run log, the access log. No case data: numbers, kinds, ids and dates only.
The person's own data protection page (restriction, erasure) is for administrators."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from cases.access import get_client_for
from cases.audit import log_access
from cases.models import AccessLog
from wir_fallmanagement import documents
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.permissions import role_required, staff_required

from . import letter, retention, services, tasks
from .filters import AccessLogFilter
from .models import ErasureRequest, RetentionPeriod, RetentionRun

privacy_required = role_required(Role.ADMIN, Role.DPO)
admin_required = role_required(Role.ADMIN)

PREVIEW_LABELS = {
    "clients": gettext_lazy("Klient:innen, die anonymisiert werden"),
    "held_clients": gettext_lazy("fällig, aber durch eine Löschsperre geschützt"),
    "consents": gettext_lazy("Einwilligungen, die gelöscht werden"),
    "authorisations": gettext_lazy("Vollmachten, deren PDFs und Scans gelöscht werden"),
    "print_jobs": gettext_lazy("Druckfassungen von Übergabeprotokollen"),
    "access_log": gettext_lazy("Einträge im Zugriffsprotokoll"),
    "volunteers": gettext_lazy("ausgeschiedene Ehrenamtliche, die anonymisiert werden"),
    "technical": gettext_lazy("technische Einträge"),
}


@privacy_required
@require_GET
def overview(request):
    due = retention.preview()
    rows = [(PREVIEW_LABELS[kind], count) for kind, count in due.counts().items()]
    context = {
        "rows": rows,
        "until": due.today,
        "periods": RetentionPeriod.objects.all(),
        "runs": RetentionRun.objects.all()[:5],
    }
    return render(request, "privacy/overview.html", context)


@privacy_required
@require_GET
def run_list(request):
    return render(request, "privacy/run_list.html", {"page": paginate(request, RetentionRun.objects.all())})


@privacy_required
@require_GET
def access_log(request):
    rows = AccessLog.objects.select_related("user").order_by("-at", "-pk")
    log_filter = AccessLogFilter(request.GET or None, queryset=rows)
    qs = log_filter.qs if log_filter.is_bound and log_filter.is_valid() else rows
    return render(request, "privacy/access_log.html", {"filter": log_filter, "page": paginate(request, qs)})


@admin_required
@require_http_methods(["GET", "POST"])
def client_privacy(request, pk):
    client = get_client_for(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("restrict", "lift"):
            services.set_restriction(client=client, user=request.user, restricted=action == "restrict")
            messages.success(request, _("Einschränkung gespeichert."))
        elif action == "record_erasure":
            services.record_erasure_request(client=client, user=request.user)
            messages.success(request, _("Löschantrag erfasst."))
        elif action == "carry_out":
            erasure = get_object_or_404(client.erasure_requests, pk=request.POST.get("erasure"))
            erasure = services.carry_out_erasure(erasure=erasure, user=request.user)
            if erasure.status == ErasureRequest.Status.DONE:
                messages.success(request, _("Die Person wurde anonymisiert."))
                return redirect("privacy:overview")
            messages.error(request, erasure.outcome)
        return redirect("privacy:client_privacy", pk=client.pk)
    context = {
        "client": client,
        "erasures": client.erasure_requests.all(),
        "obstacles": services.obstacles(client),
    }
    return render(request, "privacy/client_privacy.html", context)


@staff_required
@require_GET
def information_letter(request, pk):
    """The information letter (Art. 15 GDPR) for the person, in German and their language, laid
    out by the task worker (a page waits for it); logged when it is handed out."""
    client = get_client_for(request, pk)
    return documents.serve(
        request,
        task=tasks.render_information_letter,
        args={"client_id": str(client.pk)},
        html=letter.letter_html(client),
        filename=f"auskunft-{client.pk}.pdf",
        log=lambda: log_access(
            request, AccessLog.Action.EXPORT, client=client, target=f"information-letter:{client.pk}"
        ),
        heading=_("Auskunftsschreiben (Art. 15 DSGVO)"),
        back_url=reverse("cases:client_detail", args=[client.pk]),
    )
