"""Admin: the report of searches that found nothing, under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views, indexing


class UnansweredMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "search/unanswered/",
            admin_views.UnansweredReportView.as_view(),
            name="search_unanswered",
        ),
        path(
            "search/unanswered/results/",
            admin_views.UnansweredReportView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
        path(
            "search/unanswered/<int:pk>/alias/",
            admin_views.add_alias,
            name="search_unanswered_alias",
        ),
        path(
            "search/unanswered/<int:pk>/dismiss/",
            admin_views.dismiss,
            name="search_unanswered_dismiss",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_report_menu_item():
    return UnansweredMenuItem(
        _("无结果的搜索"),
        reverse("search_unanswered"),
        name="unanswered-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("guide_index_text")
def guide_index_text(page, part: str) -> str:
    # The text guides' pages give the search index (guides.models.search).
    text_of = {
        "names": indexing.names_text,
        "body": indexing.body_text,
        "pinyin": indexing.pinyin_text,
    }
    return text_of[part](page)
