"""Ratings of the service (好差评) given by applicants after their case completes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratings.constants import ANSWER_MAX, FollowUpStatus


class Rating(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="rating", verbose_name=_("办件")
    )
    score = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("评价内容"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("评价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            )
        ]
        # The dashboards' daily figures recompute a day of ratings.
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.case_id}: {self.score}"


class FollowUpQuerySet(models.QuerySet):
    def of_centre(self, centre_id: int):
        return self.filter(centre_id=centre_id)

    def open(self):
        return self.filter(status=FollowUpStatus.OPEN)

    def overdue(self, today: dt.date):
        return self.open().filter(due_date__lt=today)


class FollowUp(models.Model):
    """A low rating (1 or 2) that the centre manager must answer by the due date."""

    rating = models.OneToOneField(
        Rating, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("评价")
    )
    # Copied from the case so that a manager's list is one indexed filter.
    centre = models.ForeignKey(
        "centres.ServiceCentre",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("便民服务中心"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    due_date = models.DateField(
        _("回复期限"), help_text=_("评价之日起若干个工作日（节假日和调休按国家安排）。")
    )
    answer = models.TextField(_("回复内容"), blank=True, max_length=ANSWER_MAX)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("回复人"),
    )
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("差评回复")
        verbose_name_plural = _("差评回复")
        indexes = [models.Index(fields=["centre", "status", "due_date"])]
        constraints = [
            # An answered item always says who answered, when and what.
            models.CheckConstraint(
                condition=(
                    models.Q(status=FollowUpStatus.OPEN, answered_at__isnull=True)
                    | (
                        models.Q(
                            status=FollowUpStatus.ANSWERED,
                            answered_at__isnull=False,
                            answered_by__isnull=False,
                        )
                        & ~models.Q(answer="")
                    )
                ),
                name="follow_up_answered_completely",
            )
        ]

    def __str__(self):
        return f"{self.rating_id}: {self.status}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Still open after its due date (answering on the due date is in time)."""
        today = today or timezone.localdate()
        return self.status == FollowUpStatus.OPEN and today > self.due_date

    @property
    def overdue(self) -> bool:
        return self.is_overdue()
