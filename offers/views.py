"""Staff pages: offers, providers, referrals and BuT applications. The public directory lives
in `directory.py`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import get_client_for
from cases.audit import log_access
from cases.models import AccessLog, Client
from wir_fallmanagement import confirm
from wir_fallmanagement.history import history_of
from wir_fallmanagement.lists import remembered
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.params import int_param, next_param
from wir_fallmanagement.permissions import staff_required

from . import but, services
from .access import get_referral_for
from .filters import but_application_rows, offer_participant_rows, offer_referral_rows, offer_rows
from .forms import (
    ButApplicationForm,
    ButExpenseForm,
    ButStatusForm,
    ClientSearchForm,
    OfferForm,
    OfferTranslationFormSet,
    ProviderForm,
    ReferralForm,
    ReferralStatusForm,
    add_service_errors,
)
from .models import ButApplication, Offer, OfferTranslation, Provider, Referral
from .sections import but_section_context, referral_section_context

require_GET_or_POST = require_http_methods(["GET", "POST"])


# --------------------------------------------------------------------------------------------
# Offers
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET
def offer_list(request):
    if remembered_view := remembered(request, "offers"):
        return remembered_view
    rows = offer_rows(request.user, request.GET)
    context = {"form": rows.filterset.form, "sort": rows.sort, "page": paginate(request, rows.queryset)}
    return render(request, "offers/offer_list.html", context)


@staff_required
@require_GET
def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.select_related("provider", "category", "municipality")
        .with_occupancy()
        .prefetch_related("languages", Prefetch("translations", OfferTranslation.objects.with_language_name())),
        pk=pk,
    )
    params = QueryDict(mutable=True)
    params["offer"] = str(offer.pk)
    page = paginate(request, offer_referral_rows(request.user, params).queryset)
    participants = offer_participant_rows(request.user, params).queryset.count()
    entries = history_of(offer, limit=10, show_values=())
    context = {"offer": offer, "page": page, "participants": participants, "history": entries}
    context["export_params"] = params.urlencode()
    return render(request, "offers/offer_detail.html", context)


def _save_offer(request, form, formset):
    with transaction.atomic():
        offer = form.save()
        formset.instance = offer
        formset.save()
    # more places (or none any longer) may let people move up from the waiting list
    _tell_moved_up(request, services.refill_offer(offer=offer))
    return offer


def _tell_moved_up(request, promoted: list) -> None:
    """Who moved up from the waiting list into a freed place (their caseworkers see it on their dashboard)."""
    if promoted:
        messages.info(
            request,
            ngettext(
                "Eine Person ist von der Warteliste nachgerückt.",
                "%(count)s Personen sind von der Warteliste nachgerückt.",
                len(promoted),
            )
            % {"count": len(promoted)}
            + " "
            + _("Die zuständigen Fallmanager:innen sehen das auf ihrer Übersicht."),
        )


@staff_required
@require_GET_or_POST
def offer_create(request):
    form = OfferForm(request.POST or None)
    formset = OfferTranslationFormSet(request.POST or None, instance=Offer())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        offer = _save_offer(request, form, formset)
        messages.success(request, _("Das Angebot „%(title)s“ ist angelegt.") % {"title": offer.title})
        return redirect("offers:offer_detail", pk=offer.pk)
    return render(request, "offers/offer_form.html", {"form": form, "formset": formset, "offer": None})


@staff_required
@require_GET_or_POST
def offer_edit(request, pk):
    offer = get_object_or_404(Offer, pk=pk)
    form = OfferForm(request.POST or None, instance=offer)
    formset = OfferTranslationFormSet(request.POST or None, instance=offer)
    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and form.save_or_refuse(lambda: _save_offer(request, form, formset))
    ):
        offer = form.result
        messages.success(request, _("Die Änderungen am Angebot „%(title)s“ sind gespeichert.") % {"title": offer.title})
        return redirect("offers:offer_detail", pk=offer.pk)
    return render(request, "offers/offer_form.html", {"form": form, "formset": formset, "offer": offer})


@staff_required
@require_GET
def offer_refer(request, pk):
    """Find the person to refer to this offer; the referral form then has the offer chosen."""
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=pk)
    form = ClientSearchForm(request.GET)
    clients = []
    if form.is_valid() and form.cleaned_data["q"]:
        clients = list(
            Client.objects.visible_to(request.user).search(form.cleaned_data["q"]).select_related("municipality")[:20]
        )
    return render(request, "offers/offer_refer.html", {"offer": offer, "form": form, "clients": clients})


# --------------------------------------------------------------------------------------------
# Providers
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET
def provider_list(request):
    providers = Provider.objects.annotate(offer_count=Count("offers")).order_by("name")
    page = paginate(request, providers)
    return render(request, "offers/provider_list.html", {"page": page})


@staff_required
@require_GET_or_POST
def provider_create(request):
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        provider = form.result
        messages.success(request, _("Der Träger „%(name)s“ ist angelegt.") % {"name": provider.name})
        return redirect("offers:provider_list")
    return render(request, "offers/provider_form.html", {"form": form, "provider": None})


@staff_required
@require_GET_or_POST
def provider_edit(request, pk):
    provider = get_object_or_404(Provider, pk=pk)
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid() and form.save_or_refuse():
        messages.success(request, _("Die Änderungen am Träger „%(name)s“ sind gespeichert.") % {"name": provider.name})
        return redirect("offers:provider_list")
    return render(request, "offers/provider_form.html", {"form": form, "provider": provider})


# --------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET
def client_referrals(request, client_id):
    """A client's referrals and the BuT applications of the household's children — the same
    sections the client page shows, on a page of their own."""
    client = get_client_for(request, client_id)
    log_access(request, AccessLog.Action.VIEW, client=client, target=f"referrals:{client.pk}")
    return render(
        request,
        "offers/client_referrals.html",
        {
            "client": client,
            "referral_section": referral_section_context(request, client),
            "but_section": but_section_context(request, client),
        },
    )


def _referral_message(referral: Referral) -> str:
    names = {"name": referral.client.full_name, "offer": referral.offer.title}
    if referral.status == Referral.Status.REGISTERED:
        return _("%(name)s ist bei „%(offer)s“ angemeldet.") % names
    if referral.status == Referral.Status.WAITLIST:
        position = Referral.objects.filter(
            offer_id=referral.offer_id, status=Referral.Status.WAITLIST, waitlisted_at__lte=referral.waitlisted_at
        ).count()
        return _("„%(offer)s“ ist voll: %(name)s steht jetzt auf der Warteliste (Platz %(position)s).") % {
            **names,
            "position": position,
        }
    return _("„%(offer)s“ ist für %(name)s vorgeschlagen.") % names


@staff_required
@require_GET_or_POST
def referral_create(request, client_id):
    client = get_client_for(request, client_id)
    initial = {}
    if (offer_id := int_param(request.GET.get("offer"))) is not None:
        initial["offer"] = offer_id
    form = ReferralForm(request.POST or None, initial=initial)
    missing_consent_for = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.create_referral(
                offer=data["offer"],
                client=client,
                user=request.user,
                register=data["register"],
                note=data["note"],
                override_reason=data["override_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if "register" in getattr(error, "error_dict", {}):
                missing_consent_for = data["offer"].provider
        else:
            level = messages.WARNING if referral.status == Referral.Status.WAITLIST else messages.SUCCESS
            messages.add_message(request, level, _referral_message(referral))
            return redirect("offers:client_referrals", client_id=client.pk)
    return render(
        request,
        "offers/referral_form.html",
        {"client": client, "form": form, "missing_consent_for": missing_consent_for},
    )


@staff_required
@require_GET_or_POST
def referral_status(request, pk):
    referral = get_referral_for(request, pk)
    default_next = reverse("offers:client_referrals", kwargs={"client_id": referral.client_id})
    next_url = next_param(request, default_next)
    form = ReferralStatusForm(referral, request.POST or None)
    ending = request.method == "POST" and form.is_valid() and form.cleaned_data["status"] in Referral.CLOSED
    if ending and not confirm.confirmed(request):
        return confirm.page(
            request,
            title=_("Vermittlung beenden"),
            question=_("Die Vermittlung von %(name)s zu „%(offer)s“ wirklich auf „%(status)s“ setzen?")
            % {
                "name": referral.client.full_name,
                "offer": referral.offer.title,
                "status": Referral.Status(form.cleaned_data["status"]).label,
            },
            details=[
                _("Danach lässt sich der Status nicht mehr ändern; ein frei werdender Platz geht an die Warteliste.")
            ],
            action=_("Ja, Status setzen"),
            back_url=next_url,
        )
    if request.method == "POST" and form.is_valid():
        try:
            referral, promoted = services.change_referral_status(
                referral=referral, status=form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if referral.status == form.cleaned_data["status"]:
                messages.success(
                    request,
                    _("Die Vermittlung von %(name)s zu „%(offer)s“ hat jetzt den Status „%(status)s“.")
                    % {
                        "name": referral.client.full_name,
                        "offer": referral.offer.title,
                        "status": referral.get_status_display(),
                    },
                )
            else:
                messages.warning(request, _referral_message(referral))
            _tell_moved_up(request, promoted)
            return redirect(next_url)
    entries = history_of(referral, limit=20, show_values=())
    return render(
        request,
        "offers/referral_status.html",
        {"referral": referral, "form": form, "next_url": next_url, "history": entries},
    )


@staff_required
@require_POST
def referral_seen(request, pk):
    referral = get_referral_for(request, pk)
    services.acknowledge_move_up(referral=referral)
    messages.success(request, _("Zur Kenntnis genommen."))
    return redirect(next_param(request, reverse("home")))


@staff_required
@require_POST
def referral_start_but(request, pk):
    referral = get_referral_for(request, pk)
    try:
        application = services.start_but_application(referral=referral, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            next_param(request, reverse("offers:client_referrals", kwargs={"client_id": referral.client_id}))
        )
    messages.success(
        request,
        _("Der BuT-Antrag für %(name)s ist begonnen (Status „beraten“).") % {"name": referral.client.full_name},
    )
    return redirect("offers:but_detail", pk=application.pk)


# --------------------------------------------------------------------------------------------
# Bildung und Teilhabe
# --------------------------------------------------------------------------------------------


@staff_required
@require_GET_or_POST
def but_create(request, client_id):
    client = get_client_for(request, client_id)
    form = ButApplicationForm(request.POST or None, client=client, user=request.user)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.created_by = request.user
        application.save()
        messages.success(
            request, _("Der BuT-Antrag für %(name)s ist angelegt.") % {"name": application.child.full_name}
        )
        return redirect("offers:but_detail", pk=application.pk)
    return render(request, "offers/but_form.html", {"client": client, "form": form})


@staff_required
@require_GET
def but_list(request):
    if remembered_view := remembered(request, "but"):
        return remembered_view
    rows = but_application_rows(request.user, request.GET)
    context = {"form": rows.filterset.form, "sort": rows.sort, "page": paginate(request, rows.queryset)}
    return render(request, "offers/but_list.html", context)


def _get_application_for(request, pk) -> ButApplication:
    return get_object_or_404(
        ButApplication.objects.visible_to(request.user)
        .select_related("child", "referral__offer")
        .prefetch_related("expenses"),
        pk=pk,
    )


def _render_but_detail(request, application, *, status_form=None, expense_form=None):
    entries = history_of(application, limit=20, show_values=())
    context = {
        "application": application,
        "budget": but.budget_for(application, but.participation_rates()),
        "status_form": status_form or ButStatusForm(application),
        "expense_form": expense_form or ButExpenseForm(),
        "history": entries,
    }
    return render(request, "offers/but_detail.html", context)


@staff_required
@require_GET
def but_detail(request, pk):
    application = _get_application_for(request, pk)
    log_access(request, AccessLog.Action.VIEW, client=application.child, target=f"but:{application.pk}")
    return _render_but_detail(request, application)


@staff_required
@require_POST
def but_status(request, pk):
    application = _get_application_for(request, pk)
    form = ButStatusForm(application, request.POST)
    rejected = form.is_valid() and form.cleaned_data["status"] == ButApplication.Status.REJECTED
    if rejected and not confirm.confirmed(request):
        return confirm.page(
            request,
            title=_("Ablehnung eintragen"),
            question=_("Den BuT-Antrag für %(name)s wirklich als abgelehnt eintragen?")
            % {"name": application.child.full_name},
            details=[_("Ein abgelehnter Antrag lässt sich nicht wieder öffnen; ein neuer Antrag ist möglich.")],
            action=_("Ja, als abgelehnt eintragen"),
            back_url=reverse("offers:but_detail", args=[application.pk]),
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            application = services.change_but_status(
                application=application,
                status=data["status"],
                on=data["on"],
                period_from=data["period_from"],
                period_until=data["period_until"],
                amount=data["amount"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Der BuT-Antrag hat jetzt den Status „%(status)s“.") % {"status": application.get_status_display()},
            )
            return redirect("offers:but_detail", pk=application.pk)
    return _render_but_detail(request, application, status_form=form)


@staff_required
@require_POST
def but_expense(request, pk):
    application = _get_application_for(request, pk)
    form = ButExpenseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_but_expense(
                application=application,
                amount=data["amount"],
                spent_on=data["spent_on"],
                purpose=data["purpose"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Die Ausgabe ist erfasst."))
            return redirect("offers:but_detail", pk=application.pk)
    return _render_but_detail(request, application, expense_form=form)
