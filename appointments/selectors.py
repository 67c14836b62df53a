"""Reads for booking pages and the API."""

from __future__ import annotations

from django.db.models import Func, IntegerField, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from appointments.models import Appointment, AppointmentMatter
from centres import calendar
from centres.models import ServiceCentre
from guides.checklist import ChecklistLine, build_checklist
from guides.selectors import matters_with_materials


def centre_day(centre_id: int, day, *, matter_codes: list[str]) -> ServiceCentre:
    """A centre for one day's availability, and how many minutes the matters take: two queries.

    ``matters_found`` (how many of the codes are live matters) and
    ``matters_minutes`` (their standard minutes together) come in the centre's
    own query, so a poll of the slots reads the centre, its sessions and the
    day's slots and nothing else.
    """
    from guides.models import MatterPage

    def over_matters(function: str, field: str):
        rows = (
            MatterPage.objects.live()
            .filter(code__in=matter_codes)
            .order_by()
            .annotate(total=Func(field, function=function, output_field=IntegerField()))
            .values("total")
        )
        return Coalesce(Subquery(rows), 0)

    return calendar.centre_for_day(
        centre_id,
        day,
        matters_found=over_matters("COUNT", "pk"),
        matters_minutes=over_matters("SUM", "handling_minutes"),
    )


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
