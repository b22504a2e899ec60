"""Work on several records at once: invitations, assignments, contacts and appointments.

Keyword-only functions, each in one transaction; they raise ValidationError with a German
message (keyed by form field where one fits) when a rule does not hold.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases.models import Client, Contact

from .models import Appointment, Assignment, Volunteer, VolunteerLanguage
from .tasks import send_invitation

# --------------------------------------------------------------------------------------------
# Volunteer records
# --------------------------------------------------------------------------------------------


@transaction.atomic
def save_volunteer(
    *,
    volunteer: Volunteer,
    previous_status: str | None,
    municipalities,
    languages: list[VolunteerLanguage],
    removed_languages: list[VolunteerLanguage],
) -> None:
    """Save a volunteer edited in a form, with the municipalities they help in and their languages.

    Leaving (`ausgeschieden`) ends the volunteer's running assignments today and deactivates the
    portal account; the account's e-mail and name follow the record.
    """
    volunteer.save()
    volunteer.municipalities.set(municipalities)
    for language in removed_languages:
        language.delete()
    for language in languages:
        language.volunteer = volunteer
        language.save()
    if volunteer.status == Volunteer.Status.LEFT and previous_status != Volunteer.Status.LEFT:
        today = timezone.localdate()
        for assignment in volunteer.assignments.active_on(today).select_for_update():
            assignment.end_on = max(today, assignment.start_on)
            assignment.save(update_fields=["end_on"])
        # Assignments that have not started yet will not start.
        for assignment in volunteer.assignments.filter(start_on__gt=today, end_on__isnull=True).select_for_update():
            assignment.end_on = assignment.start_on
            assignment.save(update_fields=["end_on"])
        if volunteer.user_id:
            volunteer.user.is_active = False
            volunteer.user.save(update_fields=["is_active"])
    if volunteer.user_id:
        user = volunteer.user
        changed = []
        if volunteer.email and user.email != volunteer.email.lower():
            user.email = volunteer.email
            changed.append("email")
        if user.full_name != volunteer.full_name:
            user.full_name = volunteer.full_name
            changed.append("full_name")
        if changed:
            user.save(update_fields=changed)


# --------------------------------------------------------------------------------------------
# Invitation to the portal
# --------------------------------------------------------------------------------------------


@transaction.atomic
def invite_volunteer(*, volunteer: Volunteer, base_url: str) -> User:
    """Create or attach the portal account (role Ehrenamt, no usable password until the volunteer
    sets one) and e-mail (by a task) a one-time link valid for INVITATION_VALID_DAYS days. A new
    invitation invalidates the previous link. `base_url` is the site's address the link starts with."""
    volunteer = Volunteer.objects.select_for_update(of=("self",)).select_related("user").get(pk=volunteer.pk)
    if volunteer.status == Volunteer.Status.LEFT:
        raise ValidationError(_("Ausgeschiedene Ehrenamtliche können nicht eingeladen werden."))
    if not volunteer.email:
        raise ValidationError(_("Bitte tragen Sie zuerst eine E-Mail-Adresse ein."))
    user = volunteer.user
    if user is None:
        user = User.objects.filter(email__iexact=volunteer.email).first()
        if user is not None and (user.role != Role.VOLUNTEER or Volunteer.objects.filter(user=user).exists()):
            raise ValidationError(
                _("Die E-Mail-Adresse %(email)s gehört schon zu einem anderen Benutzerkonto.") % {"email": user.email}
            )
        if user is None:
            user = User(email=volunteer.email, full_name=volunteer.full_name, role=Role.VOLUNTEER)
            user.set_unusable_password()
            user.save()
        volunteer.user = user
    volunteer.invitation_nonce = secrets.token_hex(16)
    volunteer.invited_at = timezone.now()
    volunteer.save(update_fields=["user", "invitation_nonce", "invited_at"])
    # The mail goes out from the task worker; the job commits with the new nonce.
    send_invitation.defer(volunteer_id=volunteer.pk, nonce=volunteer.invitation_nonce, base_url=base_url)
    return user


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> None:
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    Volunteer.objects.filter(user=user).update(invitation_nonce="")


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------


@transaction.atomic
def create_assignment(
    *,
    volunteer: Volunteer,
    client: Client,
    kind: str,
    start_on: datetime.date,
    end_on: datetime.date | None,
    note: str,
    created_by: User,
) -> Assignment:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    obstacles = volunteer.assignment_obstacles(start_on)
    if obstacles:
        raise ValidationError({"volunteer": obstacles})
    if end_on is not None and end_on < start_on:
        raise ValidationError({"end_on": _("Das Ende liegt vor dem Beginn.")})
    overlapping = Assignment.objects.filter(volunteer=volunteer, client=client).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on)
    )
    if end_on is not None:
        overlapping = overlapping.filter(start_on__lte=end_on)
    if overlapping.exists():
        raise ValidationError(
            {"volunteer": _("%(name)s begleitet diese Person in diesem Zeitraum bereits.") % {"name": volunteer}}
        )
    return Assignment.objects.create(
        volunteer=volunteer,
        client=client,
        kind=kind,
        start_on=start_on,
        end_on=end_on,
        note=note,
        created_by=created_by,
    )


@transaction.atomic
def end_assignment(*, assignment: Assignment, end_on: datetime.date) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if end_on < assignment.start_on:
        raise ValidationError(
            {"end_on": _("Das Ende liegt vor dem Beginn (%(date)s).") % {"date": f"{assignment.start_on:%d.%m.%Y}"}}
        )
    if assignment.end_on is not None and assignment.end_on < end_on:
        raise ValidationError({"end_on": _("Die Begleitung ist bereits früher beendet.")})
    assignment.end_on = end_on
    assignment.save(update_fields=["end_on"])
    return assignment


# --------------------------------------------------------------------------------------------
# What volunteers record in the portal
# --------------------------------------------------------------------------------------------


@transaction.atomic
def log_contact(
    *,
    volunteer: Volunteer,
    client: Client,
    date: datetime.date,
    duration_minutes: int,
    channel: str,
    note: str,
) -> Contact:
    """A contact the volunteer had with their client; the caseworker sees it on the client page,
    marked as coming from the volunteer."""
    contact = Contact(
        client=client,
        author=volunteer.user,
        date=date,
        duration_minutes=duration_minutes,
        channel=channel,
        note=note,
    )
    contact.from_volunteer = True
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def add_appointment(*, volunteer: Volunteer, client: Client, starts_at, place: str, note: str) -> Appointment:
    return Appointment.objects.create(volunteer=volunteer, client=client, starts_at=starts_at, place=place, note=note)


@transaction.atomic
def cancel_appointment(*, appointment: Appointment) -> Appointment:
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["cancelled_at"])
    return appointment
