"""Both halves of the migration test (test_migration.py), run by ``manage.py shell`` on a copy.

``before()`` takes the copy back to the schema before centres left
appointments and writes a row of every moved model, and rows of other apps
pointing at them, through the historical models; ``after(ids)`` reads them
back through today's models once ``migrate`` has run. Each prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

MOVED = [
    "city",
    "county",
    "servicecentre",
    "openingsession",
    "calendaroverride",
    "holidaycalendar",
    "holidaycalendarday",
]
# The apps whose migrations point their foreign keys at centres, and appointments itself.
TOUCHED = ["appointments", "accounts", "casework", "dashboards", "flowback", "ratings", "centres"]
CODE = "MIG019"
LABEL = "迁移街道便民服务中心"
YEAR = 2097  # a year no one gives a holiday calendar
EMAIL = "migration-019@test.local"
GROUP = "迁移测试"


def applied() -> dict[str, str | None]:
    """The last applied migration of each touched app."""
    loader = MigrationExecutor(connection).loader
    last: dict[str, str | None] = dict.fromkeys(TOUCHED)
    for app, name in sorted(loader.applied_migrations):
        if app in last:
            last[app] = name
    return last


def before() -> None:
    call_command("migrate", "centres", "zero", verbosity=0)
    loader = MigrationExecutor(connection).loader
    nodes = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    apps = loader.project_state(nodes).apps

    def model(label: str):
        return apps.get_model(*label.split("."))

    city = model("appointments.City").objects.create(code="329700", name="迁移市")
    county = model("appointments.County").objects.create(code="329701", name="迁移区", city=city)
    centre = model("appointments.ServiceCentre").objects.create(
        county=county, code=CODE, name=LABEL, address="迁移路1号", directions="地铁2号线"
    )
    session = model("appointments.OpeningSession").objects.create(
        centre=centre, weekday=0, start=dt.time(9), end=dt.time(12)
    )
    override = model("appointments.CalendarOverride").objects.create(
        centre=centre, date=dt.date(YEAR, 5, 6), kind="closed", reason="迁移"
    )
    calendar = model("appointments.HolidayCalendar").objects.create(
        year=YEAR, confirmed=True, source="迁移"
    )
    holiday = model("appointments.HolidayCalendarDay").objects.create(
        calendar=calendar, date=dt.date(YEAR, 1, 1), kind="holiday", name="元旦"
    )
    start = timezone.make_aware(dt.datetime(YEAR, 5, 5, 9))
    end = start + dt.timedelta(minutes=30)
    slot = model("appointments.Slot").objects.create(
        centre=centre, start=start, end=end, capacity_minutes=63, booked_minutes=20
    )
    user = model("auth.User").objects.create(username=EMAIL, email=EMAIL)
    appointment = model("appointments.Appointment").objects.create(
        reference="MIG0190001",
        centre=centre,
        slot=slot,
        start=start,
        end=end,
        minutes=20,
        booked_by=user,
        relationship="self",
        applicant_name="迁移",
        applicant_id_encrypted="-",
        applicant_phone="13800000000",
    )
    model("appointments.SlotDraw").objects.create(appointment=appointment, slot=slot, minutes=20)
    model("accounts.Profile").objects.update_or_create(
        user=user, defaults={"centre": centre, "county": county, "city": city, "role": "manager"}
    )
    figures = model("dashboards.DailyCentreFigures").objects.create(centre=centre, day=start.date())
    ContentType = model("contenttypes.ContentType")
    types = {m: ContentType.objects.get(app_label="appointments", model=m).pk for m in MOVED}
    change = model("auth.Permission").objects.get(
        content_type_id=types["servicecentre"], codename="change_servicecentre"
    )
    group = model("auth.Group").objects.create(name=GROUP)
    group.permissions.add(change)
    user.groups.add(group)
    entry = model("wagtailcore.ModelLogEntry").objects.create(
        content_type_id=types["servicecentre"],
        object_id=str(centre.pk),
        label=LABEL,
        action="wagtail.edit",
        timestamp=timezone.now(),
    )
    print(
        json.dumps(
            {
                "applied": applied(),
                "state_has_centres": "centres" in {m._meta.app_label for m in apps.get_models()},
                "types": types,
                "ids": {
                    "city": city.pk,
                    "county": county.pk,
                    "centre": centre.pk,
                    "session": session.pk,
                    "override": override.pk,
                    "calendar": calendar.pk,
                    "holiday": holiday.pk,
                    "slot": slot.pk,
                    "appointment": appointment.pk,
                    "user": user.pk,
                    "figures": figures.pk,
                    "permission": change.pk,
                    "entry": entry.pk,
                },
            }
        )
    )


def after(before: dict) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from accounts.models import Profile
    from appointments.models import Appointment, Slot
    from centres.models import (
        CalendarOverride,
        City,
        County,
        HolidayCalendar,
        HolidayCalendarDay,
        OpeningSession,
        ServiceCentre,
    )
    from dashboards.models import DailyCentreFigures

    ids, types = before["ids"], before["types"]
    centre = ServiceCentre.objects.select_related("county__city").get(pk=ids["centre"])
    session = OpeningSession.objects.get(pk=ids["session"])
    override = CalendarOverride.objects.get(pk=ids["override"])
    calendar = HolidayCalendar.objects.get(pk=ids["calendar"])
    appointment = Appointment.objects.get(pk=ids["appointment"])
    profile = Profile.objects.get(user_id=ids["user"])
    user = get_user_model().objects.get(pk=ids["user"])
    permission = Permission.objects.get(pk=ids["permission"])
    tables = set(connection.introspection.table_names())
    print(
        json.dumps(
            {
                "applied": applied(),
                "centre": [centre.code, centre.name, centre.directions, centre.county_id],
                "county": [County.objects.get(pk=ids["county"]).city_id, centre.county.city_id],
                "city": City.objects.get(pk=ids["city"]).name,
                "session": [session.centre_id, session.weekday, session.start.isoformat()],
                "sessions": [s.pk for s in centre.sessions.all()],
                "override": [override.centre_id, override.kind, override.date.isoformat()],
                "overrides": [o.pk for o in centre.overrides.all()],
                "calendar": [calendar.year, calendar.confirmed],
                "days": [d.pk for d in calendar.days.all()],
                "holiday": HolidayCalendarDay.objects.get(pk=ids["holiday"]).calendar_id,
                "slot": Slot.objects.get(pk=ids["slot"]).centre_id,
                "appointment": [appointment.centre_id, appointment.slot_id],
                "centre_appointments": [a.pk for a in centre.appointments.all()],
                "draws": appointment.draws.count(),
                "profile": [profile.centre_id, profile.county_id, profile.city_id],
                "staff": [p.pk for p in centre.staff.all()],
                "figures": DailyCentreFigures.objects.get(pk=ids["figures"]).centre_id,
                "types": {
                    m: [ct.app_label, ct.model]
                    for m, ct in ((m, ContentType.objects.get(pk=pk)) for m, pk in types.items())
                },
                "left_in_appointments": ContentType.objects.filter(
                    app_label="appointments", model__in=MOVED
                ).count(),
                "centre_type": ContentType.objects.get_for_model(ServiceCentre).pk,
                "permission_type": permission.content_type_id,
                "has_perm": user.has_perm("centres.change_servicecentre"),
                "centre_permissions": sorted(
                    Permission.objects.filter(content_type__app_label="centres")
                    .filter(codename__endswith="_servicecentre")
                    .values_list("codename", flat=True)
                ),
                "history": [e.pk for e in ModelLogEntry.objects.for_instance(centre)],
                "tables": sorted(t for t in tables if t.startswith(("appointments_", "centres_"))),
            }
        )
    )
