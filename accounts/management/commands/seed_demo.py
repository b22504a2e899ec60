from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.hooks import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User
from wir_fallmanagement import extensions


class Command(BaseCommand):
    help = "Fill a fictitious district with demo data and the demo logins (only with WIR_DEMO=1)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print no logins.")

    def handle(self, *args, quiet=False, **options):
        if not settings.WIR_DEMO:
            raise CommandError("Demo data is disabled. Set WIR_DEMO=1 (never in production).")
        if User.objects.filter(email=DEMO_USERS[0][0]).exists():
            self.stdout.write("Demo data already present – nothing to do.")
        else:
            with transaction.atomic():
                # Every app's hooks.seed_demo, in INSTALLED_APPS order (accounts first).
                extensions.call("seed_demo", stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        if not quiet:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
            for email, _name, role in DEMO_USERS:
                self.stdout.write(f"  {email:<28} {role.label}")
