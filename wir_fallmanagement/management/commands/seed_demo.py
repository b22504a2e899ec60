from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import accounts.demo
import authorisations.demo
import cases.demo
import offers.demo
import privacy.demo
import reports.demo
import volunteers.demo
from accounts.models import User

# Each app's demo data, in the order they build on each other: the logins, the district with its
# clients, offers and referrals, volunteers with their assignments, then the Vollmachten between
# those clients and volunteers, last year's narrative of the yearly report, and last a legal hold and
# an erasure request for the data protection pages.
SEEDS = [
    accounts.demo.seed,
    cases.demo.seed,
    offers.demo.seed,
    volunteers.demo.seed,
    authorisations.demo.seed,
    reports.demo.seed,
    privacy.demo.seed,
]


class Command(BaseCommand):
    help = "Fill a fictitious district with demo data and the demo logins (only with WIR_DEMO=1)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print no logins.")

    def handle(self, *args, quiet=False, **options):
        if not settings.WIR_DEMO:
            raise CommandError("Demo data is disabled. Set WIR_DEMO=1 (never in production).")
        if User.objects.filter(email=accounts.demo.DEMO_USERS[0][0]).exists():
            self.stdout.write("Demo data already present – nothing to do.")
        else:
            with transaction.atomic():
                for seed in SEEDS:
                    seed(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        if not quiet:
            self.stdout.write(f"\nDemo logins (password for all: {accounts.demo.DEMO_PASSWORD}):")
            for email, _name, role in accounts.demo.DEMO_USERS:
                self.stdout.write(f"  {email:<28} {role.label}")
