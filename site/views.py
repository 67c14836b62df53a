"""Project-wide views that belong to no app."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

ELDER_COOKIE = "elder_mode"


@require_POST
def elder_mode(request):
    """Switch the large-type mode on or off; it is remembered for a year."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("elder") == "on":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE)
    return response


def elder_mode_context(request):
    return {"elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1"}
