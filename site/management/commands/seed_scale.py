"""Synthetic province-scale data for benchmarks: places, hours, slots, staff and a year of cases."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.scale import PROVINCE, Size
from portal.scale.history import seed_history
from portal.scale.places import seed_places, seed_slots
from portal.scale.staff import seed_staff


class Command(BaseCommand):
    help = (
        "Create N synthetic centres (13 cities, 8 counties each) with hours and D days of slots;"
        " with --province (or --staff/--appointments/--cases) also staff, appointments and a"
        " year of closed, rated cases. Idempotent: a second run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, default=1244)
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument(
            "--past-days", type=int, default=0, help="how many of the days lie before today"
        )
        parser.add_argument("--staff", type=int, default=0)
        parser.add_argument("--appointments", type=int, default=0)
        parser.add_argument("--cases", type=int, default=0)
        parser.add_argument(
            "--province",
            action="store_true",
            help="Jiangsu's size: 1,244 centres, 25,828 staff, 60 days of slots,"
            " 500,000 appointments, 472,400 closed cases with ratings",
        )

    def handle(self, *args, province, **options):
        size = (
            PROVINCE
            if province
            else Size(
                centres=options["centres"],
                days=options["days"],
                past_days=options["past_days"],
                staff=options["staff"],
                appointments=options["appointments"],
                cases=options["cases"],
            )
        )
        if size.centres < 1 or size.days < 0 or min(size.staff, size.appointments, size.cases) < 0:
            raise CommandError("--centres must be at least 1 and the other sizes not negative")
        if size.cases > size.appointments:
            raise CommandError("--cases cannot exceed --appointments: every case has one")
        began = time.monotonic()

        def say(text: str) -> None:
            if options["verbosity"] < 1:
                return
            self.stdout.write(f"[{time.monotonic() - began:6.1f} s] {text}")
            self.stdout.flush()

        # Each stage commits on its own, so an interrupted run keeps what it finished.
        with transaction.atomic():
            seed_places(size.centres, say)
        with transaction.atomic():
            seed_slots(size.days, size.past_days, say)
        if size.staff or size.appointments:
            with transaction.atomic():
                seed_staff(size.staff, say)
        if size.appointments:
            with transaction.atomic():
                seed_history(
                    appointments=size.appointments,
                    cases=size.cases,
                    days=size.days,
                    past_days=size.past_days,
                    say=say,
                )
        say(f"done in {time.monotonic() - began:.1f} s")
