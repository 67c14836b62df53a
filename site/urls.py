from allauth.account import views as allauth_views
from django.conf import settings
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from guides import views as guide_views
from portal import footer
from portal import views as portal_views
from portal.api import api
from search import views as search_views


def api_not_found(request, rest=""):
    return JsonResponse(
        {"detail": _("没有这个接口。"), "errors": {}},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


urlpatterns = [
    # Every login goes through allauth: the staff login at /admin/login/ asks for
    # the TOTP code and is throttled like any other, and so is the password reset.
    path("admin/login/", allauth_views.LoginView.as_view(), name="staff_login"),
    path("admin/password_reset/", allauth_views.PasswordResetView.as_view()),
    path("accounts/signup/", account_views.SignupView.as_view()),
    path("captcha/", include("captcha.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("language/", portal_views.switch_language, name="switch_language"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("search/", search_views.search, name="search"),
    path("elder-mode/", portal_views.elder_mode, name="elder_mode"),
    path("sitemap/", footer.site_map, name="site_map"),
    path("accessibility/", footer.accessibility, name="accessibility_statement"),
    path("contact/", footer.contact, name="contact_us"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    path("", include("flowback.sms.urls")),
    path("", include("centres.urls")),
    path("", include("appointments.urls")),
    path("", include("casework.urls")),
    path("", include("enterprises.urls")),
    path("", include("ratings.urls")),
    path("", include("dashboards.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += [path("", include("flowback.urls"))]

urlpatterns += [
    # Wagtail's page view with the site look-up cached (guides/views.py); Wagtail's
    # own URLs (password-protected pages) after it.
    re_path(wagtail_urls.serve_pattern, guide_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]

# Without the database and as JSON under /api/ (portal.handlers).
handler400 = "portal.handlers.bad_request"
handler500 = "portal.handlers.server_error"
