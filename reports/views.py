from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from cases.audit import log_access
from cases.models import AccessLog, Client
from offers import services as offer_services
from offers.access import get_referral_for
from offers.models import ButCategory, Referral
from wir_fallmanagement import extensions
from wir_fallmanagement.history import history_of
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.pdf import pdf_response
from wir_fallmanagement.permissions import staff_required, teamlead_required

from . import tasks
from .charts import bar_chart
from .figures import for_page
from .forms import NarrativeForm, PeriodForm, YearForm
from .models import YearlyNarrative, YearlyReportJob
from .statistics import Scope
from .worklists import WORKLISTS, today

require_GET_or_POST = require_http_methods(["GET", "POST"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def home(request):
    """`/`: the staff dashboard; volunteers and KJC clerks go to their own start pages."""
    role = request.user.role
    if role == Role.VOLUNTEER:
        return redirect("portal:home")
    if role == Role.KJC:
        return redirect("kjc:home")
    if role == Role.DPO:
        return redirect("privacy:overview")
    if role not in Role.STAFF:
        # An account without a role may log in but sees nothing until an administrator assigns one.
        return render(request, "reports/no_role.html", status=403)
    panels = [panel.render(request) for panel in extensions.dashboard_panels.panels(request)]
    return render(request, "reports/dashboard.html", {"panels": panels})


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


@staff_required
@require_GET
def statistics(request):
    """Figures for a period: the whole team for team lead and administration (optionally one
    municipality or caseworker), a caseworker's own caseload for a caseworker."""
    form = PeriodForm(request.GET, user=request.user)
    context = {"form": form, "sections": None, "period": None, "counted_at": None, "changed_since": False}
    if not form.is_bound or form.is_valid():
        scope = Scope(user=request.user, period=form.period(), **form.narrowing())
        shown = for_page(scope, recount=request.GET.get("neu") == "1")
        context["sections"] = [(s, [(table, bar_chart(table)) for table in s.tables]) for s in shown.sections]
        context.update(period=form.period(), counted_at=shown.counted_at, changed_since=shown.changed_since)
        context["recount_query"] = urlencode({**request.GET.dict(), "neu": "1"})
    return render(request, "reports/statistics.html", context)


# ---------------------------------------------------------------------------------------------
# The yearly report
# ---------------------------------------------------------------------------------------------


def _yearly_context(request, year_form, *, narrative_form=None):
    year = year_form.cleaned_data["year"] if year_form.is_valid() else None
    narrative = YearlyNarrative.objects.filter(year=year).first() if year else None
    return {
        "year_form": year_form,
        "year": year,
        "narrative_form": narrative_form or NarrativeForm(instance=narrative),
        "history": history_of(narrative, limit=20, show_values=()) if narrative else [],
        "jobs": YearlyReportJob.objects.filter(year=year).defer("pdf", "xlsx")[:5] if year else [],
    }


@teamlead_required
@require_GET_or_POST
def yearly_report(request):
    """The year's narrative (written here, stored per year with its history) and the button
    that has the task worker make the PDF and the XLSX."""
    data = request.POST if request.method == "POST" else (request.GET or {"year": today().year - 1})
    year_form = YearForm(data)
    if request.method == "POST" and year_form.is_valid():
        year = year_form.cleaned_data["year"]
        narrative = YearlyNarrative.objects.filter(year=year).first()
        form = NarrativeForm(request.POST, instance=narrative or YearlyNarrative(year=year))
        if form.is_valid() and form.save_or_refuse(lambda: form.save_by(request.user)):
            messages.success(request, _("Der Sachbericht %(year)s ist gespeichert.") % {"year": year})
            return redirect(f"{reverse('reports:yearly_report')}?year={year}")
        if narrative is None and (current := YearlyNarrative.objects.filter(year=year).first()) is not None:
            # Someone wrote this year's first narrative at the same moment: shown like a stale save
            # (their text beside the kept input), so that saving again applies the input over it.
            form = NarrativeForm(request.POST, instance=current)
            if form.is_valid():
                form.stale_values = form.refuse_stale(current)
        return render(request, "reports/yearly_report.html", _yearly_context(request, year_form, narrative_form=form))
    return render(request, "reports/yearly_report.html", _yearly_context(request, year_form))


@teamlead_required
@require_POST
def yearly_report_create(request):
    year_form = YearForm(request.POST)
    if not year_form.is_valid():
        return render(request, "reports/yearly_report.html", _yearly_context(request, year_form))
    job = YearlyReportJob.objects.create(year=year_form.cleaned_data["year"], requested_by=request.user)
    transaction.on_commit(lambda: tasks.make_yearly_report.defer(job_id=job.pk))
    return redirect("reports:yearly_report_job", pk=job.pk)


@teamlead_required
@require_GET
def yearly_report_job(request, pk):
    job = get_object_or_404(YearlyReportJob.objects.defer("pdf", "xlsx"), pk=pk)
    return render(request, "reports/yearly_report_job.html", {"job": job})


@teamlead_required
@require_GET
def yearly_report_download(request, pk, kind):
    job = get_object_or_404(YearlyReportJob.objects.filter(status=YearlyReportJob.Status.DONE), pk=pk)
    name = f"sachbericht-{job.year}-{slugify(settings.WIR_DISTRICT_NAME)}"
    if kind == "pdf":
        log_access(request, AccessLog.Action.PDF, target=f"yearly-report:{job.pk}")
        return pdf_response(bytes(job.pdf), name)
    if kind == "xlsx":
        log_access(request, AccessLog.Action.EXPORT, target=f"yearly-report-xlsx:{job.pk}")
        response = HttpResponse(bytes(job.xlsx), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        response["Cache-Control"] = "no-store, private"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    raise Http404


# ---------------------------------------------------------------------------------------------
# Worklists
# ---------------------------------------------------------------------------------------------


@staff_required
@require_GET
def worklist_index(request):
    day = today()
    lists = [(worklist, worklist.rows(request.user, day)[:100].count()) for worklist in WORKLISTS.values()]
    return render(request, "reports/worklist_index.html", {"lists": lists})


@staff_required
@require_GET
def worklist(request, kind):
    worklist = WORKLISTS.get(kind)
    if worklist is None:
        raise Http404
    page = paginate(request, worklist.rows(request.user, today()))
    context = {"worklist": worklist, "page": page, "outcomes": Referral.Outcome.choices, "today": today()}
    return render(request, "reports/worklist.html", context)


@staff_required
@require_POST
def worklist_start_but(request, child_id, category):
    """One click: a BuT application ("beraten") for the child in this category."""
    child = get_object_or_404(Client.objects.visible_with_dependants(request.user), pk=child_id)
    back = request.POST.get("worklist", "")
    back_url = reverse("reports:worklist", kwargs={"kind": back}) if back in WORKLISTS else reverse("reports:worklists")
    if category not in ButCategory.values:
        raise Http404
    try:
        application = offer_services.start_but_for_child(child=child, category=category, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back_url)
    messages.success(
        request,
        _("Der BuT-Antrag „%(category)s“ für %(name)s ist begonnen (Status „beraten“).")
        % {"category": application.get_category_display(), "name": child.full_name},
    )
    return redirect("offers:but_detail", pk=application.pk)


@staff_required
@require_POST
def worklist_end_measure(request, pk):
    """End a participation in a measure with a fixed duration and record the outcome."""
    referral = get_referral_for(request, pk)
    back_url = reverse("reports:worklist", kwargs={"kind": "measures-ending"})
    try:
        offer_services.end_measure(referral=referral, outcome=request.POST.get("outcome", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, f"{referral.client.full_name}: {' '.join(error.messages)}")
        return redirect(back_url)
    messages.success(request, _("Der Verbleib von %(name)s ist erfasst.") % {"name": referral.client.full_name})
    return redirect(back_url)
