"""Reads for booking pages and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import (
    Aggregate,
    FilteredRelation,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, JSONObject
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.models import Appointment, AppointmentMatter
from centres import calendar
from centres.models import OpeningSession, ServiceCentre
from guides.checklist import ChecklistLine, build_checklist
from guides.models import MatterPage
from guides.selectors import cached_matters_with_materials, matters_with_materials


def _over_matters(codes: Sequence[str], function: str, field: str):
    """One value over the live matters of these codes (COUNT, SUM…), for another query."""
    rows = (
        MatterPage.objects.live()
        .filter(code__in=codes)
        .order_by()
        .annotate(total=Func(field, function=function, output_field=IntegerField()))
        .values("total")
    )
    return Coalesce(Subquery(rows), 0)


def centre_day(centre_id: int, day, *, matter_codes: list[str]) -> ServiceCentre:
    """A centre for one day's availability, and how many minutes the matters take: one query.

    ``calendar.centre_for_day`` in one query rather than two (the opening
    sessions come as JSON in the centre's row, as for ``centre_for_booking``),
    with ``matters_found`` (how many of the codes are live matters) and
    ``matters_minutes`` (their standard minutes together): a poll of the slots
    reads the centre, then the day's slots, and nothing else.
    """
    centre = (
        _centres_with_sessions(
            day,
            matters_found=_over_matters(matter_codes, "COUNT", "pk"),
            matters_minutes=_over_matters(matter_codes, "SUM", "handling_minutes"),
        )
        .select_related("day_override")
        .get(pk=centre_id)
    )
    _hand_sessions(centre)
    return calendar.read_for_day(centre, day)


def _centres_with_sessions(day, **annotations):
    """Centres with ``day``'s override joined and their opening sessions as JSON, and
    ``annotations``: a centre for ``day`` in its own query (``_hand_sessions``)."""
    return ServiceCentre.objects.annotate(
        day_override=FilteredRelation("overrides", condition=Q(overrides__date=day)),
        opening_sessions=_opening_sessions(),
        **annotations,
    )


def _hand_sessions(centre: ServiceCentre) -> None:
    """The sessions read as JSON become the centre's in-memory child objects
    (modelcluster), so ``centre.sessions.all()`` asks nothing more.

    In the model's order (weekday, start), which a JSON aggregate does not keep.
    """
    sessions = [
        OpeningSession(
            id=row["id"],
            weekday=row["weekday"],
            start=dt.time.fromisoformat(row["start"]),
            end=dt.time.fromisoformat(row["end"]),
        )
        for row in centre.opening_sessions or []
    ]
    centre.sessions = sorted(sessions, key=lambda s: (s.weekday, s.start))


class _JSONList(Aggregate):
    """The rows' values as one JSON array (SQLite's JSON_GROUP_ARRAY, PostgreSQL's JSONB_AGG)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _opening_sessions():
    rows = (
        OpeningSession.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(rows=_JSONList(JSONObject(id="id", weekday="weekday", start="start", end="end")))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def centre_for_booking(
    centre_id: int, start: dt.datetime, *, matter_codes: Sequence[str] = ()
) -> ServiceCentre:
    """The centre as a booking at ``start`` needs it, in one query.

    What ``calendar.centre_for_day`` reads in two (the centre with its county
    and city, the day's override, the slot at the start, then the opening
    sessions), with the sessions in the centre's row as JSON and handed to
    the centre as its in-memory child objects (modelcluster), so
    ``centre.sessions.all()`` asks nothing more. And the stamp of the matters
    (``matters_found``, ``matters_revisions``) that ``booking_matters`` reads
    from the cache with.
    """
    day = timezone.localdate(start)
    centre = (
        _centres_with_sessions(
            day,
            start_slot=FilteredRelation("slots", condition=Q(slots__start=start)),
            matters_found=_over_matters(matter_codes, "COUNT", "pk"),
            matters_revisions=_over_matters(matter_codes, "SUM", "live_revision_id"),
        )
        .select_related("day_override", "start_slot", "county__city")
        .get(pk=centre_id)
    )
    _hand_sessions(centre)
    # As calendar.centre_for_day leaves them: the day read, and the slot at the start.
    centre.calendar_day = day
    # Django sets no attribute for a missing reverse row.
    centre.slot_at = (start, getattr(centre, "start_slot", None))
    return centre


def booking_matters(centre: ServiceCentre, codes: Sequence[str]) -> list[MatterPage] | None:
    """The live matters of ``codes`` with their material lists, from the cache.

    ``centre`` from ``centre_for_booking`` carries the matters' stamp; None
    when a code is not a live matter (the caller names it).
    """
    codes = list(dict.fromkeys(codes))
    if not codes or centre.matters_found != len(codes):
        return None
    return cached_matters_with_materials(codes, stamp=(len(codes), centre.matters_revisions))


def appointments_of(user):
    return (
        Appointment.objects.for_user(user)
        .select_related("centre")
        .prefetch_related(
            Prefetch("matters", queryset=AppointmentMatter.objects.select_related("matter"))
        )
        .order_by("-start")
    )


def appointment_of(user, reference: str) -> Appointment:
    """The caller's own appointment; anyone else's is simply not found."""
    found = appointments_of(user).filter(reference=reference.strip().upper()).first()
    if found is None:
        raise Http404(_("没有找到预约号为 %(ref)s 的预约。") % {"ref": reference})
    return found


def checklist_of(appointment: Appointment) -> list[ChecklistLine]:
    """The merged material list of an appointment's matters and chosen situations."""
    items = list(appointment.matters.all())
    matters = matters_with_materials([item.matter.code for item in items])
    return build_checklist(
        matters, situation_codes=[item.situation_code for item in items if item.situation_code]
    )


def time_choices(
    *, centre: ServiceCentre, day, minutes: int, batch: bool = False, now=None
) -> dict:
    """The start times of a day for a booking of ``minutes``, and why others are not offered."""
    from django.utils import timezone

    from appointments import capacity, schedule

    now = now or timezone.now()
    options = capacity.day_options(centre=centre, day=day, minutes=minutes, batch=batch, now=now)
    offered = [o for o in options if o.available]
    times = "、".join(timezone.localtime(o.slot.start).strftime("%H:%M") for o in offered[:8])
    if not options:
        note = _("这一天没有可预约的时段。")
    elif all(o.full for o in options):
        note = _("这一天已约满。每个时段都留有现场号，也可以直接到中心取号。")
    elif offered and len(offered) < len(options):
        note = _("这个组合需要约 %(m)s 分钟，可选 %(times)s 开始。") % {
            "m": minutes,
            "times": times,
        }
    elif not offered:
        note = _("这个组合需要约 %(m)s 分钟，这一天剩下的空闲时间不够一次办完。") % {"m": minutes}
    else:
        note = ""
    later = []
    if not offered:
        for other in schedule.bookable_days(centre, now):
            if other > day and any(
                o.available
                for o in capacity.day_options(
                    centre=centre, day=other, minutes=minutes, batch=batch, now=now
                )
            ):
                later.append(other)
                if len(later) == 3:
                    break
    return {"options": options, "any_free": bool(offered), "note": note, "later_days": later}
