"""Changes that touch several records at once, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from wir_fallmanagement import uploads
from wir_fallmanagement.constraints import constraint_errors

from . import exports, tasks
from .models import (
    BG_NUMBER_UNAVAILABLE,
    Case,
    Client,
    ClientLanguage,
    Consent,
    Contact,
    Document,
    FollowUp,
    Household,
    ListExport,
)


class StaleEdit(Exception):
    """Someone else saved the record after the form was opened."""

    def __init__(self, current: Client):
        super().__init__("stale")
        self.current = current


def _household_for(bg_number: str, *, user: User, member: Client | None = None) -> Household | None:
    """The household with this number, created if new. Joining an existing one is checked again
    here (the form checked before; a colleague may have created it in between)."""
    if not bg_number:
        return None
    household, created = Household.objects.get_or_create(bg_number=bg_number)
    if not created and not household.may_be_joined_by(user, member=member):
        raise ValidationError({"bg_number": BG_NUMBER_UNAVAILABLE})
    return household


def _save_languages(client: Client, languages: list[ClientLanguage], removed: list[ClientLanguage]) -> None:
    for language in removed:
        language.delete()
    for language in languages:
        language.client = client
        language.save()


@transaction.atomic
def create_client(
    *, client: Client, bg_number: str, languages: list[ClientLanguage], caseworker: User, user: User
) -> Client:
    """Save the new (unsaved) `client` with its languages and open a case for `caseworker`."""
    client.household = _household_for(bg_number, user=user)
    client.save()
    _save_languages(client, languages, [])
    Case.objects.create(client=client, caseworker=caseworker)
    return client


@transaction.atomic
def update_client(
    *,
    client: Client,
    bg_number: str,
    languages: list[ClientLanguage],
    removed_languages: list[ClientLanguage],
    expected_version: int | None,
    user: User,
) -> Client:
    """Save the edit only if nobody saved the client since the form was opened (no lost update).

    The row is locked for the transaction, so two simultaneous saves are serialised and the
    second one sees the first one's new version."""
    current = Client.objects.select_for_update().get(pk=client.pk)
    if expected_version is None or current.version != expected_version:
        raise StaleEdit(current)
    client.household = _household_for(bg_number, user=user, member=current)
    if client.household is None:
        client.household_relation = ""
    client.version = current.version + 1
    client.save()
    _save_languages(client, languages, removed_languages)
    return client


@transaction.atomic
def log_contact(*, contact: Contact, client: Client, author: User) -> Contact:
    contact.client = client
    contact.author = author
    contact.from_volunteer = author.is_volunteer
    contact.save()
    return contact


@transaction.atomic
def store_document(*, client: Client, checked: uploads.CheckedUpload, title: str, kind: str, user: User) -> Document:
    """Write the checked file, then its row; if the row cannot be written, the file goes too.
    Raises uploads.StorageFailed (nothing written) when the file cannot be stored."""
    name = uploads.save_checked(checked, folder="documents")
    try:
        return Document.objects.create(
            client=client,
            title=title,
            kind=kind,
            file=name,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=user,
        )
    except BaseException:
        uploads.discard(name)
        raise


@transaction.atomic
def record_consent(
    *, consent: Consent, client: Client, user: User, scan: uploads.CheckedUpload | None = None
) -> Consent:
    """Save the new `consent`; a checked `scan` of the signed form is stored as the client's document."""
    consent.client = client
    consent.created_by = user
    return _save_with_scan(consent, scan, user)


def _save_with_scan(consent: Consent, scan: uploads.CheckedUpload | None, user: User) -> Consent:
    if scan is not None:
        consent.scan = store_document(
            client=consent.client,
            checked=scan,
            title=_("Einwilligung vom %(day)s") % {"day": consent.given_on.strftime("%d.%m.%Y")},
            kind=Document.Kind.CONSENT,
            user=user,
        )
    try:
        consent.save()
    except BaseException:
        if scan is not None:
            uploads.discard(consent.scan.file.name)
        raise
    return consent


@transaction.atomic
def attach_consent_scan(*, consent: Consent, scan: uploads.CheckedUpload, user: User) -> Consent:
    """Record the scan of the signed consent form (printed from the record): closes the loop."""
    consent = Consent.objects.select_for_update().select_related("client").get(pk=consent.pk)
    if consent.scan_id is not None:
        raise ValidationError(_("Für diese Einwilligung ist bereits ein Scan hinterlegt."))
    return _save_with_scan(consent, scan, user)


@transaction.atomic
def revoke_consent(*, consent: Consent, revoked_on, note: str) -> Consent:
    """Ends what the consent allowed from the next request on (portal access, referrals)."""
    consent.revoked_on = revoked_on
    consent.revocation_note = note
    consent.save()
    return consent


@transaction.atomic
def change_case_status(*, case: Case, status: str, reason: str = "", note: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    case.change_status(status, reason=reason, note=note)
    return case


def open_new_case(*, client: Client, caseworker: User) -> Case:
    with constraint_errors(Case), transaction.atomic():
        if client.cases.open().exists():
            raise ValidationError(_("Für diese Person ist bereits ein Fall offen."))
        return Case.objects.create(client=client, caseworker=caseworker)


@transaction.atomic
def reassign_cases(*, cases, to_caseworker: User) -> int:
    """Caseload handover: the cases and the open follow-ups of their previous caseworker for
    these clients move to `to_caseworker` in one step."""
    moved = 0
    for case in Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]).open():
        previous = case.caseworker_id
        case.caseworker = to_caseworker
        case.save()
        for followup in FollowUp.objects.open().filter(client_id=case.client_id, owner_id=previous):
            followup.owner = to_caseworker
            followup.save()
        moved += 1
    return moved


@transaction.atomic
def reopen_followup(*, followup: FollowUp, user: User) -> bool:
    """Undo "Erledigt": locks the row and checks again (who, and the time window), so a late or
    repeated click changes nothing. The reopening is a history entry of its own."""
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if not locked.may_be_reopened_by(user):
        return False
    locked.done_at = None
    locked.done_by = None
    locked._change_reason = "Rückgängig: wieder offen"
    locked.save()
    return True


def mark_followup_done(*, followup: FollowUp, user: User) -> FollowUp:
    if followup.done_at is None:
        followup.done_at = timezone.now()
        followup.done_by = user
        followup.save()
    return followup


def start_list_export(*, user: User, name: str, params: str, file_format: str) -> ListExport:
    """A background export of list `name`; its job is queued with it (cases.tasks.write_list_export)."""
    with transaction.atomic():
        job = ListExport.objects.create(
            requested_by=user, list_name=name, params=params, file_format=file_format, expires_at=exports.expiry()
        )
        tasks.write_list_export.defer(export_id=job.pk)
    return job
