"""The view that serves every Wagtail page: Wagtail's own, with the site from the cache.

``wagtail.views.serve`` asks ``Site.find_for_request``, which queries the
database on every request; on an uncached guide that query (a CASE ordering
joined to the root page) cost about a quarter of the response time. This view
is Wagtail's, step for step and through its public API only: find the site
(here from ``selectors.site_for_request``, which caches Wagtail's own answer
per host and port), let the site's root page route the path (``Page.route``;
below the home page, without fetching it: ``route``), then the
``before_serve_page`` and ``on_serve_page`` hooks (view restrictions, allowed
methods) and ``serve_chain``. tests/guides/test_serve.py holds it to
Wagtail's view page by page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve_chain

from guides import selectors
from guides.routing import TypedChildRouting


def serve(request, path):
    site = selectors.site_for_request(request)
    if site is None:
        raise Http404
    path_components = [component for component in path.split("/") if component]
    page, args, kwargs = route(site, request, path_components)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)


def route(site, request, path_components):
    """What ``site.root_page.localized.specific.route`` answers.

    Below a home page that routes by type (guides.routing), the answer needs
    only the root page's url_path, which Wagtail's own cached
    ``Site.get_site_root_paths`` holds (cleared whenever a site's root page is
    saved): the home page itself is not fetched.
    """
    root = site.root_page
    if (
        path_components
        and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        and issubclass(root.specific_class, TypedChildRouting)
    ):
        for root_path in Site.get_site_root_paths():
            if root_path.site_id == site.pk:
                return root.specific_class.route_below(
                    root_path.root_path, request, path_components
                )
    return root.localized.specific.route(request, path_components)
