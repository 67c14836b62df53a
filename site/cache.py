"""Whole-page cache for anonymous readers of the guides.

Guides are the same for every anonymous reader, so the rendered page is kept
in the cache, keyed by path, language and elder mode. Any publish, unpublish
or delete of a page bumps a generation number that is part of the key, so a
reviewer's approval is visible at once. Nothing with personal data is cached:
only anonymous GETs of the public guide pages, and only responses that set
no cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from core import generations
from guides.models import Material
from portal.views import ELDER_COOKIE

GENERATION_KEY = "page-cache:generation"
CACHED_PREFIXES = ("/guides/",)
NO_STORE_PREFIXES = (
    "/appointments/",
    "/book/confirm/",
    "/api/v1/appointments",
    "/accounts/",
    "/t/",
    "/dashboard/",
    "/rate/",
    # Counter, reveal, enterprise and admin pages show personal data (issue 15).
    "/counter/",
    "/api/v1/counter",
    "/enterprise/",
    "/api/v1/batches",
    "/admin/",
)


def _generation() -> int:
    return generations.current(GENERATION_KEY)


@receiver(page_published)
@receiver(page_unpublished)
# Guides show the approved material's text: an approval replaces the old one everywhere.
@receiver(published, sender=Material)
@receiver(unpublished, sender=Material)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_pages(**kwargs) -> None:
    generations.bump(GENERATION_KEY)


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and (request.path == "/" or request.path.startswith(CACHED_PREFIXES))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if request.path.startswith(NO_STORE_PREFIXES):
            response = self.get_response(request)
            response["Cache-Control"] = "no-store"
            return response
        if not self.timeout or not _cacheable(request):
            return self.get_response(request)
        key = "page-cache:{}:{}:{}:{}".format(
            _generation(),
            request.LANGUAGE_CODE,
            request.COOKIES.get(ELDER_COOKIE, ""),
            request.get_full_path(),
        )
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            response["Content-Language"] = request.LANGUAGE_CODE
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), self.timeout)
            response["X-Page-Cache"] = "miss"
        return response
