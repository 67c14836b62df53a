"""Choices and the list of the 12 standard guide elements."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.TextChoices):
    RS = "人社", _("人社")
    YB = "医保", _("医保")
    MZ = "民政", _("民政")
    SW = "税务", _("税务")
    GJ = "公积金", _("公积金")
    SC = "市场监管", _("市场监管")
    CL = "残联", _("残联")
    WJ = "卫健", _("卫健")
    GA = "公安", _("公安")


class Audience(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    ORIGINAL_AND_COPY = "original_and_copy", _("原件及复印件")


class Medium(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    PAPER_OR_ELECTRONIC = "paper_or_electronic", _("纸质或电子")


class BroughtBy(models.TextChoices):
    """Who brings a material when an enterprise books a batch of employees.

    The labels are the headings of the batch's checklist, so an editor picks
    the very words an HR officer reads.
    """

    EACH_PERSON = "each_person", _("每名员工各带一份")
    ORGANISATION = "organisation", _("企业带一份")


# The 12 standard elements every published guide must have, in the order of
# the provincial standard. The number is how editors and reviewers refer to them.
ELEMENTS = {
    1: _("基本信息"),
    2: _("设定依据"),
    3: _("受理条件"),
    4: _("材料清单"),
    5: _("办理流程"),
    6: _("办理时限"),
    7: _("收费标准"),
    8: _("办理结果"),
    9: _("办理地点和时间"),
    10: _("咨询和投诉"),
    11: _("常见问题"),
    12: _("网上办理和预约"),
}
