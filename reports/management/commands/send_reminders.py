from django.core.management.base import BaseCommand

from reports.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each caseworker what ends within 30 days or is overdue (counts only, no names). Run daily."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminder e-mails queued.")
