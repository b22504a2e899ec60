from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from privacy.registry import BEGIN, END, generated_markdown


class Command(BaseCommand):
    help = "Rewrite the generated part of docs/data-protection.md from the field classification."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "docs" / "data-protection.md"
        text = path.read_text()
        head, _begin, rest = text.partition(BEGIN)
        _old, _end, tail = rest.partition(END)
        path.write_text(head + generated_markdown() + tail)
        self.stdout.write(f"{path} updated.")
