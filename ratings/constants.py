"""Choices of ratings: the five levels of the 好差评 standard and follow-up states."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The national 好差评 scale: 5 is best. Scores up to LOW_SCORE are 差评 and
# open a follow-up for the centre manager.
SCORES = {
    5: _("非常满意"),
    4: _("满意"),
    3: _("基本满意"),
    2: _("不满意"),
    1: _("非常不满意"),
}
LOW_SCORE = 2
COMMENT_MAX = 500
ANSWER_MAX = 2000


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("待回复")
    ANSWERED = "answered", _("已回复")
