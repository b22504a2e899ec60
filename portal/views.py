"""The volunteer portal (/portal/): few steps, plain German, large targets.

Every page that shows a client fetches it through `access.get_portal_client`, which checks the
assignment, the consent and (for the full view) the Vollmacht on every request. The portal sits on
top of the apps whose records it shows (volunteers, authorisations, cases) and imports them
directly; no app imports the portal.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import GuidedSetPasswordForm
from accounts.models import User
from authorisations.models import Authorisation
from cases.audit import log_access
from cases.models import AccessLog, Case, Client, Contact
from volunteers import services
from volunteers.forms import PortalAppointmentForm, PortalContactForm, PortalProfileForm
from volunteers.models import Appointment
from volunteers.tokens import invitation_tokens
from wir_fallmanagement import confirm, ratelimit
from wir_fallmanagement.client_ip import client_ip
from wir_fallmanagement.pagination import paginate
from wir_fallmanagement.params import int_param
from wir_fallmanagement.permissions import volunteer_required

from .access import Level, get_portal_client, get_volunteer, portal_clients, require_volunteer
from .panels import authorisation_panel


@volunteer_required
@require_http_methods(["GET"])
def portal_home(request):
    volunteer = get_volunteer(request)
    clients = portal_clients(volunteer).order_by("family_name", "given_names", "pk")
    page = paginate(request, clients)
    panels = [] if volunteer is None else [authorisation_panel(request, volunteer).render(request)]
    return render(request, "portal/home.html", {"volunteer": volunteer, "page": page, "panels": panels})


@volunteer_required
@require_http_methods(["GET"])
def portal_client(request, pk):
    client, level = get_portal_client(request, pk)
    volunteer = request.user.volunteer
    log_access(request, AccessLog.Action.PORTAL, client=client, target=f"client:{client.pk}")
    case = Case.objects.open().filter(client=client).select_related("caseworker").first()
    context = {
        "client": client,
        "full": level == Level.FULL,
        "caseworker": case.caseworker if case else None,
        "my_contacts": Contact.objects.filter(client=client, author=request.user, from_volunteer=True).order_by(
            "-date", "-created_at"
        )[:5],
        "appointments": [],
        "household_size": None,
        "client_languages": [],
    }
    if level == Level.FULL:
        context["appointments"] = Appointment.objects.filter(
            client=client, volunteer=volunteer, cancelled_at__isnull=True, starts_at__gte=timezone.now()
        ).order_by("starts_at")[:10]
        context["client_languages"] = client.languages.select_related("language")
        if client.household_id:
            context["household_size"] = Client.objects.filter(household_id=client.household_id).count()
    return render(request, "portal/client_detail.html", context)


@volunteer_required
@require_http_methods(["GET", "POST"])
def portal_contact_create(request, pk):
    client, _level = get_portal_client(request, pk)
    form = PortalContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.log_contact(volunteer=request.user.volunteer, client=client, **form.cleaned_data)
        messages.success(request, _("Danke! Ihr Eintrag ist gespeichert. Das Fallmanagement sieht ihn."))
        return redirect("portal:client_detail", pk=client.pk)
    return render(request, "portal/contact_form.html", {"form": form, "client": client})


@volunteer_required
@require_http_methods(["GET", "POST"])
def portal_appointment_create(request, pk):
    client, _level = get_portal_client(request, pk, level=Level.FULL)
    form = PortalAppointmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_appointment(
            volunteer=request.user.volunteer,
            client=client,
            starts_at=data["starts_at"],
            place=data["place"],
            note=data["note"],
        )
        messages.success(request, _("Der Termin ist eingetragen."))
        return redirect("portal:client_detail", pk=client.pk)
    return render(request, "portal/appointment_form.html", {"form": form, "client": client})


@volunteer_required
@require_POST
def portal_appointment_cancel(request, pk):
    volunteer = require_volunteer(request)
    appointment = get_object_or_404(Appointment.objects.filter(volunteer=volunteer, cancelled_at__isnull=True), pk=pk)
    client, _level = get_portal_client(request, appointment.client_id, level=Level.FULL)
    if not confirm.confirmed(request):
        return confirm.page(
            request,
            title=_("Termin streichen"),
            question=_("Den Termin am %(when)s wirklich streichen?")
            % {"when": timezone.localtime(appointment.starts_at).strftime("%d.%m.%Y %H:%M")},
            details=[appointment.place],
            action=_("Ja, Termin streichen"),
            back_url=reverse("portal:client_detail", args=[client.pk]),
            base_template="portal/base.html",
        )
    services.cancel_appointment(appointment=appointment)
    messages.success(request, _("Der Termin ist gestrichen."))
    return redirect("portal:client_detail", pk=client.pk)


@volunteer_required
@require_http_methods(["GET", "POST"])
def portal_profile(request):
    volunteer = get_volunteer(request)
    if volunteer is None:
        return render(request, "portal/profile.html", {"form": None, "volunteer": None})
    form = PortalProfileForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ihre Angaben sind gespeichert."))
        return redirect("portal:home")
    return render(request, "portal/profile.html", {"form": form, "volunteer": volunteer})


# --------------------------------------------------------------------------------------------
# The invitation link (public: the volunteer has no password yet)
# --------------------------------------------------------------------------------------------


def _user_from_uid(uidb64: str) -> User | None:
    try:
        uid = force_str(urlsafe_base64_decode(uidb64))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    pk = int_param(uid)
    if pk is None:
        return None
    return User.objects.select_related("volunteer").filter(pk=pk).first()


@login_not_required
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, uidb64, token):
    # Counted per client IP and per link, before the link is even looked at: guessing is slow.
    by_ip = ratelimit.hit("invitation_ip", f"ip:{client_ip(request)}")
    by_link = ratelimit.hit("invitation_token", f"{uidb64[:40]}/{token[:80]}")
    if by_ip or by_link:
        return render(request, "portal/invitation.html", {"form": None, "valid": False, "limited": True}, status=429)
    user = _user_from_uid(uidb64)
    if user is None or not invitation_tokens.check_token(user, token):
        return render(request, "portal/invitation.html", {"form": None, "valid": False, "limited": False})
    form = GuidedSetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        messages.success(
            request,
            _("Ihr Passwort ist gespeichert. Melden Sie sich jetzt mit %(email)s und Ihrem Passwort an.")
            % {"email": user.email},
        )
        return redirect("login")
    return render(
        request, "portal/invitation.html", {"form": form, "valid": True, "limited": False, "email": user.email}
    )


# --------------------------------------------------------------------------------------------
# The volunteer's own Vollmachten (/portal/vollmachten/)
# --------------------------------------------------------------------------------------------


@volunteer_required
@require_http_methods(["GET"])
def authorisation_list(request):
    queryset = Authorisation.objects.for_portal(request.user).select_related("principal").order_by("-created_at", "-pk")
    page = paginate(request, queryset)
    return render(request, "portal/authorisation_list.html", {"page": page, "today": timezone.localdate()})
