"""Matter guides: the page of the 12 standard elements."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from guides.blocks import FaqBlock, LegalBasisBlock, StepBlock
from guides.constants import ELEMENTS, Audience, Department
from guides.forms import MatterPageForm
from guides.models.materials import Material
from guides.models.search import GuideSearchMixin
from guides.models.situations import Situation, SituationMaterial


class MatterPage(GuideSearchMixin, RoutablePageMixin, Page):
    """One matter's unified guide: the 12 standard elements."""

    # 1 basic information
    code = models.CharField(
        _("事项编码"), max_length=16, unique=True, help_text=_("全省统一编码，如 JS-MZ-03。")
    )
    department = models.CharField(_("主管部门"), max_length=8, choices=Department.choices)
    audience = models.CharField(_("服务对象"), max_length=12, choices=Audience.choices)
    common_names = models.TextField(
        _("俗称"), blank=True, help_text=_("群众口头的叫法，每行一个，用于搜索。")
    )
    needs = models.TextField(
        _("群众说法"),
        blank=True,
        help_text=_("居民描述自己情况和需求的说法，如“家里困难”“老人满80岁”，每行一个，用于搜索。"),
    )
    summary = models.TextField(_("事项简介"), blank=True)
    # 2, 3
    legal_basis = StreamField(
        [("provision", LegalBasisBlock())], blank=True, verbose_name=_("设定依据")
    )
    acceptance_criteria = StreamField(
        [("criterion", blocks.TextBlock(label=_("条件")))],
        blank=True,
        verbose_name=_("受理条件"),
    )
    # 4 is the situations below.
    situation_question = models.CharField(
        _("情形问题"),
        max_length=100,
        blank=True,
        help_text=_("有多个办理情形时问申请人的问题，如“您属于哪种情况？”"),
    )
    # 5
    process_steps = StreamField([("step", StepBlock())], blank=True, verbose_name=_("办理流程"))
    # 6
    legal_time_limit_days = models.PositiveSmallIntegerField(
        _("法定办结时限（工作日）"), null=True, blank=True
    )
    promised_time_limit_days = models.PositiveSmallIntegerField(
        _("承诺办结时限（工作日）"), null=True, blank=True
    )
    # 7, 8, 9, 10
    fee = models.CharField(_("收费标准"), max_length=200, blank=True)
    result_name = models.CharField(_("办理结果"), max_length=200, blank=True)
    result_description = models.TextField(_("结果送达"), blank=True)
    where_and_when = models.TextField(_("办理地点和时间"), blank=True)
    enquiry = models.TextField(_("咨询方式"), blank=True)
    complaint = models.TextField(_("投诉方式"), blank=True)
    # 11
    faq = StreamField([("qa", FaqBlock())], blank=True, verbose_name=_("常见问题"))
    # 12
    online_channel = models.TextField(_("网上办理渠道"), blank=True)
    bookable = models.BooleanField(_("可预约"), default=True)
    handling_minutes = models.PositiveSmallIntegerField(
        _("标准办理时长（分钟）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("综合窗口受理一件所需的标准分钟数，用于计算预约容量。"),
    )
    # Fingerprint of the standard file this page was last loaded from, so
    # that load_standard only writes a revision when the standard changed.
    standard_digest = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("department"),
                FieldPanel("audience"),
                FieldPanel("common_names"),
                FieldPanel("needs"),
                FieldPanel("summary"),
            ],
            heading=ELEMENTS[1],
        ),
        FieldPanel("legal_basis"),
        FieldPanel("acceptance_criteria"),
        MultiFieldPanel(
            [FieldPanel("situation_question"), InlinePanel("situations", label=_("办理情形"))],
            heading=ELEMENTS[4],
        ),
        FieldPanel("process_steps"),
        MultiFieldPanel(
            [FieldPanel("legal_time_limit_days"), FieldPanel("promised_time_limit_days")],
            heading=ELEMENTS[6],
        ),
        FieldPanel("fee"),
        MultiFieldPanel(
            [FieldPanel("result_name"), FieldPanel("result_description")], heading=ELEMENTS[8]
        ),
        FieldPanel("where_and_when"),
        MultiFieldPanel([FieldPanel("enquiry"), FieldPanel("complaint")], heading=ELEMENTS[10]),
        FieldPanel("faq"),
        MultiFieldPanel(
            [FieldPanel("online_channel"), FieldPanel("bookable"), FieldPanel("handling_minutes")],
            heading=ELEMENTS[12],
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("common_names"),
        index.SearchField("needs"),
        index.SearchField("summary"),
        index.FilterField("department"),
        index.FilterField("audience"),
        *GuideSearchMixin.search_fields,
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    base_form_class = MatterPageForm

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def __str__(self):
        return self.title

    def missing_elements(self) -> list[str]:
        """The names of the standard elements this guide does not yet have."""
        situations = list(self.situations.all())
        present = {
            1: bool(
                self.code and self.title and self.department and self.audience and self.summary
            ),
            2: bool(self.legal_basis),
            3: bool(self.acceptance_criteria),
            4: bool(situations) and all(list(s.materials.all()) for s in situations),
            5: bool(self.process_steps),
            6: bool(self.legal_time_limit_days and self.promised_time_limit_days),
            7: bool(self.fee.strip()),
            8: bool(self.result_name.strip()),
            9: bool(self.where_and_when.strip()),
            10: bool(self.enquiry.strip() and self.complaint.strip()),
            11: bool(self.faq),
            12: bool(self.online_channel.strip() and (self.handling_minutes or not self.bookable)),
        }
        return [str(ELEMENTS[n]) for n, ok in present.items() if not ok]

    def clean(self):
        super().clean()
        self.normalise_lines()
        if (
            self.legal_time_limit_days
            and self.promised_time_limit_days
            and self.promised_time_limit_days > self.legal_time_limit_days
        ):
            raise ValidationError({"promised_time_limit_days": _("承诺时限不能长于法定时限。")})

    def publish(self, revision, *args, **kwargs):
        # Every path to publishing (the editor's button, a reviewer's workflow
        # approval, load_standard) passes here, so the standard is enforced once.
        page = revision.as_object()
        missing = page.missing_elements()
        if missing:
            raise ValidationError(
                _("办事指南缺少以下要素，不能发布：%(elements)s") % {"elements": "、".join(missing)}
            )
        # A new library material is a draft until a reviewer approves it; a guide
        # listing it would show residents unreviewed text.
        ids = {m.material_id for s in page.situations.all() for m in s.materials.all()}
        drafts = Material.objects.filter(pk__in=ids, live=False).values_list("name", flat=True)
        if drafts:
            raise ValidationError(
                _("以下材料尚未通过审定，办事指南不能发布：%(materials)s")
                % {"materials": "、".join(drafts)}
            )
        return super().publish(revision, *args, **kwargs)

    @classmethod
    def situations_prefetch(cls) -> Prefetch:
        return Prefetch(
            "situations",
            queryset=Situation.objects.prefetch_related(
                Prefetch(
                    "materials",
                    queryset=SituationMaterial.objects.select_related(
                        "material", "material__blank_form", "material__sample"
                    ),
                )
            ),
        )

    def get_view_restrictions(self):
        from guides import selectors

        return selectors.view_restrictions(self, super().get_view_restrictions)

    def get_context(self, request, *args, **kwargs):
        from guides import selectors

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A draft's situations live in memory, not in the database rows.
            situations = selectors.SituationView.of_matter(self)
            history = []
        else:
            situations, history = selectors.guide_reads(self)
        # The site as guides.views.serve found it (cached), not a second look-up;
        # a new page in preview has no URL yet.
        url = self.relative_url(selectors.site_for_request(request), request) or ""
        # 我的情形: a plain link per situation (?situation=…), so it works without JavaScript.
        wanted = request.GET.get("situation", "")
        chosen = next((s for s in situations if s.code == wanted), None)
        context.update(
            situations=situations,
            shown_situations=[chosen] if chosen else situations,
            chosen_situation=chosen,
            unknown_situation=bool(wanted) and chosen is None,
            # Worked out once here rather than once per situation in the template.
            several_situations=len(situations) > 1,
            history=history,
            page_url=url,
            index_url=url.removesuffix(f"{self.slug}/"),
            checklist_url=f"{url}checklist/",
            # Looked up once; get_FOO_display hashes every lazy label on each call.
            department_label=dict(Department.choices).get(self.department, self.department),
            audience_label=dict(Audience.choices).get(self.audience, self.audience),
        )
        return context

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("checklist/")
    def checklist(self, request):
        from guides.checklist import build_checklist

        models.prefetch_related_objects([self], self.situations_prefetch())
        wanted = request.GET.getlist("situation")
        lines = build_checklist([self], situation_codes=wanted)
        return self.render(
            request,
            template="guides/checklist_print.html",
            context_overrides={"checklist": lines, "show_matters": False},
        )
