"""Routing from the home page to a guide in one query, through Wagtail's public API.

Wagtail's ``Page.route`` walks the tree a level at a time: at each level it
finds the child as a plain ``Page`` and then fetches it again as its own type,
two queries per level. Below the home page the tree has a fixed shape (home →
guide index → matter or bundle), and every page carries its full ``url_path``,
which Wagtail keeps up to date on every slug change and move. So a page that
routes to its children this way asks the deepest model that can stand at the
requested path for the page with that path, typed, in one query, and hands the
rest of the path to that page's own ``route`` (live check, RoutablePageMixin
paths) as the tree walk would.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.models import Page


class TypedChildRouting:
    """Route to a descendant by asking its own model for the page at the path."""

    @classmethod
    def child_models(cls) -> tuple[type[Page], ...]:
        """The page types that stand below this one, the most visited first."""
        raise NotImplementedError

    @classmethod
    def models_below(cls, levels: int) -> tuple[type[Page], ...]:
        """The page types ``levels`` below this one reached through typed routing alone.

        A page type that routes its own way (RoutablePageMixin, Wagtail's
        default) ends the chain: what lies below it is for its ``route``.
        """
        models = cls.child_models()
        for _level in range(levels - 1):
            models = tuple(
                dict.fromkeys(
                    child
                    for model in models
                    if issubclass(model, TypedChildRouting)
                    for child in model.child_models()
                )
            )
        return models

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return self.route_below(self.url_path, request, path_components)

    @classmethod
    def route_below(cls, url_path: str, request, path_components: list[str]):
        """Route ``path_components`` below the page of this type at ``url_path``.

        What ``route`` does for a path below the page; it needs no more of the
        page than its ``url_path``, so guides.views.serve can route from the
        site's root path without fetching the home page.
        """
        # The deepest page first: a guide is two levels below the home page.
        for levels in range(len(path_components), 0, -1):
            slug = path_components[levels - 1]
            path = url_path + "".join(f"{c}/" for c in path_components[:levels])
            for model in cls.models_below(levels):
                try:
                    # The slug is indexed; the url_path places the page on this path.
                    page = model.objects.get(slug=slug, url_path=path)
                except model.DoesNotExist:
                    continue
                if page.specific_class is not model:
                    page = page.specific  # a subtype routes and renders as itself
                return page.route(request, path_components[levels:])
        raise Http404
