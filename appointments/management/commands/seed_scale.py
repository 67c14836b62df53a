"""Synthetic province-scale data for benchmarks: cities, counties, centres, hours and slots."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from appointments import schedule
from appointments.models import City, County, OpeningSession, ServiceCentre, Slot

CITIES = [
    "南京",
    "无锡",
    "徐州",
    "常州",
    "苏州",
    "南通",
    "连云港",
    "淮安",
    "盐城",
    "扬州",
    "镇江",
    "泰州",
    "宿迁",
]


class Command(BaseCommand):
    help = "Create N synthetic centres (13 cities, ~8 counties each) with weekday hours and D days of slots."

    def add_arguments(self, parser):
        parser.add_argument("--centres", type=int, default=1244)
        parser.add_argument("--days", type=int, default=14)

    @transaction.atomic
    def handle(self, *args, centres, days, **options):
        if centres < 1 or days < 0:
            raise CommandError("--centres must be at least 1 and --days not negative")
        cities = [
            City.objects.get_or_create(code=f"39{n:02d}00", defaults={"name": f"{name}市（模拟）"})[
                0
            ]
            for n, name in enumerate(CITIES, start=1)
        ]
        counties = [
            County.objects.get_or_create(
                code=f"39{c:02d}{k:02d}",
                defaults={"city": cities[c - 1], "name": f"第{k}区（模拟）"},
            )[0]
            for c in range(1, len(cities) + 1)
            for k in range(1, 9)
        ]
        existing = set(
            ServiceCentre.objects.filter(code__startswith="SIM").values_list("code", flat=True)
        )
        new = [
            ServiceCentre(
                county=counties[n % len(counties)],
                code=f"SIM{n:05d}",
                name=f"模拟第{n}便民服务中心",
                address=f"{counties[n % len(counties)]}模拟路{n}号",
                counters=2 + n % 5,
            )
            for n in range(1, centres + 1)
            if f"SIM{n:05d}" not in existing
        ]
        ServiceCentre.objects.bulk_create(new, batch_size=1000)
        made = ServiceCentre.objects.filter(code__in=[c.code for c in new])
        OpeningSession.objects.bulk_create(
            [
                OpeningSession(centre=centre, weekday=day, start=start, end=end)
                for centre in made
                for day in range(5)
                for start, end in ((dt.time(9), dt.time(12)), (dt.time(13, 30), dt.time(17)))
            ],
            batch_size=5000,
        )
        today = timezone.localdate()
        slots = []
        for centre in ServiceCentre.objects.filter(code__startswith="SIM").prefetch_related(
            "sessions", "overrides"
        ):
            step = dt.timedelta(minutes=centre.slot_minutes)
            for offset in range(days):
                for start in schedule.slot_starts(centre, today + dt.timedelta(days=offset)):
                    slots.append(
                        Slot(
                            centre=centre,
                            start=start,
                            end=start + step,
                            capacity_minutes=centre.online_minutes_per_slot,
                        )
                    )
        Slot.objects.bulk_create(slots, batch_size=5000, ignore_conflicts=True)
        self.stdout.write(
            f"{len(new)} centres added ({centres} in all), {len(slots)} slots for {days} days"
        )
