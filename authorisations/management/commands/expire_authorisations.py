from django.core.management.base import BaseCommand

from authorisations.services import expire_authorisations


class Command(BaseCommand):
    help = (
        "Mark Vollmachten whose end date has passed as expired. Run daily (e.g. from cron at 00:05); "
        "portal access already ends on the end date without it."
    )

    def handle(self, *args, **options):
        count = expire_authorisations()
        self.stdout.write(f"{count} Vollmacht(en) als abgelaufen markiert.")
