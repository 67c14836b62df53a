"""What the search keeps: the queries that found nothing, for editors to act on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A query that found nothing, and how often it was asked.

    Only the words and the dates are kept, never who asked, from where or at
    what time of day: editors need to know what residents call a matter, not
    who they are.
    """

    text = models.CharField(
        _("搜索词"), max_length=100, unique=True, help_text=_("规范化后的搜索词。")
    )
    count = models.PositiveIntegerField(_("次数"), default=1)
    first_seen = models.DateField(_("首次出现"))
    last_seen = models.DateField(_("最近出现"))

    class Meta:
        verbose_name = _("无结果的搜索")
        verbose_name_plural = _("无结果的搜索")
        ordering = ["-count", "-last_seen", "text"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="unanswered_query_count_positive"
            ),
        ]

    def __str__(self):
        return self.text
