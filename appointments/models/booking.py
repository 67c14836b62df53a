"""Slots, appointments and the per-person record the booking rules need."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.constants import ACTIVE_STATUSES, AppointmentStatus, Relationship
from core.personal_data import mask_id_number, mask_phone, reveal


class Slot(models.Model):
    """A bookable time range at a centre; rows are made when first needed."""

    centre = models.ForeignKey(
        "centres.ServiceCentre", on_delete=models.CASCADE, related_name="slots"
    )
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    capacity_minutes = models.PositiveIntegerField(_("可预约窗口分钟"))
    booked_minutes = models.PositiveIntegerField(_("已预约窗口分钟"), default=0)
    # The part of the online minutes that enterprise batches may take, so a
    # batch cannot take a whole morning from residents.
    batch_capacity_minutes = models.PositiveIntegerField(_("企业批量可占分钟"), default=0)
    batch_minutes = models.PositiveIntegerField(_("企业批量已占分钟"), default=0)

    class Meta:
        verbose_name = _("时段")
        verbose_name_plural = _("时段")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "start"], name="one_slot_per_centre_and_start"
            ),
            # The last line of defence: even a wrong code path cannot overbook.
            models.CheckConstraint(
                condition=models.Q(booked_minutes__lte=models.F("capacity_minutes")),
                name="slot_not_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(batch_minutes__lte=models.F("batch_capacity_minutes"))
                & models.Q(batch_minutes__lte=models.F("booked_minutes")),
                name="slot_batch_share_kept",
            ),
        ]

    def __str__(self):
        return f"{self.centre} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def free_minutes(self) -> int:
        return self.capacity_minutes - self.booked_minutes


class Person(models.Model):
    """Whoever an ID number belongs to, known only by its keyed hash.

    One row per person serialises that person's bookings (it is locked while
    booking) and carries the no-show suspension.
    """

    id_hash = models.CharField(max_length=64, unique=True)
    suspended_until = models.DateTimeField(_("暂停预约至"), null=True, blank=True)
    suspension_reason = models.CharField(_("暂停原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("预约人")
        verbose_name_plural = _("预约人")

    def __str__(self):
        return self.id_hash[:12]

    def is_suspended(self, now: dt.datetime) -> bool:
        return self.suspended_until is not None and self.suspended_until > now


class AccountStanding(models.Model):
    """A booking account's suspension: no-shows of bookings it made for other people.

    A proxy booking's no-show counts here, never against the person whose ID
    number was used, so nobody can get a neighbour suspended.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_standing"
    )
    suspended_until = models.DateTimeField(_("暂停预约至"), null=True, blank=True)
    suspension_reason = models.CharField(_("暂停原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("预约账号状态")
        verbose_name_plural = _("预约账号状态")

    def __str__(self):
        return str(self.user_id)

    def is_suspended(self, now: dt.datetime) -> bool:
        return self.suspended_until is not None and self.suspended_until > now


class AppointmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_user(self, user):
        return self.filter(booked_by=user)


class Appointment(models.Model):
    """One person's (or one batch's) booking of one or more matters.

    It draws its counter-minutes from one or more consecutive slots
    (``draws``); ``slot`` is the first of them, ``start``–``end`` the whole
    booking. A walk-in registered at the counter draws from no slot.
    """

    reference = models.CharField(_("预约号"), max_length=12, unique=True)
    centre = models.ForeignKey(
        "centres.ServiceCentre", on_delete=models.PROTECT, related_name="appointments"
    )
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    minutes = models.PositiveIntegerField(_("占用窗口分钟"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("预约账号"),
    )
    # The applicant; empty for an enterprise batch, whose people are its employees.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    people = models.PositiveIntegerField(_("人数"), default=1)
    relationship = models.CharField(
        _("与预约账号的关系"), max_length=12, choices=Relationship.choices
    )
    applicant_name = models.CharField(_("申请人姓名"), max_length=50)
    applicant_id_encrypted = models.TextField(_("身份证号（加密）"))
    applicant_phone = models.CharField(_("手机号"), max_length=20)
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["booked_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_appointment_per_submission",
            ),
        ]
        # (start): the dashboards' daily figures recompute a day of appointments.
        indexes = [models.Index(fields=["status", "start"]), models.Index(fields=["start"])]

    def __str__(self):
        return self.reference

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(reveal(self.applicant_id_encrypted))

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.applicant_phone)

    @property
    def is_batch(self) -> bool:
        return self.relationship == Relationship.ENTERPRISE

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def cancellation_deadline(self) -> dt.datetime:
        return self.start - dt.timedelta(hours=settings.BOOKING_CANCEL_CUTOFF_HOURS)

    def is_cancellable(self, now: dt.datetime) -> bool:
        return self.status == AppointmentStatus.BOOKED and now <= self.cancellation_deadline()


class SlotDraw(models.Model):
    """The counter-minutes one appointment takes from one slot."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="draws")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="draws")
    minutes = models.PositiveIntegerField(_("占用窗口分钟"))

    class Meta:
        verbose_name = _("时段占用")
        verbose_name_plural = _("时段占用")
        constraints = [
            models.UniqueConstraint(fields=["appointment", "slot"], name="one_draw_per_slot"),
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="draw_takes_minutes"),
        ]

    def __str__(self):
        return f"{self.appointment_id}@{self.slot_id}: {self.minutes}"


class AppointmentMatter(models.Model):
    """A matter of an appointment, with the guide version the applicant confirmed."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="matters")
    matter = models.ForeignKey("guides.MatterPage", on_delete=models.PROTECT, related_name="+")
    situation_code = models.CharField(max_length=24, blank=True)
    guide_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("预约事项")

    def __str__(self):
        return f"{self.appointment_id}: {self.matter_id}"


class Hold(models.Model):
    """One person's active claim on one matter, from a booking or a batch.

    The database holds the rule "one active booking per person per matter" as a
    partial unique index here, for individual bookings and batch employees alike.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="holds")
    matter = models.ForeignKey("guides.MatterPage", on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="holds")
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("事项占用")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "matter"],
                condition=models.Q(active=True),
                name="one_active_hold_per_person_and_matter",
            ),
        ]

    def __str__(self):
        return f"{self.person_id}: {self.matter_id}"
