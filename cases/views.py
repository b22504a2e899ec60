import functools
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import security
from accounts.models import Role, User
from wir_fallmanagement import confirm, documents, extensions, undo, uploads
from wir_fallmanagement.lists import remembered
from wir_fallmanagement.pagination import keyset_paginate, paginate
from wir_fallmanagement.params import int_param
from wir_fallmanagement.permissions import staff_required, teamlead_required
from wir_fallmanagement.rows import compiled, rows_column, rows_from
from wir_fallmanagement.stale import stale_message

from . import exports, services, tasks
from .access import get_case_for, get_client_for, get_consent_for, get_document_for, get_followup_for, get_goal_for
from .audit import log_access
from .filters import client_count, client_rows, followup_rows
from .forms import (
    CaseStatusForm,
    ClientForm,
    ClientLanguageFormSet,
    ConsentForm,
    ConsentFormLanguageForm,
    ConsentRevokeForm,
    ConsentScanForm,
    ContactForm,
    DocumentForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    HouseholdForm,
    NewCaseForm,
    ReassignForm,
    consent_form_languages,
)
from .models import (
    AccessLog,
    Case,
    Client,
    ClientLanguage,
    Consent,
    Contact,
    Document,
    FollowUp,
    Goal,
    Household,
    ListExport,
)
from .pdf import consent_form_html

# --------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET
def client_list(request):
    """All visible people in the chosen order (keyset pages, count capped), or the ranked hits of a
    search (cases/filters.py client_rows; the export writes the same rows)."""
    if remembered_view := remembered(request, "clients"):
        return remembered_view
    rows = client_rows(request.user, request.GET)
    if rows.keyset:
        page = keyset_paginate(request, rows.queryset, order=rows.keyset)
        count, capped = client_count(request.user, rows.queryset)
    else:
        count, capped = rows.found
        page = paginate(request, rows.queryset, count=count)  # the hits, counted already
    context = {"filter": rows.filterset, "sort": rows.sort, "page": page, "count": count, "capped": capped}
    return render(request, "cases/client_list.html", {**context, "q": request.GET.get("q", "").strip()})


def _duplicates(user, form):
    """Clients whose name and year of birth resemble the new one (Client.objects.probable_duplicates)."""
    data = form.cleaned_data
    return Client.objects.probable_duplicates(
        user,
        given_names=data.get("given_names", ""),
        family_name=data.get("family_name", ""),
        birth_year=data.get("birth_year"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def client_create(request):
    form = ClientForm(request.POST or None, user=request.user)
    languages = ClientLanguageFormSet(request.POST or None, prefix="languages")
    duplicates, hidden_duplicates = [], 0
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        duplicates, hidden_duplicates = _duplicates(request.user, form)
        if (duplicates or hidden_duplicates) and not form.cleaned_data.get("confirm_duplicate"):
            form.add_error(
                "confirm_duplicate",
                _(
                    "Es gibt ähnliche Einträge. Bitte prüfen Sie sie und bestätigen Sie, dass es eine andere Person ist."
                ),
            )
        else:
            caseworker = form.cleaned_data.get("caseworker") or request.user
            try:
                client = services.create_client(
                    client=form.save(commit=False),
                    bg_number=form.cleaned_data.get("bg_number", ""),
                    languages=languages.save(commit=False),
                    caseworker=caseworker,
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("%(name)s wurde angelegt.") % {"name": client.full_name})
                return redirect("cases:client_detail", pk=client.pk)
    return render(
        request,
        "cases/client_form.html",
        {
            "form": form,
            "languages": languages,
            "duplicates": duplicates,
            "hidden_duplicates": hidden_duplicates,
            "client": None,
        },
    )


CONSENT_RELATED = ("recipient_volunteer", "recipient_provider", "scan")


def client_page_columns(user) -> dict:
    """The client page's short lists, read with the client's row (one query for all of them)."""
    return dict(_client_page_columns(sees_all_cases=user.sees_all_cases))


@functools.cache
def _client_page_columns(*, sees_all_cases: bool) -> dict:
    # Built and compiled to SQL once per process: the expressions hold nothing of a request (the client
    # is OuterRef("pk"), no user, no date), so every page may use the same SQL.
    mine = {"client": OuterRef("pk")}
    contacts = Contact.objects.filter(**mine)
    columns = {
        "case_rows": rows_column(Case.objects.filter(**mine).order_by("-opened_on", "-pk"), "caseworker"),
        "language_rows": rows_column(ClientLanguage.objects.filter(**mine), "language"),
        "contact_rows": rows_column(contacts.order_by("-date", "-created_at")[:10], "author"),
        "contact_count": Subquery(contacts.order_by().values("client").annotate(n=Count("pk")).values("n")),
        "followup_rows": rows_column(FollowUp.objects.open().filter(**mine), "owner"),
        "goal_rows": rows_column(Goal.objects.filter(**mine)),
        "consent_rows": rows_column(Consent.objects.filter(**mine), *CONSENT_RELATED),
        "document_rows": rows_column(Document.objects.filter(**mine)[:20]),
    }
    if sees_all_cases:  # the newest ten visits: nine before this one, which the page adds
        columns["access_rows"] = rows_column(AccessLog.objects.filter(**mine)[:9], "user")
    return compiled(Client, columns)


@staff_required
@require_GET
def client_detail(request, pk):
    client = get_client_for(request, pk, columns=client_page_columns(request.user))
    viewed = log_access(request, AccessLog.Action.VIEW, client=client, target=f"client:{client.pk}")
    cases = rows_from(Case, client.case_rows, "caseworker")
    open_case = next((c for c in cases if c.is_open), None)
    household_members = client.household_members_for(request.user)
    contacts = rows_from(Contact, client.contact_rows, "author")
    context = {
        "client": client,
        "cases": cases,
        "open_case": open_case,
        # Several forms on one page: each gets its own id prefix, so no element id appears twice
        # (the field names, and so what the forms post, stay the same).
        "status_form": CaseStatusForm(case=open_case, auto_id="id_case_%s") if open_case else None,
        "new_case_form": NewCaseForm(initial={"caseworker": request.user.pk}, auto_id="id_newcase_%s")
        if not open_case
        else None,
        "household_members": household_members,
        "client_languages": rows_from(ClientLanguage, client.language_rows, "language"),
        "contacts": contacts,
        "contact_count": client.contact_count or 0,
        "followups": rows_from(FollowUp, client.followup_rows, "owner"),
        "goals": rows_from(Goal, client.goal_rows),
        "consents": rows_from(Consent, client.consent_rows, *CONSENT_RELATED),
        "consent_form_languages": consent_form_languages(),
        "documents": rows_from(Document, client.document_rows),
        "timeline": client.timeline(limit=8),
        "contact_form": ContactForm(auto_id="id_contact_%s"),
        "followup_form": FollowUpForm(user=request.user, client=client, auto_id="id_followup_%s"),
        "goal_form": GoalForm(auto_id="id_goal_%s"),
        "today": timezone.localdate(),
        "sections": [p.render(request) for p in extensions.client_sections.panels(request, client)],
        "show_access_log": request.user.sees_all_cases,
        "access_log": [viewed, *rows_from(AccessLog, client.access_rows, "user")]
        if request.user.sees_all_cases
        else [],
    }
    return render(request, "cases/client_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def client_edit(request, pk):
    client = get_client_for(request, pk)
    form = ClientForm(request.POST or None, instance=client, user=request.user)
    languages = ClientLanguageFormSet(request.POST or None, instance=client, prefix="languages")
    stale = None
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        try:
            services.update_client(
                client=form.save(commit=False),
                bg_number=form.cleaned_data.get("bg_number", ""),
                languages=languages.save(commit=False),
                removed_languages=languages.deleted_objects,
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except services.StaleEdit as exc:
            stale = exc.current
            form.add_error(None, stale_message(stale))
            # Keep the user's input, but let the next save count against the new version.
            form.data = form.data.copy()
            form.data["version"] = stale.version
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("cases:client_detail", pk=client.pk)
    return render(
        request,
        "cases/client_form.html",
        {
            "form": form,
            "languages": languages,
            "client": client,
            "stale": stale,
            "duplicates": [],
            "hidden_duplicates": 0,
        },
    )


@staff_required
@require_GET
def client_history(request, pk):
    client = get_client_for(request, pk)
    log_access(request, AccessLog.Action.HISTORY, client=client, target=f"client:{client.pk}")
    page = paginate(request, client.timeline(limit=500), per_page=50)
    return render(request, "cases/client_history.html", {"client": client, "page": page})


@staff_required
@require_GET
def client_export(request, pk):
    """Everything stored about the person (GDPR Art. 15), as JSON."""
    client = get_client_for(request, pk)
    log_access(request, AccessLog.Action.EXPORT, client=client, target=f"client:{client.pk}")
    data = {
        "exported_at": timezone.now(),
        "exported_by": request.user.email,
        "client": _model_dict(client, exclude={"search_document", "nationalities"}),
        "nationalities": [c.code for c in client.nationalities],
        "languages": [
            {"language": cl.language.name, "level": cl.get_level_display()}
            for cl in client.languages.select_related("language")
        ],
        "household": _model_dict(client.household) if client.household else None,
        "cases": [_model_dict(c) for c in client.cases.all()],
        "contacts": [_model_dict(c) for c in client.contacts.all()],
        "followups": [_model_dict(f) for f in client.followups.all()],
        "goals": [_model_dict(g) for g in client.goals.all()],
        "consents": [_model_dict(c) for c in client.consents.all()],
        "documents": [_model_dict(d, exclude={"file"}) for d in client.documents.all()],
        "access_log": [
            {"at": row.at, "user": row.user.email, "action": row.action}
            for row in AccessLog.objects.filter(client=client).select_related("user")
        ],
    }
    for contribution in extensions.client_export.call(client):
        data.update(contribution)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="auskunft-{client.pk}.json"'
    response["Cache-Control"] = "no-store, private"
    return response


def _model_dict(obj, exclude=frozenset()):
    out = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude:
            continue
        value = getattr(obj, f.attname)
        out[f.name] = str(value) if f.name == "phone" and value else value
    return out


# --------------------------------------------------------------------------------------------
# Records on the client page
# --------------------------------------------------------------------------------------------


def _invalid(request, client, form, what):
    """Small forms on the client page: on error, show them on their own page with the input kept."""
    return render(request, "cases/record_form.html", {"client": client, "form": form, "what": what}, status=200)


@staff_required
@require_http_methods(["GET", "POST"])
def contact_create(request, pk):
    client = get_client_for(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.log_contact(contact=form.save(commit=False), client=client, author=request.user)
        messages.success(request, _("Der Kontakt wurde gespeichert."))
        return redirect("cases:client_detail", pk=client.pk)
    return _invalid(request, client, form, _("Kontakt erfassen"))


@staff_required
@require_GET
def contact_list(request, pk):
    client = get_client_for(request, pk)
    page = paginate(request, client.contacts.select_related("author").order_by("-date", "-created_at"))
    return render(request, "cases/contact_list.html", {"client": client, "page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def followup_create(request, pk):
    client = get_client_for(request, pk)
    form = FollowUpForm(request.POST or None, user=request.user, client=client)
    if request.method == "POST" and form.is_valid():
        followup = form.save(commit=False)
        followup.client = client
        followup.save()
        messages.success(request, _("Die Wiedervorlage wurde angelegt."))
        return redirect("cases:client_detail", pk=client.pk)
    return _invalid(request, client, form, _("Wiedervorlage anlegen"))


@staff_required
@require_POST
def followup_done(request, followup_pk):
    followup = get_followup_for(request, followup_pk, write=True)
    services.mark_followup_done(followup=followup, user=request.user)
    target = request.POST.get("next", "")
    undo.offer(
        request,
        url=reverse("cases:followup_reopen", args=[followup.pk]) + ("?next=list" if target == "list" else ""),
        what=_("Wiedervorlage erledigt: %(text)s") % {"text": followup.text},
    )
    if target == "list":
        return redirect("cases:followup_list")
    return redirect("cases:client_detail", pk=followup.client_id)


@staff_required
@require_POST
def followup_reopen(request, followup_pk):
    followup = get_followup_for(request, followup_pk, write=True)
    if services.reopen_followup(followup=followup, user=request.user):
        messages.success(request, _("Die Wiedervorlage ist wieder offen: %(text)s") % {"text": followup.text})
    elif followup.done_at is not None:
        messages.error(request, _("Das lässt sich nicht mehr rückgängig machen."))
    if request.GET.get("next") == "list":
        return redirect("cases:followup_list")
    return redirect("cases:client_detail", pk=followup.client_id)


@staff_required
@require_GET
def followup_list(request):
    if remembered_view := remembered(request, "followups"):
        return remembered_view
    rows = followup_rows(request.user, request.GET)
    owners = (
        User.objects.filter(role__in=[Role.CASEWORKER, Role.TEAMLEAD], is_active=True)
        if request.user.sees_all_cases
        else []
    )
    return render(
        request,
        "cases/followup_list.html",
        {
            "page": paginate(request, rows.queryset),
            "sort": rows.sort,
            "today": timezone.localdate(),
            "owner": rows.filterset.selected_owner,
            "owners": owners,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def goal_create(request, pk):
    client = get_client_for(request, pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = form.save(commit=False)
        goal.client = client
        goal.created_by = request.user
        goal.save()
        messages.success(request, _("Das Ziel wurde angelegt."))
        return redirect("cases:client_detail", pk=client.pk)
    return _invalid(request, client, form, _("Ziel anlegen"))


@staff_required
@require_POST
def goal_status(request, goal_pk):
    goal = get_goal_for(request, goal_pk, write=True)
    client = goal.client
    form = GoalStatusForm(request.POST, instance=goal)
    if form.is_valid():
        form.save()
        messages.success(request, _("Status des Ziels geändert."))
    else:
        messages.error(request, _("Dieser Status ist nicht möglich."))
    return redirect("cases:client_detail", pk=client.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def consent_create(request, pk):
    client = get_client_for(request, pk)
    initial = {}  # e.g. from a referral that needs the provider named: ?recipient_kind=provider&recipient_provider=3
    if request.GET.get("recipient_kind") in Consent.RecipientKind.values:
        initial["recipient_kind"] = request.GET["recipient_kind"]
    if (provider_id := int_param(request.GET.get("recipient_provider"))) is not None:
        initial["recipient_provider"] = provider_id
    form = ConsentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(
                consent=form.save(commit=False), client=client, user=request.user, scan=form.checked_scan
            )
        except uploads.StorageFailed as exc:
            form.add_error("scan_file", exc)
        else:
            messages.success(request, _("Die Einwilligung wurde erfasst."))
            return redirect("cases:client_detail", pk=client.pk)
    return render(request, "cases/consent_form.html", {"client": client, "form": form})


@staff_required
@require_GET
def consent_form_pdf(request, consent_pk):
    """The consent form to sign, prefilled from the record, with a working translation."""
    consent = get_consent_for(request, consent_pk)
    form = ConsentFormLanguageForm(request.GET)
    if not form.is_valid():
        messages.error(request, form.errors["lang"][0])
        return redirect("cases:client_detail", pk=consent.client.pk)
    lang = form.language_for(consent.client)
    return documents.serve(
        request,
        task=tasks.render_consent_form,
        args={"consent_id": consent.pk, "lang": lang or ""},
        html=consent_form_html(consent, lang),
        filename=f"einwilligung-{consent.pk}-{lang or 'de'}",
        log=lambda: log_access(request, AccessLog.Action.PDF, client=consent.client, target=f"consent:{consent.pk}"),
        heading=_("Einwilligung in die Datenübermittlung Nr. %(number)s") % {"number": consent.pk},
        back_url=reverse("cases:client_detail", args=[consent.client.pk]),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def consent_scan(request, consent_pk):
    consent = get_consent_for(request, consent_pk, write=True)
    if consent.scan_id is not None:
        messages.info(request, _("Für diese Einwilligung ist bereits ein Scan hinterlegt."))
        return redirect("cases:client_detail", pk=consent.client.pk)
    posted = request.method == "POST"
    form = ConsentScanForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            services.attach_consent_scan(consent=consent, scan=form.checked_scan, user=request.user)
        except (uploads.StorageFailed, ValidationError) as exc:
            form.add_error("scan_file", exc)
        else:
            messages.success(request, _("Der Scan der unterschriebenen Einwilligung wurde gespeichert."))
            return redirect("cases:client_detail", pk=consent.client.pk)
    return render(request, "cases/consent_scan.html", {"client": consent.client, "consent": consent, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def consent_revoke(request, consent_pk):
    consent = get_consent_for(request, consent_pk, write=True)
    client = consent.client
    if consent.revoked_on:
        messages.info(request, _("Diese Einwilligung ist bereits widerrufen."))
        return redirect("cases:client_detail", pk=client.pk)
    form = ConsentRevokeForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        services.revoke_consent(
            consent=consent, revoked_on=form.cleaned_data["revoked_on"], note=form.cleaned_data["revocation_note"]
        )
        messages.success(request, _("Der Widerruf wurde eingetragen."))
        return redirect("cases:client_detail", pk=client.pk)
    return render(request, "cases/consent_revoke.html", {"client": client, "consent": consent, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    client = get_client_for(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.store_document(
                client=client,
                checked=form.checked,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                user=request.user,
            )
        except uploads.StorageFailed as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Das Dokument wurde hochgeladen."))
            return redirect("cases:client_detail", pk=client.pk)
    return render(request, "cases/document_form.html", {"client": client, "form": form})


@staff_required
@require_GET
def document_download(request, document_pk):
    document = get_document_for(request, document_pk)
    client = document.client
    log_access(request, AccessLog.Action.DOCUMENT, client=client, target=f"document:{document.pk}")
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[document.content_type]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"dokument-{document.pk}.{extension}",
        content_type=document.content_type,
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


@staff_required
@require_POST
def case_status(request, case_pk):
    case = get_case_for(request, case_pk, write=True)
    client = case.client
    form = CaseStatusForm(request.POST, case=case)
    if form.is_valid() and form.cleaned_data["status"] == Case.Status.CLOSED and not confirm.confirmed(request):
        return confirm.page(
            request,
            title=_("Fall abschließen"),
            question=_("Den Fall von %(name)s wirklich abschließen?") % {"name": client.full_name},
            details=[
                _("Abschlussgrund: %(reason)s")
                % {"reason": Case.ClosingReason(form.cleaned_data["closing_reason"]).label},
                _(
                    "Ein abgeschlossener Fall lässt sich nicht wieder öffnen; für eine neue Betreuung wird ein neuer Fall eröffnet."
                ),
            ],
            action=_("Ja, Fall abschließen"),
            back_url=reverse("cases:client_detail", args=[client.pk]),
        )
    if form.is_valid():
        try:
            services.change_case_status(
                case=case,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["closing_reason"],
                note=form.cleaned_data["closing_note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Der Fallstatus wurde geändert."))
            return redirect("cases:client_detail", pk=client.pk)
    return _invalid(request, client, form, _("Fallstatus ändern"))


@staff_required
@require_POST
def case_open(request, pk):
    client = get_client_for(request, pk)
    form = NewCaseForm(request.POST)
    if form.is_valid():
        caseworker = form.cleaned_data["caseworker"] if request.user.sees_all_cases else request.user
        try:
            services.open_new_case(client=client, caseworker=caseworker)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Ein neuer Fall wurde eröffnet."))
        return redirect("cases:client_detail", pk=client.pk)
    return _invalid(request, client, form, _("Neuen Fall eröffnen"))


@teamlead_required
@require_http_methods(["GET", "POST"])
def case_reassign(request):
    caseworkers = User.objects.filter(role=Role.CASEWORKER).order_by("full_name")
    from_id = int_param(request.GET.get("from") or request.POST.get("from"))
    from_caseworker = caseworkers.filter(pk=from_id).first() if from_id is not None else None
    form = None
    if from_caseworker:
        form = ReassignForm(request.POST or None, from_caseworker=from_caseworker)
        if request.method == "POST" and form.is_valid():
            moved = services.reassign_cases(
                cases=form.cleaned_data["cases"], to_caseworker=form.cleaned_data["to_caseworker"]
            )
            messages.success(
                request,
                _("%(count)s Fälle wurden an %(name)s übergeben.")
                % {"count": moved, "name": form.cleaned_data["to_caseworker"]},
            )
            return redirect(f"{request.path}?from={from_caseworker.pk}")
    return render(
        request,
        "cases/case_reassign.html",
        {"caseworkers": caseworkers, "from_caseworker": from_caseworker, "form": form},
    )


# --------------------------------------------------------------------------------------------
# Households
# --------------------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def household_detail(request, household_pk):
    household = get_object_or_404(Household.objects.visible_to(request.user), pk=household_pk)
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        messages.success(request, _("Die Bedarfsgemeinschaft wurde gespeichert."))
        return redirect("cases:household_detail", household_pk=household.pk)
    members = household.members_for(request.user)
    return render(request, "cases/household_detail.html", {"household": household, "members": members, "form": form})


# --------------------------------------------------------------------------------------------
# List exports (CSV/XLSX of exactly the rows a list shows; cases/exports.py)
# --------------------------------------------------------------------------------------------


def _export_response(content: bytes, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def list_export(request, name):
    """Export list `name` with the filters and sort order in `params` (the list page's query string)."""
    exportable = exports.get_exportable(name)
    file_format = request.POST.get("format", "")
    params_text = request.POST.get("params", "")
    if file_format not in ListExport.Format.values or len(params_text) > 2000:
        messages.error(request, _("Dieser Export ist nicht möglich. Bitte wählen Sie CSV oder Excel."))
        return redirect("home")
    queryset = exports.queryset_for(exportable, request.user, QueryDict(params_text))
    if queryset.count() > settings.WIR_EXPORT_BACKGROUND_ROWS:
        job = services.start_list_export(user=request.user, name=name, params=params_text, file_format=file_format)
        return redirect(job)
    data = exports.dataset(exportable, queryset)
    content = exports.write(file_format, data)
    exports.log_export(
        user=request.user, request=request, exportable=exportable, queryset=queryset,
        target=f"export:{name}", rows=len(data), format=file_format,
    )  # fmt: skip
    return _export_response(content, file_format, exports.file_name(exportable, file_format))


def get_list_export_for(request, pk) -> ListExport:
    """A background export of the requesting user (anyone else's: 404), not yet expired."""
    exports_of_user = ListExport.objects.filter(requested_by=request.user, expires_at__gt=timezone.now())
    return get_object_or_404(exports_of_user.defer("data"), pk=pk)


@staff_required
@require_GET
def list_export_detail(request, pk):
    job = get_list_export_for(request, pk)
    return render(request, "cases/list_export.html", {"job": job})


@staff_required
@require_GET
def list_export_download(request, pk):
    job = get_list_export_for(request, pk)
    if job.status != ListExport.Status.DONE:
        raise Http404
    exportable = exports.get_exportable(job.list_name)
    log_access(request, AccessLog.Action.LIST_EXPORT, target=f"export:{job.pk}")
    security.event("list_export_download", request=request, target=f"export:{job.pk}", format=job.file_format)
    content = bytes(ListExport.objects.values_list("data", flat=True).get(pk=job.pk))
    return _export_response(content, job.file_format, exports.file_name(exportable, job.file_format, job.created_at))
