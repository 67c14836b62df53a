"""Service centres in their city and county, with weekly hours and date overrides.

The tables keep the names they had in ``appointments`` (see centres.models).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from centres.constants import OverrideKind, Weekday


class City(models.Model):
    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    name = models.CharField(_("设区市"), max_length=40)

    class Meta:
        db_table = "appointments_city"
        verbose_name = _("设区市")
        verbose_name_plural = _("设区市")
        ordering = ["code"]

    def __str__(self):
        return self.name


class County(models.Model):
    city = models.ForeignKey(
        City, verbose_name=_("设区市"), on_delete=models.PROTECT, related_name="counties"
    )
    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    name = models.CharField(_("县（市、区）"), max_length=40)

    class Meta:
        db_table = "appointments_county"
        verbose_name = _("县（市、区）")
        verbose_name_plural = _("县（市、区）")
        ordering = ["code"]

    def __str__(self):
        return f"{self.city.name}{self.name}"


IDENTITY_PERMISSION = "centres.add_servicecentre"


class ServiceCentre(index.Indexed, ClusterableModel):
    """A township or street service centre (便民服务中心) and its booking rules."""

    county = models.ForeignKey(
        County, verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="centres"
    )
    code = models.CharField(
        _("中心编码"), max_length=16, unique=True, help_text=_("用于办件编号。")
    )
    name = models.CharField(_("名称"), max_length=80)
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    directions = models.TextField(
        _("怎么去"),
        blank=True,
        help_text=_("公交、地铁站和停车等到中心的路线说明，显示在中心的公开页面上。"),
    )
    counters = models.PositiveSmallIntegerField(
        _("综合窗口数"), default=3, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("时段长度（分钟）"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    walk_in_share = models.PositiveSmallIntegerField(
        _("现场号保留比例（%）"),
        default=30,
        validators=[MaxValueValidator(90)],
        help_text=_("每个时段留给现场办事群众（老年人、没有智能手机的人）的比例，不开放网上预约。"),
    )
    batch_share = models.PositiveSmallIntegerField(
        _("企业批量可占比例（%）"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("每个时段的网上预约分钟中，企业批量预约最多可占的比例，其余留给居民。"),
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("可提前预约天数"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    same_day_cutoff = models.TimeField(
        _("当日预约截止时间"),
        default=dt.time(11, 0),
        help_text=_("过了这个时间不能再预约当天的时段。"),
    )

    panels = [
        # Where a centre sits and what it is called are set by whoever may create centres
        # (province administrators); a centre manager's form leaves these fields out, so a
        # posted county, code or name is ignored.
        FieldPanel("county", permission=IDENTITY_PERMISSION),
        FieldPanel("code", permission=IDENTITY_PERMISSION),
        FieldPanel("name", permission=IDENTITY_PERMISSION),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("directions"),
        MultiFieldPanel(
            [
                FieldPanel("counters"),
                FieldPanel("slot_minutes"),
                FieldPanel("walk_in_share"),
                FieldPanel("batch_share"),
                FieldPanel("booking_horizon_days"),
                FieldPanel("same_day_cutoff"),
            ],
            heading=_("预约规则"),
        ),
        InlinePanel("sessions", label=_("每周开放时段")),
        InlinePanel("overrides", label=_("特殊日期")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
    ]

    class Meta:
        db_table = "appointments_servicecentre"
        verbose_name = _("便民服务中心")
        verbose_name_plural = _("便民服务中心")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def online_minutes_per_slot(self) -> int:
        """Counter-minutes of one slot that may be booked online."""
        total = self.counters * self.slot_minutes
        return total * (100 - self.walk_in_share) // 100

    @property
    def batch_minutes_per_slot(self) -> int:
        """Online counter-minutes of one slot that enterprise batches may take."""
        return self.online_minutes_per_slot * self.batch_share // 100


class OpeningSession(models.Model):
    """A weekly opening session, e.g. Monday 9:00–12:00."""

    centre = ParentalKey(ServiceCentre, related_name="sessions", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"))

    panels = [FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")]

    class Meta:
        db_table = "appointments_openingsession"
        verbose_name = _("开放时段")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间必须晚于开始时间。")})


class CalendarOverride(models.Model):
    """A date on which a centre departs from its usual calendar."""

    centre = ParentalKey(ServiceCentre, related_name="overrides", on_delete=models.CASCADE)
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=8, choices=OverrideKind.choices)
    start = models.TimeField(
        _("开始"),
        null=True,
        blank=True,
        help_text=_("开放日可只开放部分时间；留空则按平时的工作日时段。"),
    )
    end = models.TimeField(_("结束"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=100, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("kind"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("reason"),
    ]

    class Meta:
        db_table = "appointments_calendaroverride"
        verbose_name = _("特殊日期")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date"], name="one_override_per_centre_and_date"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        if (self.start is None) != (self.end is None):
            raise ValidationError(_("开始和结束时间要么都填，要么都不填。"))
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间必须晚于开始时间。")})
