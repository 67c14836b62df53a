"""Life events a resident starts from on the home page, and the guides each leads to.

Data, not code: the events residents name (生孩子, 退休 …) and the bundles
(一件事) and matters that answer them, by code, in the order shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    name: str | Promise
    codes: tuple[str, ...]  # bundle and matter codes


LIFE_EVENTS = (
    LifeEvent("birth", _("生孩子"), ("JS-B-02", "JS-WJ-01")),
    LifeEvent("retirement", _("退休"), ("JS-B-03", "JS-RS-02")),
    LifeEvent("bereavement", _("家人去世"), ("JS-MZ-07",)),
    LifeEvent("unemployment", _("失业"), ("JS-RS-04", "JS-RS-06", "JS-RS-08")),
    LifeEvent("moving", _("搬家"), ("JS-GA-01", "JS-YB-03")),
    LifeEvent("hardship", _("家里困难"), ("JS-MZ-01", "JS-MZ-03", "JS-MZ-06")),
    LifeEvent("old-age-disability", _("老人和残疾人"), ("JS-MZ-04", "JS-CL-01", "JS-MZ-05")),
)
