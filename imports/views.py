from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.permissions import staff_required

from . import services, tasks
from .forms import UploadForm
from .models import ImportKind, ImportRun
from .samples import template_file


def get_run_for(request, pk) -> ImportRun:
    """The user's own import; anybody else's answers 404 like a missing one."""
    return get_object_or_404(ImportRun.objects.visible_to(request.user).select_related("caseworker"), pk=pk)


@staff_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.accept(
                checked=form.checked,
                kind=form.cleaned_data["kind"],
                user=request.user,
                caseworker=form.chosen_caseworker(),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _check_or_queue(run)
            return redirect("imports:import_detail", pk=run.pk)
    runs = paginate(request, ImportRun.objects.visible_to(request.user).defer("report").select_related("caseworker"))
    return render(request, "imports/import_start.html", {"form": form, "runs": runs, "kinds": ImportKind.choices})


def _check_or_queue(run: ImportRun) -> None:
    if run.total <= services.inline_rows():
        services.check(run)
    else:
        tasks.check_import.defer(run_id=str(run.pk))


@staff_required
@require_GET
def import_template(request, kind, fmt):
    if kind not in ImportKind.values or fmt not in ("xlsx", "csv"):
        raise Http404
    content, content_type = template_file(kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="vorlage-{kind}.{fmt}"'
    return response


@staff_required
@require_GET
def import_detail(request, pk):
    run = get_run_for(request, pk)
    rows = run.error_rows if request.GET.get("show") == "errors" else run.report
    page = paginate(request, rows, per_page=100)
    return render(request, "imports/import_detail.html", {"run": run, "page": page, "show": request.GET.get("show")})


@staff_required
@require_POST
def import_commit(request, pk):
    run = get_run_for(request, pk)
    with transaction.atomic():
        started = services.start_commit(run=run)
        if started and run.total > services.inline_rows():
            tasks.commit_import.defer(run_id=str(run.pk))
    if not started:
        messages.error(request, _("Dieser Import kann nicht (mehr) ausgeführt werden."))
    elif run.total <= services.inline_rows():
        run.refresh_from_db()
        services.commit(run)
    return redirect("imports:import_detail", pk=run.pk)


@staff_required
@require_POST
def import_discard(request, pk):
    run = get_run_for(request, pk)
    if run.is_busy or run.status == ImportRun.Status.DONE:
        messages.error(request, _("Dieser Import kann nicht mehr verworfen werden."))
    else:
        services.discard(run=run)
        messages.success(request, _("Der Import wurde verworfen; die Datei ist gelöscht."))
    return redirect("imports:import_start")
