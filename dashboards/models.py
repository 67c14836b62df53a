"""Daily figures per centre, kept by the worker so a dashboard never scans every case.

Each row holds counts and sums (never averages), so any set of days and
centres adds up to the same figures the live rows would give. Days are those
of Asia/Shanghai: an appointment's start, a case's arrival (scan), a rating's
date, a queue ticket's date.
"""

from __future__ import annotations

from django.db import models


class CentreSums(models.Model):
    """The figures of a centre's day, or their sums over more centres or days."""

    # Appointments starting that day.
    booked = models.PositiveIntegerField(default=0)
    checked_in = models.PositiveIntegerField(default=0)
    no_show = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    # Cases whose visit began that day, by status, and their times in seconds.
    cases = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)  # completed and closed
    closing_seconds = models.FloatField(default=0)
    wait_seconds = models.FloatField(default=0)
    waited = models.PositiveIntegerField(default=0)
    counter_seconds = models.FloatField(default=0)
    countered = models.PositiveIntegerField(default=0)
    # Ratings given that day.
    ratings = models.PositiveIntegerField(default=0)
    score_sum = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyCentreFigures(CentreSums):
    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "day"], name="one_figures_row_per_centre_day")
        ]
        indexes = [models.Index(fields=["day", "centre"])]

    def __str__(self):
        return f"{self.centre_id} {self.day}"


class MatterSums(models.Model):
    """Cases of one matter and status, and handling times of the closed ones."""

    matter = models.ForeignKey("guides.MatterPage", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12)
    cases = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    wait_seconds = models.FloatField(default=0)
    waited = models.PositiveIntegerField(default=0)
    # A matter's share of a case's counter and closing time (see selectors.cases).
    counter_seconds = models.FloatField(default=0)
    countered = models.PositiveIntegerField(default=0)
    closing_seconds = models.FloatField(default=0)
    closed = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyMatterFigures(MatterSums):
    """Cases of one matter and status at a centre on a day; handling times of the closed ones."""

    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "day", "matter", "status"],
                name="one_matter_figures_row_per_centre_day_status",
            )
        ]
        indexes = [models.Index(fields=["day", "centre"])]

    def __str__(self):
        return f"{self.centre_id} {self.day} {self.matter_id} {self.status}"


class LoadSums(models.Model):
    """People called in one hour of the day, and how long they had waited."""

    hour = models.PositiveSmallIntegerField()
    calls = models.PositiveIntegerField(default=0)
    wait_seconds = models.FloatField(default=0)
    waited = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyCounterLoad(LoadSums):
    """People called to one counter of a centre in one hour of a day."""

    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    counter = models.PositiveSmallIntegerField(null=True)

    class Meta:
        # (centre, day) for a county's or a centre's pages, which pick a few centres.
        indexes = [models.Index(fields=["day", "centre"]), models.Index(fields=["centre", "day"])]

    def __str__(self):
        return f"{self.centre_id} {self.day} {self.hour}h #{self.counter}"


# ---------------------------------------------------------------- rollups
# Wider rows summed from the daily ones above (dashboards.rollups), so that a
# province's or a city's year reads some thousands of rows rather than a
# million. They hold the same counts and sums, so any set of them adds up to
# what the daily rows would give.


class DailyCountyFigures(CentreSums):
    """DailyCentreFigures summed over a county's centres, and the county's counter calls."""

    county = models.ForeignKey("centres.County", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # People called to any counter of the county that day (DailyCounterLoad):
    # the counter load counts an area's working days from it.
    calls = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["county", "day"], name="one_figures_row_per_county_day")
        ]
        indexes = [models.Index(fields=["day", "county"])]

    def __str__(self):
        return f"{self.county_id} {self.day}"


class MonthlyCountyFigures(CentreSums):
    """DailyCentreFigures summed over a county's centres and a calendar month."""

    county = models.ForeignKey("centres.County", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["county", "month"], name="one_figures_row_per_county_month"
            )
        ]
        indexes = [models.Index(fields=["month", "county"])]

    def __str__(self):
        return f"{self.county_id} {self.month:%Y-%m}"


class MonthlyMatterFigures(MatterSums):
    """DailyMatterFigures summed over a county's centres and a calendar month."""

    county = models.ForeignKey("centres.County", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["county", "month", "matter", "status"],
                name="one_matter_figures_row_per_county_month_status",
            )
        ]
        indexes = [models.Index(fields=["month", "county"])]

    def __str__(self):
        return f"{self.county_id} {self.month:%Y-%m} {self.matter_id} {self.status}"


class MonthlyCounterLoad(LoadSums):
    """DailyCounterLoad summed over a county's centres and counters and a calendar month."""

    county = models.ForeignKey("centres.County", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["county", "month", "hour"], name="one_load_row_per_county_month_hour"
            )
        ]
        indexes = [models.Index(fields=["month", "county"])]

    def __str__(self):
        return f"{self.county_id} {self.month:%Y-%m} {self.hour}h"
