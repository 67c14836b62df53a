from django.core.management.base import BaseCommand

from appointments.demo import DEMO_PASSWORD, seed_demo
from flowback.demo import seed_flowback


class Command(BaseCommand):
    help = "Demo regions, centres, counters, opening hours and accounts (idempotent)."

    def handle(self, *args, **options):
        accounts = seed_demo()
        seed_flowback()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, role in accounts.items():
            self.stdout.write(f"  {email:<22} {role}")
