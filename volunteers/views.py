"""Staff pages of the volunteer registry (/volunteers/...). The portal is the portal app.

Caseworkers, team leads and administrators share the registry; assignments are shown and
made only for clients the user may see.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.access import get_client_for
from cases.models import Client, Contact
from wir_fallmanagement import confirm
from wir_fallmanagement.lists import remembered
from wir_fallmanagement.pagination import PAGE_SIZE, paginate
from wir_fallmanagement.params import int_param
from wir_fallmanagement.permissions import staff_required

from . import matching, services
from .filters import volunteer_rows
from .forms import AssignmentForm, EndAssignmentForm, LanguageFormSet, TrainingForm, VolunteerForm
from .models import Assignment, Volunteer


def client_page_url(client) -> str | None:
    """The client's page of the cases app, when it exists."""
    try:
        return reverse("cases:client_detail", args=[client.pk])
    except NoReverseMatch:
        return None


@staff_required
@require_http_methods(["GET"])
def volunteer_list(request):
    if remembered_view := remembered(request, "volunteers"):
        return remembered_view
    rows = volunteer_rows(request.user, request.GET)
    return render(
        request,
        "volunteers/volunteer_list.html",
        {
            "form": rows.filterset.form,
            "sort": rows.sort,
            "page": paginate(request, rows.queryset),
            "today": timezone.localdate(),
        },
    )


def _save(form, languages) -> Volunteer:
    saved = form.save(commit=False)
    services.save_volunteer(
        volunteer=saved,
        previous_status=form.previous_status,
        municipalities=form.cleaned_data["municipalities"],
        languages=languages.save(commit=False),
        removed_languages=languages.deleted_objects,
    )
    return saved


def _edit(request, volunteer: Volunteer | None):
    instance = volunteer or Volunteer()
    was_left = instance.status == Volunteer.Status.LEFT
    form = VolunteerForm(request.POST or None, instance=instance, user=request.user)
    languages = LanguageFormSet(request.POST or None, instance=instance, prefix="languages")
    leaving = (
        volunteer is not None
        and not was_left
        and request.method == "POST"
        and form.is_valid()
        and languages.is_valid()
        and form.cleaned_data.get("status") == Volunteer.Status.LEFT
    )
    if leaving and not confirm.confirmed(request):
        return confirm.page(
            request,
            title=_("Ausscheiden eintragen"),
            question=_("%(name)s wirklich als ausgeschieden eintragen?") % {"name": volunteer},
            details=[
                _("Laufende Begleitungen enden heute."),
                _("Die Anmeldung im Portal wird gesperrt."),
            ],
            action=_("Ja, als ausgeschieden eintragen"),
            back_url=reverse("volunteers:volunteer_detail", args=[volunteer.pk]),
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and languages.is_valid()
        and form.save_or_refuse(lambda: _save(form, languages))
    ):
        saved = form.result
        if volunteer is None:
            messages.success(request, _("%(name)s ist jetzt im Verzeichnis.") % {"name": saved})
        else:
            messages.success(request, _("Die Angaben zu %(name)s sind gespeichert.") % {"name": saved})
        if saved.police_certificate_was_too_old:
            messages.warning(
                request,
                _(
                    "Das Führungszeugnis war bei der Einsicht älter als drei Monate. Es zählt nicht; bitte "
                    "lassen Sie sich ein aktuelles zeigen."
                ),
            )
        return redirect("volunteers:volunteer_detail", pk=saved.pk)
    return render(
        request,
        "volunteers/volunteer_form.html",
        {"form": form, "languages": languages, "volunteer": volunteer},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def volunteer_create(request):
    return _edit(request, None)


@staff_required
@require_http_methods(["GET", "POST"])
def volunteer_update(request, pk):
    volunteer = get_object_or_404(Volunteer.objects.select_related("user"), pk=pk)
    return _edit(request, volunteer)


def _render_detail(request, volunteer, training_form=None, status=200):
    visible = Client.objects.visible_to(request.user)
    assignments = (
        Assignment.objects.filter(volunteer=volunteer, client__in=visible)
        .select_related("client")
        .with_last_contact()
        .order_by("-start_on", "-pk")
    )
    hidden_count = Assignment.objects.active_on().filter(volunteer=volunteer).exclude(client__in=visible).count()
    contacts = []
    if volunteer.user_id:
        contacts = (
            Contact.objects.filter(author_id=volunteer.user_id, from_volunteer=True, client__in=visible)
            .select_related("client")
            .order_by("-date", "-created_at")[:10]
        )
    context = {
        "volunteer": volunteer,
        "languages": volunteer.languages.select_related("language"),
        "municipalities": volunteer.municipalities.all(),
        "trainings": volunteer.trainings.all()[:PAGE_SIZE],
        "assignments": paginate(request, assignments),
        "hidden_count": hidden_count,
        "contacts": contacts,
        "obstacles": volunteer.assignment_obstacles(),
        "training_form": training_form or TrainingForm(),
        "today": timezone.localdate(),
    }
    return render(request, "volunteers/volunteer_detail.html", context, status=status)


def _get_volunteer(pk):
    return get_object_or_404(
        Volunteer.objects.with_activity().select_related("user", "police_certificate_inspected_by"), pk=pk
    )


@staff_required
@require_http_methods(["GET"])
def volunteer_detail(request, pk):
    return _render_detail(request, _get_volunteer(pk))


@staff_required
@require_POST
def volunteer_invite(request, pk):
    volunteer = _get_volunteer(pk)
    resend = volunteer.invited_at is not None or volunteer.user_id is not None
    try:
        user = services.invite_volunteer(volunteer=volunteer, base_url=request.build_absolute_uri("/"))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if resend:
            text = _("Die Einladung ist erneut an %(email)s gegangen; der frühere Link gilt nicht mehr.")
        else:
            text = _("Die Einladung ist an %(email)s gegangen.")
        messages.success(request, text % {"email": user.email})
    return redirect("volunteers:volunteer_detail", pk=volunteer.pk)


@staff_required
@require_POST
def training_create(request, pk):
    volunteer = _get_volunteer(pk)
    form = TrainingForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, volunteer, training_form=form)
    training = form.save(commit=False)
    training.volunteer = volunteer
    training.save()
    messages.success(request, _("Die Schulung „%(title)s“ ist eingetragen.") % {"title": training.title})
    return redirect("volunteers:volunteer_detail", pk=volunteer.pk)


# --------------------------------------------------------------------------------------------
# Matching and assignments
# --------------------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET"])
def match(request, client_pk):
    client = get_client_for(request, client_pk)
    ranked, language_ids = matching.suggestions(client)
    page = paginate(request, matching.with_languages(ranked))
    rows = [(v, matching.explain(v, client, language_ids)) for v in page]
    return render(
        request,
        "volunteers/matching.html",
        {
            "client": client,
            "client_languages": client.languages.select_related("language"),
            "page": page,
            "rows": rows,
            "client_url": client_page_url(client),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def assignment_create(request, client_pk):
    client = get_client_for(request, client_pk)
    initial = {}
    wanted = int_param(request.GET.get("volunteer"))
    if wanted is not None:
        initial["volunteer"] = Volunteer.objects.filter(pk=wanted).exclude(status=Volunteer.Status.LEFT).first()
    form = AssignmentForm(request.POST or None, client=client, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.create_assignment(client=client, created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request,
                _("%(volunteer)s begleitet jetzt %(client)s.") % {"volunteer": assignment.volunteer, "client": client},
            )
            return redirect(
                client_page_url(client) or reverse("volunteers:volunteer_detail", args=[assignment.volunteer_id])
            )
    return render(
        request,
        "volunteers/assignment_form.html",
        {"form": form, "client": client, "client_url": client_page_url(client)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def assignment_end(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.filter(client__in=Client.objects.visible_to(request.user)).select_related(
            "volunteer", "client"
        ),
        pk=pk,
    )
    form = EndAssignmentForm(request.POST or None, initial={"end_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_assignment(assignment=assignment, end_on=form.cleaned_data["end_on"])
        except ValidationError as exc:
            for error in exc.message_dict.get("end_on", exc.messages):
                form.add_error("end_on", error)
        else:
            messages.success(
                request,
                _("Die Begleitung von %(client)s durch %(volunteer)s endet am %(date)s.")
                % {
                    "client": assignment.client,
                    "volunteer": assignment.volunteer,
                    "date": f"{form.cleaned_data['end_on']:%d.%m.%Y}",
                },
            )
            return redirect("volunteers:volunteer_detail", pk=assignment.volunteer_id)
    return render(
        request,
        "volunteers/assignment_end.html",
        {"form": form, "assignment": assignment, "client_url": client_page_url(assignment.client)},
    )
