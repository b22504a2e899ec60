from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one backup archive: the database (pg_dump custom format) and every stored file, with "
        "a manifest of checksums. Default: WIR_BACKUP_DIR/wir-backup-<time>.tar (mode 600)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="path of the archive to write")

    def handle(self, *args, output=None, **options):
        target = Path(output or settings.WIR_BACKUP_DIR / f"wir-backup-{timezone.now():%Y%m%d-%H%M%S}.tar")
        if target.exists():
            raise CommandError(f"{target} exists already")
        try:
            manifest = create_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(f"{target}: {len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files")
