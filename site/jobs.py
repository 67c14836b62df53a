"""The scheduled jobs of the whole site, created idempotently by code after every migrate."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_q.models import Schedule

# name -> (function, schedule type, minutes between runs, first run at local time)
JOBS = {
    "appointments: remind tomorrow's visitors": (
        "appointments.tasks.send_reminders",
        Schedule.HOURLY,
        None,
        dt.time(8, 0),
    ),
    "appointments: mark no-shows at the end of the day": (
        "appointments.tasks.mark_no_shows",
        Schedule.DAILY,
        None,
        dt.time(23, 30),
    ),
    # Dashboards read daily figures; this keeps today's (and any day just changed) fresh.
    "dashboards: refresh the daily figures": (
        "dashboards.tasks.refresh_figures",
        Schedule.MINUTES,
        5,
        None,
    ),
    "flowback: forget old delivered events": (
        "flowback.tasks.prune",
        Schedule.DAILY,
        None,
        dt.time(3, 15),
    ),
    # New events are posted at once; this sweep picks up retries after backoff.
    "flowback: deliver events due for a retry": (
        "flowback.tasks.deliver_due",
        Schedule.MINUTES,
        1,
        None,
    ),
    # Texts are sent at once by the worker; this sweep sends retries after backoff.
    "flowback: send text messages due for a retry": (
        "flowback.sms.tasks.send_due",
        Schedule.MINUTES,
        1,
        None,
    ),
}


def ensure_schedules() -> None:
    today = timezone.localdate()
    for name, (func, kind, minutes, at) in JOBS.items():
        if at is None:
            first_run = timezone.now()
        else:
            first_run = timezone.make_aware(dt.datetime.combine(today, at))
        if first_run < timezone.now() and at is not None:
            first_run += dt.timedelta(days=1)
        schedule, created = Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": kind,
                "minutes": minutes,
                "next_run": first_run,
            },
        )
        if not created and (schedule.func, schedule.schedule_type, schedule.minutes) != (
            func,
            kind,
            minutes,
        ):
            schedule.func, schedule.schedule_type, schedule.minutes = func, kind, minutes
            schedule.save(update_fields=["func", "schedule_type", "minutes"])


def on_post_migrate(**kwargs) -> None:
    ensure_schedules()
