"""The site's front page and the guide index."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from guides.models.bundles import BundlePage
from guides.models.matters import MatterPage
from guides.routing import TypedChildRouting


class HomePage(TypedChildRouting, Page):
    """The site's front page: find a matter by department, audience or life event."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guides.GuideIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    @classmethod
    def child_models(cls):
        return (GuideIndexPage,)

    def get_context(self, request, *args, **kwargs):
        from guides import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_sections())
        return context


class GuideIndexPage(TypedChildRouting, Page):
    """The list of all guides, filterable by department and audience."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    subpage_types = ["guides.MatterPage", "guides.BundlePage"]

    class Meta:
        verbose_name = _("办事指南目录")

    @classmethod
    def child_models(cls):
        return (MatterPage, BundlePage)

    def get_context(self, request, *args, **kwargs):
        from guides import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guide_index(request.GET))
        return context
