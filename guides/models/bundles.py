"""Life-event bundles (一件事): several matters handled in one visit."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from guides.constants import Audience
from guides.models.matters import MatterPage
from guides.models.search import GuideSearchMixin


class BundlePage(GuideSearchMixin, RoutablePageMixin, Page):
    """A life-event bundle (一件事): several matters handled in one visit."""

    code = models.CharField(_("一件事编码"), max_length=16, unique=True)
    audience = models.CharField(_("服务对象"), max_length=12, choices=Audience.choices)
    common_names = models.TextField(_("俗称"), blank=True, help_text=_("每行一个，用于搜索。"))
    needs = models.TextField(
        _("群众说法"),
        blank=True,
        help_text=_("居民描述自己情况和需求的说法，每行一个，用于搜索。"),
    )
    summary = models.TextField(_("简介"))
    standard_digest = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("audience"),
        FieldPanel("common_names"),
        FieldPanel("needs"),
        FieldPanel("summary"),
        InlinePanel("bundle_matters", label=_("包含事项"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("common_names"),
        index.SearchField("needs"),
        index.SearchField("summary"),
        *GuideSearchMixin.search_fields,
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def clean(self):
        super().clean()
        self.normalise_lines()

    def checklist_inputs(self) -> tuple[list[MatterPage], list[str]]:
        """The live matters of this bundle and the situations the life event implies."""
        rows = list(
            self.bundle_matters.select_related("matter").prefetch_related(
                Prefetch("matter__situations", queryset=MatterPage.situations_prefetch().queryset)
            )
        )
        matters = [row.matter for row in rows if row.matter.live]
        situations = [row.situation_code for row in rows if row.situation_code]
        return matters, situations

    def get_context(self, request, *args, **kwargs):
        from guides.checklist import build_checklist

        context = super().get_context(request, *args, **kwargs)
        matters, situations = self.checklist_inputs()
        context["matters"] = matters
        context["checklist"] = build_checklist(matters, situation_codes=situations)
        context["show_matters"] = True
        # A new page in preview has no URL yet.
        context["index_url"] = (self.get_url(request) or "").removesuffix(f"{self.slug}/")
        return context

    @path("")
    def bundle(self, request):
        return self.render(request)

    @path("checklist/")
    def checklist(self, request):
        return self.render(request, template="guides/checklist_print.html")


class BundleMatter(Orderable):
    """A matter of a bundle, with the situation the life event implies."""

    page = ParentalKey(BundlePage, related_name="bundle_matters", on_delete=models.CASCADE)
    matter = models.ForeignKey(
        MatterPage, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+"
    )
    situation_code = models.CharField(
        _("情形编码"),
        max_length=24,
        blank=True,
        help_text=_("该事项有多个情形时，本一件事对应的情形。"),
    )

    panels = [FieldPanel("matter"), FieldPanel("situation_code")]

    class Meta(Orderable.Meta):
        verbose_name = _("包含事项")
