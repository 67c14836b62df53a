"""Recompute the dashboards' daily figures from the live rows (all days, or a span)."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from dashboards import figures


class Command(BaseCommand):
    help = (
        "Recompute the dashboards' daily figures from appointments, cases, ratings and the"
        " queue: every day with data, or --from/--to. The worker keeps recent days fresh."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="last", type=dt.date.fromisoformat)

    def handle(self, *args, first=None, last=None, **options):
        span = figures.data_span()
        if span is None and not (first and last):
            self.stdout.write("no appointments, cases or ratings: nothing to do")
            return
        first = first or span[0]
        last = last or span[1]
        if first > last:
            raise CommandError("--from must not be after --to")
        began = time.monotonic()
        written = 0
        # A month at a time: each commits on its own and the progress shows.
        start = first
        while start <= last:
            end = min(start + dt.timedelta(days=30), last)
            written += figures.rebuild(start, end)
            self.stdout.write(f"{start} to {end}: {written} rows so far")
            start = end + dt.timedelta(days=1)
        self.stdout.write(
            f"{written} rows for {first} to {last} in {time.monotonic() - began:.1f} s"
        )
