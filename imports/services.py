"""The import's steps (docs/import.md): accept a checked file, check it (dry run), commit it.

Both the dry run and the commit run the app's `…ImportResource` through django-import-export
inside one transaction: the dry run is always rolled back, the commit is rolled back as a whole
when a single row fails — nothing is ever half-imported. Progress is written through a second
database connection, so the page can show it while the transaction is still open."""

import contextlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from cases.resources import ClientImportResource
from offers.resources import OfferImportResource, ProviderImportResource
from volunteers.resources import VolunteerImportResource
from wir_fallmanagement import importing, uploads

from .models import ImportKind, ImportRun

logger = logging.getLogger("wir.imports")

RESOURCES = {
    ImportKind.CLIENTS: ClientImportResource,
    ImportKind.VOLUNTEERS: VolunteerImportResource,
    ImportKind.PROVIDERS: ProviderImportResource,
    ImportKind.OFFERS: OfferImportResource,
}


def inline_rows() -> int:
    """Files up to this many rows are checked and imported in the request; larger ones by the worker."""
    return getattr(settings, "WIR_IMPORT_INLINE_ROWS", 100)


def accept(*, checked: uploads.CheckedUpload, kind: str, user: User, caseworker: User | None) -> ImportRun:
    """Store the checked file and read it once (the row count decides inline or background).
    Raises ValidationError (German) for a file that cannot be read."""
    sheet = importing.read_dataset(checked.content, checked.content_type)
    name = uploads.save_checked(checked, folder="imports")
    try:
        return ImportRun.objects.create(
            kind=kind,
            original_name=checked.original_name,
            file=name,
            content_type=checked.content_type,
            sha256=checked.sha256,
            created_by=user,
            caseworker=caseworker,
            total=len(sheet.dataset),
        )
    except BaseException:
        uploads.discard(name)
        raise


@contextlib.contextmanager
def _progress_writer(run: ImportRun):
    """A callback that writes the rows done through a connection of its own (autocommit).

    Only for the worker. A run inside a transaction of its caller — a web request, where the
    one-time form token's transaction (accounts.once) holds the run's row locked since
    `start_commit` — writes nothing: the second connection would wait for that lock forever,
    and nobody could see its progress before the request ends anyway."""
    if transaction.get_connection().in_atomic_block:
        yield lambda done: None
        return
    side = connections.create_connection("default")
    try:

        def write(done: int) -> None:
            with side.cursor() as cursor:
                cursor.execute("UPDATE imports_importrun SET done = %s WHERE id = %s", [min(done, run.total), run.pk])

        yield write
    finally:
        side.close()


def _resource(run: ImportRun):
    return RESOURCES[run.kind](user=run.created_by, caseworker=run.caseworker, file_name=run.original_name)


def _load(run: ImportRun, resource) -> importing.Sheet:
    with default_storage.open(run.file, "rb") as stored:
        content = stored.read()
    sheet = importing.read_dataset(content, run.content_type)
    resource.lines = sheet.lines
    return sheet


def _run(run: ImportRun, *, dry_run: bool) -> None:
    resource = _resource(run)
    try:
        sheet = _load(run, resource)
    except ValidationError as error:
        _finish(run, status=ImportRun.Status.FAILED, problems=error.messages, warnings=[], report=[], counts={})
        return
    unknown = resource.normalise_headers(sheet.dataset)
    warnings = [_("Die Spalte „%(name)s“ ist unbekannt und wird nicht importiert.") % {"name": u} for u in unknown]
    problems = resource.check_headers(sheet.dataset.headers)
    if problems:
        _finish(run, status=ImportRun.Status.FAILED, problems=problems, warnings=warnings, report=[], counts={})
        return
    with _progress_writer(run) as progress:
        resource.progress = progress
        with transaction.atomic():
            result = resource.import_data(sheet.dataset, dry_run=dry_run, use_transactions=True)
            report = resource.report(result)
            failed = any(row["errors"] for row in report) or bool(result.base_errors)
            if dry_run or failed:
                transaction.set_rollback(True)
    problems = []
    for error in result.base_errors:  # the bulk writes after the last row: not one row's fault
        logger.error("import %s: %r", run.pk, error.error, exc_info=error.error)
        problems = [
            _(
                "Die Datenbank hat das Speichern abgelehnt (z. B. weil eine BG-Nummer inzwischen vergeben "
                "wurde). Es wurde nichts gespeichert. Bitte laden Sie die Datei erneut hoch."
            )
        ]
    counts = dict.fromkeys(("new", "update", "skip", "error"), 0)
    for row in report:
        counts["error" if row["errors"] else row["action"]] += 1
    status = ImportRun.Status.DONE
    if dry_run:
        status = ImportRun.Status.CHECKED
    elif failed:
        status = ImportRun.Status.FAILED
    _finish(run, status=status, problems=problems, warnings=warnings, report=report, counts=counts)
    if status == ImportRun.Status.DONE:
        uploads.discard(run.file)
        ImportRun.objects.filter(pk=run.pk).update(file="")


def _finish(run: ImportRun, *, status, problems, warnings, report, counts) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=status,
        problems=problems,
        warnings=warnings,
        report=report,
        counts=counts,
        done=run.total,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()


def _guarded(run: ImportRun, *, dry_run: bool) -> None:
    """Whatever goes wrong, the run ends with a German message and nothing half-imported (the
    transaction of `_run` is rolled back by the exception)."""
    with translation.override("de"):
        try:
            _run(run, dry_run=dry_run)
        except Exception:
            logger.exception("import %s failed", run.pk)
            problem = _("Beim Import ist ein unerwarteter Fehler aufgetreten. Es wurde nichts gespeichert.")
            _finish(run, status=ImportRun.Status.FAILED, problems=[problem], warnings=[], report=[], counts={})


def check(run: ImportRun) -> None:
    """The dry run: what would be created, updated or skipped, and every error; nothing is stored."""
    _guarded(run, dry_run=True)


def commit(run: ImportRun) -> None:
    """The import itself, in one transaction: all rows or none."""
    _guarded(run, dry_run=False)


def start_commit(*, run: ImportRun) -> bool:
    """Mark the checked run as importing (once; a second click changes nothing). True if started."""
    return bool(
        ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.CHECKED, problems=[])
        .exclude(counts__error__gt=0)
        .update(status=ImportRun.Status.IMPORTING, done=0)
    )


def discard(*, run: ImportRun) -> None:
    if run.file:
        uploads.discard(run.file)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DISCARDED, file="", report=[])
