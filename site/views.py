"""Project-wide views that belong to no app."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

ELDER_COOKIE = "elder_mode"
YEAR = 365 * 24 * 3600

# Both switches are plain links (GET): they only set a display preference in
# a cookie, so they need no CSRF token, and pages that carry them stay
# cacheable for every anonymous reader.


def _back(request) -> HttpResponseRedirect:
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)


def elder_mode(request):
    """Switch the large-type mode on or off; it is remembered for a year."""
    response = _back(request)
    if request.GET.get("elder") == "on":
        response.set_cookie(ELDER_COOKIE, "1", max_age=YEAR, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE)
    return response


def switch_language(request):
    response = _back(request)
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=YEAR, samesite="Lax")
    return response


def elder_mode_context(request):
    from django.utils.translation import get_language

    # Guide content is Chinese only: in another interface language it is marked
    # as Chinese so that screen readers read it with a Chinese voice.
    other_language = not (get_language() or "").startswith("zh")
    return {
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "zh_content": ' lang="zh-hans"' if other_language else "",
    }


def robots_txt(request):
    """Served by Django itself (not WhiteNoise), so it passes the whole middleware stack."""
    from django.http import HttpResponse

    return HttpResponse(
        "User-agent: *\nDisallow: /admin/\nDisallow: /appointments/\nDisallow: /t/\nDisallow: /search/\nDisallow: /api/\nDisallow: /rate/\nDisallow: /counter/\nDisallow: /dashboard/\n",
        content_type="text/plain; charset=utf-8",
    )
