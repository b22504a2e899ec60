from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.setup import SetupFileError, apply_setup, password_link, read_file


class Command(BaseCommand):
    help = "Richtet einen Kreis aus einer YAML-Datei ein: Stammdaten und die erste Administration (docs/setup.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="die Einrichtungsdatei, z. B. docs/district.example.yaml")

    def handle(self, *args, file: Path, **options):
        try:
            result = apply_setup(read_file(file), base=file.resolve().parent)
        except SetupFileError as error:
            lines = "\n".join(f"  - {line}" for line in error.errors)
            raise CommandError(f"Die Datei {file} wurde nicht übernommen, nichts wurde geändert:\n{lines}") from None
        for label, counts in (("angelegt", result.created), ("geändert", result.updated)):
            for section, count in sorted(counts.items()):
                self.stdout.write(f"{section}: {count} {label}")
        if not result.created and not result.updated:
            self.stdout.write("Stammdaten: nichts zu ändern.")
        user = result.administrator
        if user is not None and not user.has_usable_password():
            self.stdout.write(
                f"Administration {user.email}{' angelegt' if result.administrator_created else ''}. "
                f"Passwort festlegen (einmal, in den nächsten {settings.PASSWORD_RESET_TIMEOUT // 3600} Stunden):\n"
                f"  {password_link(user, settings.WIR_BASE_URL)}"
            )
        elif user is not None:
            self.stdout.write(f"Administration {user.email}: besteht schon, Passwort unverändert.")
