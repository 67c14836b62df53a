"""The site's front page and the guide index."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from guides.models.bundles import BundlePage
from guides.models.matters import MatterPage


class TypedChildRouting:
    """Route to a child by asking its own model, in one query.

    Page.route finds the child as a plain Page and then fetches it again as its
    own type; on the way to a guide, the hottest page, that is two queries per
    level. The child's own ``route`` (live check, RoutablePageMixin paths) runs
    as usual.
    """

    def child_models(self) -> tuple[type[Page], ...]:
        raise NotImplementedError

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        for model in self.child_models():
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                return child.route(request, path_components[1:])
        raise Http404


class HomePage(TypedChildRouting, Page):
    """The site's front page: find a matter by department, audience or life event."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guides.GuideIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def child_models(self):
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

    def child_models(self):
        return (MatterPage, BundlePage)

    def get_context(self, request, *args, **kwargs):
        from guides import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guide_index(request.GET))
        return context
