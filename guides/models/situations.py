"""A matter's situations (办理情形) and the lines of their material lists."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from guides.compare import MaterialListPanel
from guides.constants import MaterialForm, Medium


class Situation(Orderable, ClusterableModel):
    """A variant of a matter (办理情形) with its own ordered material list."""

    page = ParentalKey("guides.MatterPage", related_name="situations", on_delete=models.CASCADE)
    code = models.CharField(_("情形编码"), max_length=24, help_text=_("如 JS-MZ-03-02。"))
    name = models.CharField(_("情形名称"), max_length=60)
    description = models.TextField(_("适用情况"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        MaterialListPanel("materials", label=_("材料")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("办理情形")
        verbose_name_plural = _("办理情形")

    def __str__(self):
        return self.name


class SituationMaterial(Orderable):
    """One line of a situation's material list."""

    situation = ParentalKey(Situation, related_name="materials", on_delete=models.CASCADE)
    material = models.ForeignKey(
        "guides.Material", verbose_name=_("材料"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(
        _("原件/复印件"), max_length=20, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    medium = models.CharField(
        _("载体"), max_length=20, choices=Medium.choices, default=Medium.PAPER
    )
    required = models.BooleanField(_("必须提交"), default=True)
    condition = models.CharField(
        _("提交条件"), max_length=200, blank=True, help_text=_("非必须材料在什么情况下需要提交。")
    )
    note = models.TextField(_("要求说明"), blank=True)

    panels = [
        FieldPanel("material"),
        FieldPanel("form"),
        FieldPanel("copies"),
        FieldPanel("medium"),
        FieldPanel("required"),
        FieldPanel("condition"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("材料要求")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(copies__gte=1), name="situation_material_copies_positive"
            ),
        ]

    def clean(self):
        if not self.required and not self.condition.strip():
            raise ValidationError({"condition": _("非必须材料请写明在什么情况下需要提交。")})
