"""How many employees a batch can bring to a centre on a day, and where a batch fits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import capacity, schedule
from appointments.exceptions import SlotFull
from appointments.services import minutes_for
from centres.models import ServiceCentre
from guides.models import MatterPage


def per_person_minutes(matters: Sequence[MatterPage]) -> int:
    return minutes_for(matters)


def batch_options(
    centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], now=None
) -> list[tuple[capacity.StartOption, int]]:
    """Each start of a day with how many employees can still start there (0: none)."""
    each = per_person_minutes(matters) or 1
    options = capacity.day_options(centre=centre, day=day, minutes=each, batch=True, now=now)
    return [(o, 0 if o.full else o.room // each) for o in options]


def largest_batch_on(
    centre: ServiceCentre, day: dt.date, matters: Sequence[MatterPage], now=None
) -> int:
    """The most employees one batch can still book that day (within one opening session)."""
    return max((fits for _o, fits in batch_options(centre, day, matters, now)), default=0)


def days_that_fit(
    centre: ServiceCentre, matters: Sequence[MatterPage], people: int, now=None, limit=3
) -> list[dt.date]:
    """The next bookable days on which a batch of ``people`` fits whole."""
    now = now or timezone.now()
    found = []
    for day in schedule.bookable_days(centre, now):
        if largest_batch_on(centre, day, matters, now) >= people:
            found.append(day)
            if len(found) == limit:
                break
    return found


def too_large(centre, start, matters, people, now) -> SlotFull:
    """The refusal of a batch that does not fit, naming what does."""
    day = timezone.localdate(start)
    fits = largest_batch_on(centre, day, matters, now)
    days = "、".join(d.strftime("%m-%d") for d in days_that_fit(centre, matters, people, now))
    if fits == 0:
        message = _("%(day)s 该中心已没有能容纳这批员工的时间。") % {"day": day}
    else:
        message = _(
            "所选时间放不下 %(people)s 人。%(day)s 该中心一批最多还能办 %(fits)s 人"
            "（可从其他开始时间预约，或把名单拆成几批）。"
        ) % {"people": people, "day": day, "fits": fits}
    if days:
        message += _("整批 %(people)s 人能约上的日期：%(days)s。") % {
            "people": people,
            "days": days,
        }
    else:
        message += _("可预约的日期里都放不下整批 %(people)s 人，请把名单拆成几批。") % {
            "people": people
        }
    return SlotFull(message)
