"""Vollmachten (staff), handovers to the KJC (staff, KJC), the public verification page and the
KJC start page. The volunteer's own Vollmachten are listed by the portal app."""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from cases.access import get_client_for
from cases.audit import log_access
from cases.models import AccessLog, Client, Consent
from volunteers.models import Assignment
from wir_fallmanagement import documents, ratelimit, uploads
from wir_fallmanagement.lists import remembered
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.params import int_param, uuid_param
from wir_fallmanagement.pdf import pdf_response
from wir_fallmanagement.permissions import kjc_required, role_required, staff_required

from . import services, tasks, texts
from .filters import authorisation_rows, handover_rows
from .forms import AuthorisationForm, HandoverForm, RevocationDeliveryForm, RevokeForm, SignForm
from .models import Authorisation, AuthorisationPdf, Handover, PrintJob, normalise_short_code
from .pdf import handover_html

staff_or_volunteer_required = role_required(*Role.STAFF, Role.VOLUNTEER)
staff_or_kjc_required = role_required(*Role.STAFF, Role.KJC)


def get_authorisation_for(request, pk) -> Authorisation:
    """The Vollmacht `pk` if the staff user may see its principal, else 404."""
    queryset = Authorisation.objects.visible_to(request.user).select_related(
        "principal__household", "principal__municipality", "agent", "kjc_branch", "handover", "signed_scan"
    )
    return get_object_or_404(queryset, pk=pk)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _serve(request, authorisation: Authorisation, data: bytes, name: str):
    target = f"authorisation:{authorisation.pk}"
    log_access(request, AccessLog.Action.PDF, client=authorisation.principal, target=target)
    return pdf_response(data, name)


# ---------------------------------------------------------------------------------------------
# Vollmachten (staff)
# ---------------------------------------------------------------------------------------------


@staff_required
@require_GET
def authorisation_list(request):
    if remembered_view := remembered(request, "authorisations"):
        return remembered_view
    rows = authorisation_rows(request.user, request.GET)
    return render(
        request,
        "authorisations/authorisation_list.html",
        {
            "page": paginate(request, rows.queryset),
            "sort": rows.sort,
            "status": rows.filterset.selected_status,
            "query": rows.filterset.search_text,
            "statuses": Authorisation.Status.choices,
        },
    )


def _parse_uuid(value: str) -> uuid.UUID:
    parsed = uuid_param(value)
    if parsed is None:
        raise Http404
    return parsed


@staff_required
def authorisation_create(request):
    """New Vollmacht for a client (`?client=<uuid>`) or for an assignment (`?assignment=<id>`,
    principal and agent taken from it). Without either: find the client first."""
    assignment = None
    assignment_id = request.GET.get("assignment", "")
    client_id = request.GET.get("client", "")
    if assignment_id:
        if int_param(assignment_id) is None:
            raise Http404
        assignments = Assignment.objects.select_related("volunteer", "client").filter(
            client__in=Client.objects.visible_to(request.user)
        )
        assignment = get_object_or_404(assignments, pk=int(assignment_id))
        client = assignment.client
    elif client_id:
        client = get_client_for(request, _parse_uuid(client_id))
    else:
        return _choose_client(request)

    form = AuthorisationForm(
        request.POST or None,
        principal=client,
        fixed_agent=assignment.volunteer if assignment else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            authorisation = services.create_authorisation(principal=client, created_by=request.user, **form.content())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Vollmacht ist angelegt. Prüfen Sie die Angaben und drucken Sie sie."))
            return redirect(authorisation)
    return render(
        request,
        "authorisations/authorisation_form.html",
        {"form": form, "client": client, "assignment": assignment, "authorisation": None},
    )


def _choose_client(request):
    query = request.GET.get("q", "").strip()[:100]
    clients = Client.objects.none()
    if query:
        clients = Client.objects.visible_to(request.user).search(query).order_by("family_name", "given_names")[:25]
    return render(request, "authorisations/choose_client.html", {"query": query, "clients": clients})


@staff_required
@require_GET
def authorisation_detail(request, pk):
    authorisation = get_authorisation_for(request, pk)
    log_access(request, AccessLog.Action.VIEW, client=authorisation.principal, target=f"authorisation:{pk}")
    return _render_detail(request, authorisation)


def _render_detail(request, authorisation, *, sign_form=None, delivery_form=None, status=200):
    pdfs = authorisation.pdfs.without_content().select_related("created_by").order_by("-created_at", "-pk")
    if sign_form is None and authorisation.can_mark_signed:
        sign_form = SignForm(authorisation=authorisation)
    if delivery_form is None and authorisation.status == Authorisation.Status.REVOKED:
        delivery_form = RevocationDeliveryForm(
            authorisation=authorisation,
            initial={
                "sent_on": authorisation.revocation_sent_on,
                "received_on": authorisation.revocation_received_on,
            },
        )
    pdfs = list(pdfs)
    revoked = authorisation.status == Authorisation.Status.REVOKED
    has_notice = any(pdf.kind == AuthorisationPdf.Kind.REVOCATION for pdf in pdfs)
    return render(
        request,
        "authorisations/authorisation_detail.html",
        {
            "authorisation": authorisation,
            "a": authorisation,
            "pdfs": pdfs,
            "has_notice": has_notice,
            "notice_failed": revoked and not has_notice and tasks.revocation_notice_failed(authorisation),
            "print_state": tasks.print_state(authorisation),
            "sign_form": sign_form,
            "delivery_form": delivery_form,
            "history": authorisation.change_history(),
            "language_name": language.name_de if (language := texts.translation(authorisation.language)) else "",
            "verify_url": reverse("authorisations:verify", args=[authorisation.token]),
        },
        status=status,
    )


@staff_required
def authorisation_edit(request, pk):
    authorisation = get_authorisation_for(request, pk)
    if not authorisation.is_editable:
        messages.error(request, _("Eine unterschriebene Vollmacht kann nicht mehr geändert werden."))
        return redirect(authorisation)
    form = AuthorisationForm(request.POST or None, instance=authorisation, principal=authorisation.principal)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.save_or_refuse(
            lambda: services.update_authorisation(
                authorisation=get_authorisation_for(request, pk), content=form.content()
            )
        )
    ):
        if form.result:
            messages.success(
                request,
                _(
                    "Die Änderung ergibt eine neue Fassung. Die gedruckte Fassung bleibt unverändert abrufbar; "
                    "bitte drucken Sie die neue Fassung und lassen Sie sie unterschreiben."
                ),
            )
        else:
            messages.success(request, _("Die Vollmacht ist gespeichert."))
        return redirect("authorisations:authorisation_detail", pk=pk)
    return render(
        request,
        "authorisations/authorisation_form.html",
        {"form": form, "client": authorisation.principal, "assignment": None, "authorisation": authorisation},
    )


@staff_required
@require_POST
def authorisation_print(request, pk):
    """Printing is done by the task worker (tasks.print_authorisation): the detail page shows its
    progress, then the download."""
    authorisation = get_authorisation_for(request, pk)
    try:
        services.request_print(authorisation=authorisation, user=request.user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(authorisation)


@staff_or_volunteer_required
@require_GET
def authorisation_pdf(request, pk):
    """The Vollmacht as printed (current version). Staff: any they may see; a draft that was never
    printed comes as a preview marked "Entwurf", rendered by the task worker (a page waits for it).
    The agent (volunteer): only while it is valid."""
    if request.user.is_volunteer:
        portal = Authorisation.objects.for_portal(request.user).effective_on().select_related("principal")
        authorisation = get_object_or_404(portal, pk=pk)
    else:
        authorisation = get_authorisation_for(request, pk)
    stored = authorisation.current_pdf()
    if stored is not None:
        data = bytes(stored.pdf)
    elif request.user.is_volunteer:
        raise Http404
    elif (data := tasks.cached_preview(authorisation, _base_url(request))) is None:
        return _preview_waiting(request, authorisation)
    name = f"vollmacht-{authorisation.pk}-fassung-{authorisation.version}"
    return _serve(request, authorisation, data, name)


def _preview_waiting(request, authorisation):
    """The preview is not rendered yet: queue it (once) and answer with a page that waits for it
    (progress.js reloads it; without JavaScript a reload link). `?retry` after a failed one."""
    failed = tasks.preview_failed(authorisation)
    if not failed or "retry" in request.GET:
        tasks.request_preview(authorisation, _base_url(request))
        if failed:
            return redirect("authorisations:authorisation_pdf", pk=authorisation.pk)
    context = {"a": authorisation, "failed": failed}
    return render(request, "authorisations/authorisation_preview.html", context, status=200 if failed else 202)


@staff_required
@require_GET
def authorisation_stored_pdf(request, pk, pdf_id):
    """Any PDF kept for this Vollmacht (earlier versions, the revocation notice), exactly as made."""
    authorisation = get_authorisation_for(request, pk)
    stored = get_object_or_404(authorisation.pdfs.all(), pk=pdf_id)
    kind = "widerruf" if stored.kind == AuthorisationPdf.Kind.REVOCATION else "vollmacht"
    return _serve(request, authorisation, bytes(stored.pdf), f"{kind}-{pk}-fassung-{stored.version}")


@staff_required
@require_GET
def authorisation_revocation_pdf(request, pk):
    authorisation = get_authorisation_for(request, pk)
    stored = authorisation.pdfs.filter(kind=AuthorisationPdf.Kind.REVOCATION).order_by("-created_at").first()
    if stored is None:
        raise Http404
    return _serve(request, authorisation, bytes(stored.pdf), f"widerruf-vollmacht-{pk}")


@staff_required
@require_GET
def authorisation_scan(request, pk):
    authorisation = get_authorisation_for(request, pk)
    scan = authorisation.signed_scan
    if scan is None:
        raise Http404
    log_access(request, AccessLog.Action.DOCUMENT, client=authorisation.principal, target=f"document:{scan.pk}")
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(scan.content_type, "bin")
    response = FileResponse(
        scan.file.open("rb"),
        as_attachment=True,
        filename=f"vollmacht-{pk}-unterschrieben.{extension}",
        content_type=scan.content_type,
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def authorisation_sign(request, pk):
    authorisation = get_authorisation_for(request, pk)
    if not authorisation.can_mark_signed:
        messages.error(request, _("Nur eine gedruckte Vollmacht kann als unterschrieben erfasst werden."))
        return redirect(authorisation)
    form = SignForm(request.POST, request.FILES, authorisation=authorisation)
    if not form.is_valid():
        return _render_detail(request, authorisation, sign_form=form, status=400)
    try:
        services.mark_signed(
            authorisation=authorisation,
            user=request.user,
            signed_on=form.cleaned_data["signed_on"],
            holder=form.cleaned_data["holder"],
            scan=form.cleaned_data["scan"],
        )
    except uploads.StorageFailed as exc:
        form.add_error("scan", exc)
        return _render_detail(request, authorisation, sign_form=form, status=400)
    messages.success(request, _("Die Vollmacht ist als unterschrieben erfasst. Sie gilt ab dem Gültigkeitsbeginn."))
    return redirect(authorisation)


@staff_required
def authorisation_revoke(request, pk):
    authorisation = get_authorisation_for(request, pk)
    if not authorisation.can_revoke:
        messages.error(request, _("Diese Vollmacht ist bereits widerrufen oder abgelaufen."))
        return redirect(authorisation)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke_authorisation(
            authorisation=authorisation,
            user=request.user,
            declared_by=form.cleaned_data["declared_by"],
            reason=form.cleaned_data["reason"],
            revoked_on=form.cleaned_data["revoked_on"],
            sent_on=form.cleaned_data["sent_on"],
        )
        messages.success(
            request,
            _(
                "Die Vollmacht ist widerrufen; die bevollmächtigte Person hat ab sofort keinen erweiterten Zugriff "
                "mehr. Schicken Sie die Mitteilung an das KJC und tragen Sie den Eingang dort ein."
            ),
        )
        return redirect(authorisation)
    return render(request, "authorisations/authorisation_revoke.html", {"form": form, "a": authorisation})


@staff_required
@require_POST
def authorisation_revocation_notice(request, pk):
    """Try again to write the revocation notice after its job gave up."""
    authorisation = get_authorisation_for(request, pk)
    if authorisation.status != Authorisation.Status.REVOKED:
        raise Http404
    if not authorisation.pdfs.filter(kind=AuthorisationPdf.Kind.REVOCATION).exists():
        tasks.write_revocation_notice.defer(authorisation_id=authorisation.pk, user_id=request.user.pk)
    messages.info(request, _("Die Mitteilung an das KJC wird erstellt."))
    return redirect(authorisation)


@staff_required
@require_POST
def authorisation_revocation_delivery(request, pk):
    authorisation = get_authorisation_for(request, pk)
    if authorisation.status != Authorisation.Status.REVOKED:
        raise Http404
    form = RevocationDeliveryForm(request.POST, authorisation=authorisation)
    if not form.is_valid():
        return _render_detail(request, authorisation, delivery_form=form, status=400)
    services.record_revocation_delivery(
        authorisation=authorisation,
        sent_on=form.cleaned_data["sent_on"],
        received_on=form.cleaned_data["received_on"],
    )
    messages.success(request, _("Versand und Eingang des Widerrufs sind gespeichert."))
    return redirect(authorisation)


# ---------------------------------------------------------------------------------------------
# Handover to the KJC
# ---------------------------------------------------------------------------------------------


@staff_required
@require_GET
def handover_list(request):
    if remembered_view := remembered(request, "handovers"):
        return remembered_view
    rows = handover_rows(request.user, request.GET)
    ready = Authorisation.objects.visible_to(request.user).filter(status=Authorisation.Status.SIGNED).count()
    context = {"page": paginate(request, rows.queryset), "sort": rows.sort, "ready": ready}
    return render(request, "authorisations/handover_list.html", context)


def _handover_choices(user):
    authorisations = (
        Authorisation.objects.visible_to(user)
        .filter(status=Authorisation.Status.SIGNED)
        .select_related("principal", "agent")
        .order_by("principal__family_name", "pk")
    )
    consents = (
        Consent.objects.valid_on()
        .filter(recipient_kind=Consent.RecipientKind.KJC, client__in=authorisations.values("principal"))
        .select_related("client")
        .order_by("client__family_name", "-given_on")
    )
    return authorisations, consents


@staff_required
def handover_create(request):
    authorisations, consents = _handover_choices(request.user)
    form = HandoverForm(request.POST or None, authorisations=authorisations, consents=consents)
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.create_handover(
                user=request.user,
                kjc_branch=form.cleaned_data["kjc_branch"],
                team=form.cleaned_data["team"],
                handed_over_on=form.cleaned_data["handed_over_on"],
                authorisations=form.cleaned_data["authorisations"],
                consents=form.cleaned_data["consents"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Die Übergabe ist erfasst; die Originale liegen jetzt beim KJC. Drucken Sie das Übergabeprotokoll."),
            )
            return redirect(handover)
    return render(request, "authorisations/handover_form.html", {"form": form, "available": authorisations.exists()})


@staff_required
@require_GET
def handover_detail(request, pk):
    handover = get_handover_for(request, pk)
    authorisations, consents = handover.content_for(request.user)
    return render(
        request,
        "authorisations/handover_detail.html",
        {"handover": handover, "authorisations": authorisations, "consents": consents},
    )


@staff_or_kjc_required
@require_GET
def handover_pdf(request, pk):
    handover = get_handover_for(request, pk)
    authorisations, consents = handover.content_for(request.user)
    return documents.serve(
        request,
        task=tasks.render_handover_sheet,
        args={"handover_id": handover.pk, "user_id": request.user.pk},
        html=handover_html(handover, authorisations, consents),
        filename=f"uebergabeprotokoll-{pk}",
        log=lambda: AccessLog.objects.bulk_create(
            AccessLog(user=request.user, client_id=a.principal_id, action=AccessLog.Action.PDF, target=f"handover:{pk}")
            for a in authorisations
        ),
        heading=_("Übergabeprotokoll Nr. %(number)s") % {"number": handover.pk},
        back_url=reverse("kjc:home") if request.user.is_kjc else reverse("authorisations:handover_detail", args=[pk]),
    )


def get_handover_for(request, pk) -> Handover:
    """A handover the user may see (Handover.objects.visible_to), else 404."""
    return get_object_or_404(
        Handover.objects.visible_to(request.user).select_related("kjc_branch", "created_by"), pk=pk
    )


@staff_required
@require_POST
def handover_bundle(request, pk):
    """Start printing the handover sheet with all its Vollmachten as one PDF (in the worker)."""
    handover = get_handover_for(request, pk)
    job = PrintJob.objects.create(handover=handover, requested_by=request.user)
    tasks.print_handover_bundle.defer(job_id=job.pk)
    return redirect("authorisations:handover_bundle_detail", pk=pk, job_pk=job.pk)


@staff_required
@require_GET
def handover_bundle_detail(request, pk, job_pk):
    handover = get_handover_for(request, pk)
    job = get_object_or_404(handover.print_jobs.defer("pdf"), pk=job_pk)
    context = {"handover": handover, "job": job, "withheld": job.withheld_from(request.user)}
    return render(request, "authorisations/handover_bundle.html", context)


@staff_required
@require_GET
def handover_bundle_pdf(request, pk, job_pk):
    handover = get_handover_for(request, pk)
    job = get_object_or_404(handover.print_jobs.filter(status=PrintJob.Status.DONE), pk=job_pk)
    if job.withheld_from(request.user):
        raise Http404
    AccessLog.objects.bulk_create(
        AccessLog(user=request.user, client_id=client_id, action=AccessLog.Action.PDF, target=f"handover:{pk}")
        for client_id in job.principal_ids()
    )
    return pdf_response(bytes(job.pdf), f"uebergabemappe-{pk}")


# ---------------------------------------------------------------------------------------------
# Verification (public) and the KJC
# ---------------------------------------------------------------------------------------------


TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _rate_limited(request):
    return render(request, "authorisations/verify_rate_limited.html", status=429)


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def verify(request, token):
    """Valid or not, the validity dates and the scopes — nothing about the persons. KJC clerks who
    are logged in also see the names and the handover."""
    if ratelimit.hit_per_client(request, "verify"):
        return _no_index(_rate_limited(request))
    if not TOKEN_RE.fullmatch(token):  # overlong, NUL, broken UTF-8 …: simply not found
        return _no_index(render(request, "authorisations/verify.html", {"found": False}, status=404))
    authorisation = (
        Authorisation.objects.select_related("principal", "agent", "handover__kjc_branch", "kjc_branch")
        .filter(token=token)
        .first()
    )
    superseded = None
    if authorisation is None:
        superseded = (
            AuthorisationPdf.objects.without_content()
            .select_related("authorisation")
            .filter(token=token, kind=AuthorisationPdf.Kind.AUTHORISATION)
            .first()
        )
    if authorisation is None and superseded is None:
        response = render(request, "authorisations/verify.html", {"found": False}, status=404)
        return _no_index(response)
    today = timezone.localdate()
    if superseded is not None:
        shown, reason, valid = superseded.authorisation, "superseded", False
    else:
        shown, reason = authorisation, authorisation.invalid_reason(today)
        valid = authorisation.is_valid_on(today)
    show_names = request.user.is_authenticated and request.user.is_kjc
    if show_names:
        log_access(request, AccessLog.Action.VIEW, client=shown.principal, target=f"verify:{shown.pk}")
    context = {
        "found": True,
        "a": shown,
        "valid": valid,
        "reason": reason,
        "version": superseded.version if superseded else shown.version,
        "show_names": show_names,
        "today": today,
    }
    return _no_index(render(request, "authorisations/verify.html", context))


@login_not_required
@require_GET
def verify_lookup(request):
    """The page the printed address leads to: type in the short code from the document."""
    code = request.GET.get("code", "")
    error = ""
    if code:
        if ratelimit.hit_per_client(request, "verify"):
            return _no_index(_rate_limited(request))
        normalised = normalise_short_code(code)
        token = ""
        if normalised:
            token = (
                Authorisation.objects.filter(short_code=normalised).values_list("token", flat=True).first()
                or AuthorisationPdf.objects.filter(short_code=normalised, kind=AuthorisationPdf.Kind.AUTHORISATION)
                .values_list("token", flat=True)
                .first()
            )
        if token:
            return redirect("authorisations:verify", token=token)
        error = _("Zu diesem Prüfcode gibt es keine Vollmacht. Bitte prüfen Sie die Eingabe (12 Zeichen).")
    response = render(request, "authorisations/verify_lookup.html", {"code": code[:40], "error": error})
    return _no_index(response)


@kjc_required
@require_GET
def kjc_home(request):
    """Start page of the job centre clerk: verification and the handovers addressed to the KJC."""
    rows = handover_rows(request.user, request.GET)
    return render(
        request, "authorisations/kjc_home.html", {"page": paginate(request, rows.queryset), "sort": rows.sort}
    )
