from django.core.management.base import BaseCommand

from enterprises.demo import seed_enterprise
from flowback.demo import seed_flowback
from portal.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Demo regions, centres, counters, opening hours and accounts (idempotent)."

    def handle(self, *args, **options):
        accounts = seed_demo()
        seed_flowback()
        # hr@demo.local is an approved officer of a demo enterprise (docs/contract.md).
        seed_enterprise()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, role in accounts.items():
            self.stdout.write(f"  {email:<22} {role}")
