"""The durations and rates the dashboards count, shared by the live rows and the daily figures."""

from __future__ import annotations

from django.db.models import F, FloatField, Func, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf

from appointments.constants import AppointmentStatus
from appointments.models import AppointmentMatter
from casework.constants import CaseStatus


class EpochSeconds(Func):
    """Seconds since 1970 of a timestamp, so durations add up as plain numbers."""

    output_field = FloatField()
    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) * 86400.0)")


def seconds_between(end, start):
    return EpochSeconds(end) - EpochSeconds(start)


# The times of a case (casework.models.Case): waiting is arrival → call; handling
# is call → case opened at the counter, and all materials in → closed, so a
# 补正 case's days away count as neither.
WAITING = seconds_between("called_at", "scanned_at")
AT_COUNTER = seconds_between("accepted_at", "called_at")
CLOSING = seconds_between("closed_at", Coalesce("complete_at", "accepted_at"))

CHECKED_IN = Q(checked_in_at__isnull=False)
APPOINTMENT_COUNTS = ("booked", "checked_in", "no_show", "cancelled")
APPOINTMENT_FILTERS = {
    "booked": None,
    "checked_in": CHECKED_IN,
    "no_show": Q(status=AppointmentStatus.NO_SHOW),
    "cancelled": Q(status=AppointmentStatus.CANCELLED),
}
COMPLETED = Q(status=CaseStatus.COMPLETED, closed_at__isnull=False)


def _weight(standard_minutes: str):
    """A matter's share of a case's time: its standard minutes, or one minute without them."""
    return Coalesce(NullIf(F(standard_minutes), Value(0)), 1)


def matter_share(seconds):
    """A matter's part of a case's ``seconds``, in proportion to the standard minutes.

    The counter times a whole case, not each matter in it, so a case of
    several matters shares its time among them (a matter without a standard
    weighs one minute). For rows of cases joined to their appointment's matters.
    """
    case_weight = Subquery(
        AppointmentMatter.objects.filter(appointment=OuterRef("appointment"))
        .order_by()
        .values("appointment")
        .annotate(w=Sum(_weight("matter__handling_minutes")))
        .values("w")
    )
    weight = _weight("appointment__matters__matter__handling_minutes")
    return seconds * weight / case_weight


def rate(part, whole) -> float | None:
    """A percentage, or None where there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def no_show_rate(row: dict) -> float | None:
    """No-shows among the appointments that fell due: checked in or missed.

    Cancelled appointments and ones still booked (not yet due, or not yet
    marked) say nothing about turning up, so they are left out.
    """
    return rate(row["no_show"], row["checked_in"] + row["no_show"])


def minutes(seconds) -> float | None:
    # Whole seconds first: julianday() on SQLite carries a little float noise.
    return None if seconds is None else round(round(float(seconds)) / 60, 1)


def mean(total, count):
    """An average from a sum and a count, or None when nothing was counted."""
    return float(total) / count if count else None
