"""The material library (材料库): materials shared by many matters."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from guides.constants import BroughtBy


class Material(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """One kind of document an applicant brings, e.g. 居民身份证.

    Shared by many guides, so a change goes through the same provincial review
    as a guide: edits are revisions, and the row residents read is the
    approved (live) version.
    """

    name = models.CharField(_("名称"), max_length=100, unique=True)
    description = models.TextField(
        _("说明"), help_text=_("什么样的材料符合要求，用群众看得懂的话写。")
    )
    source = models.TextField(_("来源渠道"), help_text=_("到哪里开具或领取。"))
    brought_by = models.CharField(
        _("批量办理时由谁带"),
        max_length=20,
        choices=BroughtBy.choices,
        default=BroughtBy.EACH_PERSON,
        help_text=_(
            "企业为多名员工批量预约时：员工本人的材料（如劳动合同、职工身份证复印件）每人各带一份；"
            "企业的材料（如营业执照、经办人身份证、汇总表）整批只带一份。"
        ),
    )
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("填写样例"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="material")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="material",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("source"),
        FieldPanel("brought_by", widget=forms.RadioSelect),
        FieldPanel("blank_form"),
        FieldPanel("sample"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("材料")
        verbose_name_plural = _("材料库")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions
