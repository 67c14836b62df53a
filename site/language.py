"""The interface language: Chinese unless the reader chose English with the switch.

Django's LocaleMiddleware falls back to the browser's Accept-Language, so a
phone set to English got English pages and printouts nobody at the counter
reads. Here only the language cookie set by the switch (portal.views.switch_language)
counts; without it the site is in settings.LANGUAGE_CODE.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    value = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if value:
        try:
            return translation.get_supported_language_variant(value)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the chosen language for the request, in LocaleMiddleware's place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The page depends on the cookie, never on Accept-Language.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
