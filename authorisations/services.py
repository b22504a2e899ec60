"""Changes to Vollmachten that touch several records or must not half-happen. Every function is
keyword-only and runs in one transaction with the Vollmacht row locked."""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.exceptions import AlreadyEnqueued

from cases.models import Document
from cases.services import store_document
from wir_fallmanagement import uploads
from wir_fallmanagement.constraints import constraint_errors
from wir_fallmanagement.uploads import CheckedUpload

from . import tasks
from .models import Authorisation, AuthorisationPdf, Handover, new_short_code, new_token
from .pdf import render_authorisation


def verification_urls(base_url: str, token: str) -> tuple[str, str]:
    """The URL in the QR code (with the token) and the entry page where the short code is typed in."""
    base = base_url.rstrip("/")
    return base + reverse("authorisations:verify", args=[token]), base + reverse("authorisations:verify_lookup")


def _locked(authorisation: Authorisation) -> Authorisation:
    return (
        Authorisation.objects.select_for_update(of=("self",))
        .select_related("principal__household", "principal__municipality", "agent", "kjc_branch")
        .get(pk=authorisation.pk)
    )


def expire_authorisations(*, today: datetime.date | None = None) -> int:
    """Mark every Vollmacht whose end date has passed as expired. `effective_on` already ignores
    them by date; the status makes it visible in lists and frees the pair for a new Vollmacht."""
    today = today or timezone.localdate()
    count = 0
    due = Authorisation.objects.active().filter(valid_until__lt=today).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            row = Authorisation.objects.select_for_update().filter(pk=pk).active().first()
            if row is None:
                continue
            row.status = Authorisation.Status.EXPIRED
            row.expired_at = timezone.now()
            row._change_reason = "expired"
            row.save()
            count += 1
    return count


def create_authorisation(*, principal, agent, created_by, **content) -> Authorisation:
    # A Vollmacht of the same pair that ran out yesterday must not block the new one.
    expire_authorisations()
    # Two people creating one for the same pair at once: the second gets the constraint's message.
    with constraint_errors(Authorisation), transaction.atomic():
        authorisation = Authorisation(principal=principal, agent=agent, created_by=created_by, **content)
        authorisation.full_clean(exclude=["created_by", "token", "short_code"])
        authorisation.save()
    return authorisation


@transaction.atomic
def update_authorisation(*, authorisation: Authorisation, content: dict) -> bool:
    """Change the content. Once printed, a change makes a new version: the printed PDF stays as it
    was, the new version needs printing (and signing) again and gets new verification codes, so
    that the old paper no longer verifies. Returns True when a new version was started."""
    row = _locked(authorisation)
    if not row.is_editable:
        raise ValidationError(_("Eine unterschriebene Vollmacht kann nicht mehr geändert werden."))
    changed = [name for name, value in content.items() if getattr(row, _attname(name)) != _value(value)]
    if not changed:
        return False
    for name, value in content.items():
        setattr(row, name, value)
    new_version = row.status == Authorisation.Status.PRINTED
    if new_version:
        row.version += 1
        row.status = Authorisation.Status.DRAFT
        row.printed_at = None
        row.token = new_token()
        row.short_code = new_short_code()
        row._change_reason = "new version"
    row.save()
    authorisation.refresh_from_db()
    return new_version


def _attname(name: str) -> str:
    return f"{name}_id" if name in ("agent", "kjc_branch") else name


def _value(value):
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def request_print(*, authorisation: Authorisation, user, base_url: str) -> None:
    """Ask the task worker to print the current version (see `print_authorisation`): the job is
    queued in this transaction, so it exists exactly when the request succeeded. A second click
    while one is waiting adds no second job."""
    row = _locked(authorisation)
    row.check_printable()
    # A savepoint: the refused insert of a second job must not break this transaction.
    with contextlib.suppress(AlreadyEnqueued), transaction.atomic():
        tasks.print_authorisation.configure(queueing_lock=tasks.print_lock(row)).defer(
            authorisation_id=row.pk, version=row.version, user_id=user.pk, base_url=base_url
        )


@transaction.atomic
def print_authorisation(*, authorisation: Authorisation, user, base_url: str) -> AuthorisationPdf:
    """Render and keep the PDF of the current version (once); the Vollmacht is then printed.
    Run by the task worker (`tasks.print_authorisation`); a repeated run returns the stored PDF."""
    row = _locked(authorisation)
    existing = row.pdfs.filter(kind=AuthorisationPdf.Kind.AUTHORISATION, version=row.version).first()
    if existing:
        return existing
    row.check_printable()
    verify_url, entry_url = verification_urls(base_url, row.token)
    pdf = AuthorisationPdf.objects.create(
        authorisation=row,
        kind=AuthorisationPdf.Kind.AUTHORISATION,
        version=row.version,
        token=row.token,
        short_code=row.short_code,
        pdf=render_authorisation(row, verify_url=verify_url, entry_url=entry_url),
        created_by=user,
    )
    row.mark_printed()
    authorisation.refresh_from_db()
    return pdf


@transaction.atomic
def mark_signed(
    *, authorisation: Authorisation, user, signed_on: datetime.date, holder: str, scan: CheckedUpload | None = None
) -> Authorisation:
    """The signed original is at hand (and possibly scanned): record the date and who holds it.
    The scan was checked by the one upload path (wir_fallmanagement.uploads) and is stored by
    the one document service; uploads.StorageFailed means nothing was written."""
    row = _locked(authorisation)
    if not row.can_mark_signed:
        raise ValidationError(_("Nur eine gedruckte Vollmacht kann als unterschrieben erfasst werden."))
    document = None
    if scan is not None:
        document = store_document(
            client=row.principal,
            checked=scan,
            title=_("Vollmacht Nr. %(number)s, Fassung %(version)s (unterschrieben)")
            % {"number": row.pk, "version": row.version},
            kind=Document.Kind.AUTHORISATION,
            user=user,
        )
    try:
        row.mark_signed(user=user, signed_on=signed_on, holder=holder, scan=document)
    except BaseException:
        if document is not None:
            uploads.discard(document.file.name)
        raise
    authorisation.refresh_from_db()
    return row


@transaction.atomic
def create_handover(
    *, user, kjc_branch, team: str, handed_over_on: datetime.date, authorisations, consents=(), note: str = ""
) -> Handover:
    """Hand signed originals (and the KJC consents of the same clients) to one team of the KJC.
    The originals are then held by the KJC."""
    pks = sorted(a.pk for a in authorisations)
    rows = list(Authorisation.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
    if not rows or len(rows) != len(pks):
        raise ValidationError(_("Bitte wählen Sie mindestens eine unterschriebene Vollmacht."))
    if any(row.status != Authorisation.Status.SIGNED for row in rows):
        raise ValidationError(_("Es können nur unterschriebene Vollmachten übergeben werden."))
    principals = {row.principal_id for row in rows}
    if any(consent.client_id not in principals for consent in consents):
        raise ValidationError(_("Einwilligungen gehören nur zu Personen, deren Vollmacht übergeben wird."))
    handover = Handover.objects.create(
        kjc_branch=kjc_branch, team=team, handed_over_on=handed_over_on, note=note, created_by=user
    )
    handover.consents.set(consents)
    for row in rows:
        row.hand_over(handover)
    return handover


@transaction.atomic
def revoke_authorisation(
    *,
    authorisation: Authorisation,
    user,
    declared_by: str,
    reason: str,
    revoked_on: datetime.date,
    sent_on: datetime.date | None = None,
) -> Authorisation:
    """Revoke at once: the agent's portal access ends with this transaction (`effective_on` leaves
    revoked ones out). The revocation notice for the KJC is written by a task deferred in this
    transaction, so a renderer failure can never undo the revocation; the task is retried.
    Towards the KJC the revocation counts from `revocation_received_on`, recorded later."""
    row = _locked(authorisation)
    row.revoke(user=user, declared_by=declared_by, reason=reason, revoked_on=revoked_on, sent_on=sent_on)
    tasks.write_revocation_notice.defer(authorisation_id=row.pk, user_id=user.pk)
    authorisation.refresh_from_db()
    return row


@transaction.atomic
def record_revocation_delivery(
    *, authorisation: Authorisation, sent_on: datetime.date | None, received_on: datetime.date | None
) -> Authorisation:
    row = _locked(authorisation)
    row.record_revocation_delivery(sent_on=sent_on, received_on=received_on)
    authorisation.refresh_from_db()
    return row
