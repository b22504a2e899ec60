from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database (DATABASE_URL) and an EMPTY file storage; "
        "refuses a non-empty target and checks every checksum and row count."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables ({rows} rows) and {len(manifest['files'])} files; "
            "checksums and row counts match. Next: python manage.py migrate (if the code is newer)."
        )
