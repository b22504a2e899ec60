import datetime

from django.core.management.base import BaseCommand, CommandError

from privacy import retention
from privacy.models import RetentionRun


class Command(BaseCommand):
    help = (
        "Delete or anonymise everything whose retention period has passed (the daily job "
        "privacy.apply_retention does the same). --today runs it as of another day; --preview only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD instead of today")
        parser.add_argument("--preview", action="store_true", help="only count what is due, change nothing")

    def handle(self, *args, today=None, preview=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        if preview:
            for kind, count in retention.plan(day or datetime.date.today()).counts().items():
                self.stdout.write(f"{kind}: {count}")
            return
        run = retention.apply(today=day, trigger=RetentionRun.Trigger.MANUAL)
        self.stdout.write(f"Löschlauf {run.pk}: {run.counts or 'nichts fällig'}")
