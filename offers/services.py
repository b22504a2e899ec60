"""Changes that touch several records at once: referrals with capacity and waiting list, BuT.

Every change to an offer's referrals locks the offer row first (`SELECT … FOR UPDATE`), so two
caseworkers registering people for the last place at the same moment are served one after the
other: the first gets the place, the second lands on the waiting list.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from cases.models import Client, Consent
from wir_fallmanagement.dates import add_months

from . import but
from .models import ButApplication, ButCategory, ButExpense, Offer, Referral

Status = Referral.Status


# --------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------


def has_provider_consent(client: Client, provider_id: int, day: datetime.date | None = None) -> bool:
    """A valid consent of the client to pass data to this provider (docs/product.md, "Consent": no referral
    shares data with a provider without a consent naming the provider)."""
    return (
        client.consents.valid_on(day)
        .filter(recipient_kind=Consent.RecipientKind.PROVIDER, recipient_provider_id=provider_id)
        .exists()
    )


def consent_missing_message(client: Client, offer: Offer) -> str:
    return _(
        "Für eine Anmeldung bei „%(provider)s“ fehlt eine gültige Einwilligung von %(name)s in die "
        "Übermittlung der Daten an diesen Träger. Bitte erfassen Sie zuerst die unterschriebene "
        "Einwilligung (Empfänger: Träger eines Angebots – %(provider)s) oder schlagen Sie das Angebot nur vor."
    ) % {"provider": offer.provider.name, "name": client.full_name}


def occupied_places(offer: Offer) -> int:
    return offer.referrals.filter(status__in=Referral.OCCUPYING).count()


def _lock_offer(offer_id: int) -> Offer:
    return Offer.objects.select_for_update(of=("self",)).select_related("provider").get(pk=offer_id)


def _has_free_place(offer: Offer) -> bool:
    return offer.capacity is None or occupied_places(offer) < offer.capacity


def _register_or_waitlist(referral: Referral, offer: Offer, today: datetime.date) -> None:
    if _has_free_place(offer):
        referral.status = Status.REGISTERED
        referral.registered_on = today
    else:
        referral.status = Status.WAITLIST
        referral.waitlisted_at = timezone.now()


def create_referral(
    *,
    offer: Offer,
    client: Client,
    user,
    register: bool,
    note: str = "",
    override_reason: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Refer `client` to `offer`: only suggest it, or register the client with the provider
    (which passes personal data and needs a consent). Beyond capacity the client goes on the
    waiting list. Raises ValidationError keyed by form field."""
    today = today or timezone.localdate()
    override_reason = override_reason.strip()
    with transaction.atomic():
        offer = _lock_offer(offer.pk)
        if not offer.is_active_on(today):
            raise ValidationError({"offer": _("Dieses Angebot läuft zurzeit nicht.")})
        existing = Referral.objects.open().filter(offer=offer, client=client).first()
        if existing:
            raise ValidationError(
                {
                    "offer": _("%(name)s ist für dieses Angebot schon vorgemerkt (Status „%(status)s“).")
                    % {"name": client.full_name, "status": existing.get_status_display()}
                }
            )
        problems = offer.restriction_problems(client, today)
        if problems and not override_reason:
            raise ValidationError(
                {
                    "override_reason": [
                        *problems,
                        _("Wenn Sie trotzdem vermitteln möchten, begründen Sie bitte die Ausnahme."),
                    ]
                }
            )
        referral = Referral(
            offer=offer,
            client=client,
            note=note.strip(),
            restriction_override_reason=override_reason if problems else "",
            suggested_on=today,
            created_by=user,
        )
        if register:
            if not has_provider_consent(client, offer.provider_id, today):
                raise ValidationError({"register": consent_missing_message(client, offer)})
            _register_or_waitlist(referral, offer, today)
        referral.save()
    return referral


def change_referral_status(
    *, referral: Referral, status: str, user, note: str = "", today: datetime.date | None = None
) -> tuple[Referral, list[Referral]]:
    """Move a referral along its lifecycle. Returns the referral and those that moved up from
    the waiting list because a place became free."""
    today = today or timezone.localdate()
    with transaction.atomic():
        offer = _lock_offer(referral.offer_id)
        referral = Referral.objects.select_for_update(of=("self",)).select_related("client").get(pk=referral.pk)
        if not referral.can_change_to(status):
            raise ValidationError(
                {
                    "status": _("Eine Vermittlung mit Status „%(old)s“ kann nicht in „%(new)s“ wechseln.")
                    % {"old": referral.get_status_display(), "new": Status(status).label}
                }
            )
        was_occupying = referral.status in Referral.OCCUPYING
        if status == Status.REGISTERED:
            if not has_provider_consent(referral.client, offer.provider_id, today):
                raise ValidationError({"status": consent_missing_message(referral.client, offer)})
            if referral.status == Status.WAITLIST:
                if not _has_free_place(offer):
                    raise ValidationError(
                        {
                            "status": _("Im Angebot ist kein Platz frei; %(name)s bleibt auf der Warteliste.")
                            % {"name": referral.client.full_name}
                        }
                    )
                referral.status = Status.REGISTERED
                referral.registered_on = today
            else:
                _register_or_waitlist(referral, offer, today)
        elif status == Status.PARTICIPATING:
            referral.status = status
            referral.started_on = today
            if offer.duration_months:
                referral.planned_end_on = add_months(today, offer.duration_months)
        else:  # completed or cancelled
            referral.status = status
            referral.ended_on = today
        note = note.strip()
        if note:
            referral.note = f"{referral.note}\n{date_format(today, 'SHORT_DATE_FORMAT')}: {note}".strip()
        referral.save()
        promoted = []
        if was_occupying and referral.status not in Referral.OCCUPYING:
            promoted = fill_free_places(offer=offer, today=today)
    return referral, promoted


def end_measure(
    *, referral: Referral, outcome: str, user, today: datetime.date | None = None
) -> tuple[Referral, list[Referral]]:
    """End a participation and record what became of the person (work, training, a further
    course, dropped out). Dropping out cancels the referral; every other outcome completes it.
    A referral ended before keeps its status and only gets the outcome."""
    if outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": _("Bitte wählen Sie den Verbleib aus.")})
    with transaction.atomic():
        promoted = []
        if referral.status not in Referral.CLOSED:
            ended = Status.CANCELLED if outcome == Referral.Outcome.DROPPED_OUT else Status.COMPLETED
            referral, promoted = change_referral_status(referral=referral, status=ended, user=user, today=today)
        referral.outcome = outcome
        referral.save(update_fields=["outcome", "updated_at"])
    return referral, promoted


def fill_free_places(*, offer: Offer, today: datetime.date | None = None) -> list[Referral]:
    """Move people up from the waiting list, first come first served, while places are free.
    The caller holds the lock on the offer. People whose consent for the provider is no longer
    valid are passed over and stay on the list."""
    today = today or timezone.localdate()
    free = None if offer.capacity is None else offer.capacity - occupied_places(offer)
    if free is not None and free <= 0:
        return []
    waiting = list(offer.referrals.filter(status=Status.WAITLIST).order_by("waitlisted_at", "pk"))
    if not waiting:
        return []
    consenting = set(
        Consent.objects.valid_on(today)
        .filter(
            recipient_kind=Consent.RecipientKind.PROVIDER,
            recipient_provider_id=offer.provider_id,
            client_id__in=[r.client_id for r in waiting],
        )
        .values_list("client_id", flat=True)
    )
    promoted = []
    now = timezone.now()
    for referral in waiting:
        if free is not None and free <= 0:
            break
        if referral.client_id not in consenting:
            continue
        referral.status = Status.REGISTERED
        referral.registered_on = today
        referral.moved_up_at = now
        referral.moved_up_seen_at = None
        referral.save()
        promoted.append(referral)
        if free is not None:
            free -= 1
    return promoted


def refill_offer(*, offer: Offer) -> list[Referral]:
    """After the capacity of an offer changed: fill the new places from the waiting list."""
    with transaction.atomic():
        return fill_free_places(offer=_lock_offer(offer.pk))


def acknowledge_move_up(*, referral: Referral) -> None:
    Referral.objects.filter(pk=referral.pk, moved_up_seen_at__isnull=True).update(moved_up_seen_at=timezone.now())


# --------------------------------------------------------------------------------------------
# Bildung und Teilhabe
# --------------------------------------------------------------------------------------------


def _euro(value: Decimal) -> str:
    return f"{number_format(value, 2)} €"


def start_but_application(*, referral: Referral, user, today: datetime.date | None = None) -> ButApplication:
    """One click from a referral to a BuT-eligible offer: a BuT application with status
    "beraten" for the referred child, carrying the offer's BuT benefit and cost."""
    today = today or timezone.localdate()
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",)).select_related("offer", "client").get(pk=referral.pk)
        )
        offer = referral.offer
        if not offer.but_eligible:
            raise ValidationError(_("Dieses Angebot ist nicht BuT-fähig."))
        if referral.status == Status.CANCELLED:
            raise ValidationError(_("Die Vermittlung ist abgebrochen."))
        if referral.but_applications.exists():
            raise ValidationError(_("Für diese Vermittlung gibt es schon einen BuT-Antrag."))
        age = referral.client.age_on(today)
        limit = 18 if offer.but_category == ButCategory.PARTICIPATION else 25
        if age >= limit:
            raise ValidationError(
                _("Diese BuT-Leistung gibt es nur bis zum %(limit)s. Geburtstag; %(name)s ist %(age)s Jahre alt.")
                % {"limit": limit, "name": referral.client.full_name, "age": age}
            )
        return ButApplication.objects.create(
            child=referral.client,
            category=offer.but_category,
            amount=offer.fee or None,
            advised_on=today,
            referral=referral,
            note=_("Begonnen aus der Vermittlung zu „%(offer)s“.") % {"offer": offer.title},
            created_by=user,
        )


def start_but_for_child(
    *, child: Client, category: str, user, note: str = "", today: datetime.date | None = None
) -> ButApplication:
    """One click from a worklist: a BuT application with status "beraten" for `child` in
    `category` (Schulbedarf for a school child, a follow-up application before an approval ends)."""
    today = today or timezone.localdate()
    if category not in ButCategory.values:
        raise ValidationError(_("Diese BuT-Leistung gibt es nicht."))
    with transaction.atomic():
        child = Client.objects.select_for_update().get(pk=child.pk)
        age = child.age_on(today)
        limit = 18 if category == ButCategory.PARTICIPATION else 25
        if age >= limit:
            raise ValidationError(
                _("Diese BuT-Leistung gibt es nur bis zum %(limit)s. Geburtstag; %(name)s ist %(age)s Jahre alt.")
                % {"limit": limit, "name": child.full_name, "age": age}
            )
        pending = child.but_applications.filter(
            category=category, status__in=[ButApplication.Status.ADVISED, ButApplication.Status.APPLIED]
        )
        if pending.exists():
            raise ValidationError(
                _("Für %(name)s ist ein Antrag auf „%(category)s“ schon in Arbeit.")
                % {"name": child.full_name, "category": ButCategory(category).label}
            )
        return ButApplication.objects.create(
            child=child, category=category, advised_on=today, note=note, created_by=user
        )


def change_but_status(
    *,
    application: ButApplication,
    status: str,
    on: datetime.date | None = None,
    period_from: datetime.date | None = None,
    period_until: datetime.date | None = None,
    amount: Decimal | None = None,
) -> ButApplication:
    on = on or timezone.localdate()
    with transaction.atomic():
        application = ButApplication.objects.select_for_update().get(pk=application.pk)
        if status not in application.TRANSITIONS[ButApplication.Status(application.status)]:
            raise ValidationError(
                {
                    "status": _("Ein Antrag mit Status „%(old)s“ kann nicht in „%(new)s“ wechseln.")
                    % {"old": application.get_status_display(), "new": ButApplication.Status(status).label}
                }
            )
        if status == ButApplication.Status.APPROVED:
            errors = {}
            if period_from is None:
                errors["period_from"] = _("Bitte geben Sie den Beginn des Bewilligungszeitraums an.")
            if period_until is None:
                errors["period_until"] = _("Bitte geben Sie das Ende des Bewilligungszeitraums an.")
            if period_from and period_until and period_until < period_from:
                errors["period_until"] = _("Das Ende liegt vor dem Beginn.")
            if errors:
                raise ValidationError(errors)
            application.period_from = period_from
            application.period_until = period_until
            application.decided_on = on
        elif status == ButApplication.Status.REJECTED:
            application.decided_on = on
        else:
            application.applied_on = on
        if amount is not None:
            application.amount = amount
        application.status = status
        application.save()
    return application


def record_but_expense(
    *, application: ButApplication, amount: Decimal, spent_on: datetime.date, purpose: str, user
) -> ButExpense:
    """Pay an amount from the participation budget; never more than is left."""
    with transaction.atomic():
        application = (
            ButApplication.objects.select_for_update(of=("self",)).select_related("child").get(pk=application.pk)
        )
        if not application.has_budget:
            raise ValidationError(
                _("Ausgaben gibt es nur bei einer bewilligten Teilhabe-Leistung mit Bewilligungszeitraum.")
            )
        if not application.period_from <= spent_on <= application.period_until:
            raise ValidationError(
                {
                    "spent_on": _("Das Datum liegt außerhalb des Bewilligungszeitraums (%(first)s bis %(last)s).")
                    % {
                        "first": date_format(application.period_from, "SHORT_DATE_FORMAT"),
                        "last": date_format(application.period_until, "SHORT_DATE_FORMAT"),
                    }
                }
            )
        used = application.expenses.aggregate(total=Sum("amount"))["total"] or but.ZERO
        budget = but.participation_budget(
            child=application.child,
            period_from=application.period_from,
            period_until=application.period_until,
            rates=but.participation_rates(),
            used=used,
        )
        if amount > budget.left:
            raise ValidationError(
                {
                    "amount": _("Das Budget reicht dafür nicht: Es sind noch %(left)s übrig.")
                    % {"left": _euro(budget.left)}
                }
            )
        return ButExpense.objects.create(
            application=application, amount=amount, spent_on=spent_on, purpose=purpose.strip(), created_by=user
        )
