"""Recompute the dashboards' daily figures from the live rows (all days, or a span)."""

import datetime as dt
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from dashboards import figures, rollups


class Command(BaseCommand):
    help = (
        "Recompute the dashboards' daily figures from appointments, cases, ratings and the"
        " queue: every day with data, or --from/--to. The worker keeps recent days fresh."
        " --rollups-only sums only the county and month rollups again from the daily figures"
        " (once, after the migration that adds them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="last", type=dt.date.fromisoformat)
        parser.add_argument("--rollups-only", action="store_true")

    def handle(self, *args, first=None, last=None, rollups_only=False, **options):
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
        step = transaction.atomic(rollups.rebuild) if rollups_only else figures.rebuild
        # A calendar month at a time: each commits on its own, the progress shows, and each
        # month's rollups are summed once.
        start = first
        while start <= last:
            end = min(rollups.next_month(start) - dt.timedelta(days=1), last)
            written += step(start, end)
            self.stdout.write(f"{start} to {end}: {written} rows so far")
            start = end + dt.timedelta(days=1)
        if connection.vendor == "postgresql":
            # Rows rewritten in bulk: fresh statistics, or the planner may sort a
            # year's rows where it should hash them (and autovacuum may be off).
            with connection.cursor() as cursor:
                for model in apps.get_app_config("dashboards").get_models():
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.stdout.write(
            f"{written} rows for {first} to {last} in {time.monotonic() - began:.1f} s"
        )
