"""Cases (办件) opened at the counter, the hall queue, and the audit trail of personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.constants import AccessAction, CaseAction, CaseStatus, QueueStatus


class DailySequence(models.Model):
    """The last number given at a centre on a day, per kind (cases, queue numbers)."""

    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date", "kind"], name="one_sequence_per_centre_day_kind"
            )
        ]

    def __str__(self):
        return f"{self.centre_id} {self.date} {self.kind} {self.last}"


class Case(models.Model):
    """What intake opens: one applicant's matters handled at one visit."""

    case_number = models.CharField(_("办件编号"), max_length=32, unique=True)
    centre = models.ForeignKey(
        "centres.ServiceCentre", on_delete=models.PROTECT, related_name="cases"
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("预约"),
    )
    # For a batch: the employee this case is for (one case each); empty otherwise.
    employee = models.OneToOneField(
        "enterprises.BatchEmployee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices)
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受理人"),
    )
    notes = models.TextField(_("备注"), blank=True)
    missing = models.JSONField(_("需补正的材料"), default=list, blank=True)
    # The times of a visit: arrival (scan or walk-in registration), the call to a
    # counter, the intake form opened, the case opened (accepted or returned),
    # all materials in (at once, or on the 补正 return visit), and closure.
    scanned_at = models.DateTimeField(_("扫码时间"))
    called_at = models.DateTimeField(_("叫号时间"), null=True, blank=True)
    intake_started_at = models.DateTimeField(_("开始受理时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    complete_at = models.DateTimeField(_("材料齐全时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    close_reason = models.CharField(_("不予受理原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment"],
                condition=models.Q(employee__isnull=True),
                name="one_case_per_individual_appointment",
            )
        ]
        # The dashboards' daily figures recompute a day of cases by arrival.
        indexes = [models.Index(fields=["scanned_at"])]

    def __str__(self):
        return self.case_number

    @property
    def waiting_seconds(self) -> int | None:
        """From arrival to the call: the time spent waiting in the hall."""
        if self.called_at is None:
            return None
        return int((self.called_at - self.scanned_at).total_seconds())

    @property
    def counter_seconds(self) -> int | None:
        """From the call to the case opened: the time at the counter."""
        if self.called_at is None:
            return None
        return int((self.accepted_at - self.called_at).total_seconds())

    @property
    def handling_seconds(self) -> int | None:
        """From all materials in to closure; a 补正 case's days away do not count."""
        if self.closed_at is None:
            return None
        start = self.complete_at or self.accepted_at
        return max(int((self.closed_at - start).total_seconds()), 0)


class CaseStep(models.Model):
    """One entry of a case's history: who did what, when, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("操作"), max_length=20, choices=CaseAction.choices)
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("办件记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.action}"


class CaseMaterial(models.Model):
    """One checklist line as the clerk ticked it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey("guides.Material", on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField()
    received = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "material"], name="one_line_per_case_material")
        ]

    def __str__(self):
        return f"{self.case_id}: {self.material_id}"


class AccessLog(models.Model):
    """Who looked at whose personal data, and when; centre managers read it."""

    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=12, choices=AccessAction.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("个人信息查看记录")
        ordering = ["-at"]
        indexes = [models.Index(fields=["centre", "-at"])]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.appointment_id}"


class QueueTicket(models.Model):
    """A place in the hall queue: a checked-in appointment or a walk-in."""

    centre = models.ForeignKey("centres.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    number = models.CharField(_("排队号"), max_length=8)
    appointment = models.OneToOneField(
        "appointments.Appointment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="queue_ticket",
    )
    # When this person is due to be called (see casework.services.queue: the
    # appointment's start, or a walk-in's arrival plus the booking's lead).
    sort_at = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=QueueStatus.choices, default=QueueStatus.WAITING
    )
    counter = models.PositiveSmallIntegerField(_("窗口号"), null=True, blank=True)
    called_at = models.DateTimeField(null=True, blank=True)
    # Arrival: the scan, or the walk-in's registration or number.
    created_at = models.DateTimeField(default=timezone.now)
    intake_started_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("排队号")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date", "number"], name="one_queue_number_per_centre_day"
            )
        ]
        indexes = [models.Index(fields=["centre", "date", "status", "sort_at"])]

    def __str__(self):
        return self.number
