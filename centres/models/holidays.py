"""The State Council's holiday calendar, one per year, kept as data.

chinese-calendar seeds the years it knows (appointments migration 0007); the State Council
publishes next year's schedule each November, and a provincial administrator
enters and confirms it in the admin. A year without a confirmed calendar has
no bookable day and no working day (see centres.calendar.day_kind).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class HolidayDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class HolidayCalendar(ClusterableModel):
    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    confirmed = models.BooleanField(
        _("已确认"),
        default=False,
        help_text=_(
            "按国务院办公厅当年的放假安排通知核对全部日期后勾选。"
            "未确认的年份，任何日期都不能预约，也不计为工作日。"
        ),
    )
    source = models.CharField(
        _("依据"), max_length=120, blank=True, help_text=_("例如通知的文号。")
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("source"),
        InlinePanel("days", label=_("放假和调休上班的日期")),
        FieldPanel("confirmed"),
    ]

    class Meta:
        db_table = "appointments_holidaycalendar"
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["-year"]

    def __str__(self):
        return _("%(year)s 年节假日安排") % {"year": self.year}


class HolidayCalendarDay(models.Model):
    """A statutory holiday, or a weekend day worked in exchange (调休上班)."""

    calendar = ParentalKey(HolidayCalendar, related_name="days", on_delete=models.CASCADE)
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=8, choices=HolidayDayKind.choices)
    name = models.CharField(_("节日"), max_length=20, blank=True, help_text=_("例如：春节"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        db_table = "appointments_holidaycalendarday"
        verbose_name = _("日期")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="one_entry_per_holiday_date"),
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        if self.date and self.calendar_id and self.date.year != self.calendar.year:
            raise ValidationError({"date": _("日期不在本年度内。")})
        if self.date and self.kind == HolidayDayKind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": _("调休上班的日期应是星期六或星期日。")})
