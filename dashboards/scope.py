"""Whose figures a user may see (centre, county, city, province), and the period asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Q,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, StaffRole
from centres.models import City, County, ServiceCentre

CHINA = ZoneInfo("Asia/Shanghai")
LEVELS = ("centre", "county", "city", "province")
RANK = {level: rank for rank, level in enumerate(LEVELS)}
# How a centre, county or city row reaches each level at or above its own.
PATHS = {
    "centre": {"centre": "pk", "county": "county", "city": "county__city"},
    "county": {"county": "pk", "city": "city"},
    "city": {"city": "pk"},
}
MODELS = {"centre": ServiceCentre, "county": County, "city": City}
RELATED = {"centre": ["county__city"], "county": ["city"], "city": []}
# The opening hours always shown on the load chart, so an idle hour shows as idle.
HOURS = range(8, 18)
MAX_DAYS = 366


# ---------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """The province, or one city, county or centre, whose figures are shown."""

    level: str
    place: ServiceCentre | County | City | None = None

    @property
    def code(self) -> str:
        return self.place.code if self.place else ""

    @property
    def name(self) -> str:
        return self.place.name if self.place else _("江苏省")

    @property
    def title(self) -> str:
        return str(self.place) if self.place else _("江苏省")

    @property
    def child_level(self) -> str | None:
        rank = RANK[self.level]
        return LEVELS[rank - 1] if rank else None

    def centres(self, prefix: str = "centre") -> Q:
        """Rows whose centre, reached through ``prefix``, lies in this scope."""
        if self.place is None:
            return Q()
        path = PATHS["centre"][self.level]
        return Q(**{f"{prefix}__{path}" if prefix else path: self.place.pk})

    def counties(self, prefix: str = "county") -> Q:
        """Rows whose county, reached through ``prefix``, lies in this scope (province, city)."""
        if self.place is None:
            return Q()
        return Q(**{f"{prefix}__{PATHS['county'][self.level]}": self.place.pk})

    @property
    def wide(self) -> bool:
        """The province or a city: its pages read the county rollups (dashboards.rollups)."""
        return self.level in ("province", "city")

    def holds(self, level: str) -> Q:
        """Rows of ``level`` (centre, county, city) that lie in this scope."""
        if self.place is None:
            return Q()
        path = PATHS[level].get(self.level)
        if path is None:  # a smaller scope holds no larger place
            return Q(pk__in=[])
        return Q(**{path: self.place.pk})

    def children(self) -> list[Scope]:
        level = self.child_level
        if level is None:
            return []
        places = MODELS[level].objects.filter(self.holds(level)).select_related(*RELATED[level])
        return [Scope(level, place) for place in places.order_by("code")]

    def lineage(self) -> list[Scope]:
        """The province down to this scope, largest first."""
        chain = [self]
        place = self.place
        if self.level == "centre":
            chain.append(Scope("county", place.county))
            place = place.county
        if self.level in ("centre", "county"):
            chain.append(Scope("city", place.city))
        if self.level != "province":
            chain.append(Scope("province"))
        return chain[::-1]


def home_scope(user) -> Scope:
    """The largest scope a user may see; counter clerks and residents have none."""
    if user.is_authenticated and user.is_superuser:
        return Scope("province")
    profile = Profile.objects.select_related("centre__county__city", "county__city", "city").of(
        user
    )
    if profile is None or not profile.has_dashboard:
        raise PermissionDenied(_("只有中心负责人和县、市、省级工作人员可以查看数据看板。"))
    if profile.role == StaffRole.MANAGER:
        return Scope("centre", profile.centre)
    if profile.role == StaffRole.COUNTY:
        return Scope("county", profile.county)
    if profile.role == StaffRole.CITY:
        return Scope("city", profile.city)
    return Scope("province")


def resolve_scope(
    user, level: str | None = None, code: str = "", *, home: Scope | None = None
) -> Scope:
    """The scope asked for, if it lies within the user's; anything else is 404.

    404 rather than 403 so that probing codes outside one's region does not
    even tell which of them exist.
    """
    home = home or home_scope(user)
    if level is None:
        return home
    if level == "province":
        if home.level != "province":
            raise Http404
        return home
    if level not in MODELS or RANK[level] > RANK[home.level]:
        raise Http404
    place = (
        MODELS[level]
        .objects.filter(home.holds(level), code=code)
        .select_related(*RELATED[level])
        .first()
    )
    if place is None:
        raise Http404
    return Scope(level, place)


# ---------------------------------------------------------------- period


@dataclass(frozen=True)
class Period:
    """Whole days from ``first`` to ``last``, both included, in China time."""

    first: dt.date
    last: dt.date

    @classmethod
    def last_days(cls, days: int = 30, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate(timezone.now(), CHINA)
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first, dt.time.min, tzinfo=CHINA)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time.min, tzinfo=CHINA)

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]
