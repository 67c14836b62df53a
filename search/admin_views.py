"""The editors' report of searches that found nothing, and what they can do from it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from core.spreadsheets import neutralise
from guides.models import BundlePage, MatterPage
from search import services
from search.models import UnansweredQuery

# Who sees the report: whoever may add, edit or publish pages (county editors
# and provincial reviewers), as for Wagtail's own page reports.
PAGE_ACTIONS = ["add", "change", "publish"]


def may_see_report(user) -> bool:
    return policy_registry.get_by_type(Page).user_has_any_permission(user, PAGE_ACTIONS)


def guide_choices() -> list[tuple[int, str]]:
    """The live matters and bundles, as choices for "add as alias to"."""
    pages = [
        *MatterPage.objects.live().order_by("code"),
        *BundlePage.objects.live().order_by("code"),
    ]
    return [(page.pk, f"{page.code} {page.title}") for page in pages]


class UnansweredReportView(ReportView):
    page_title = gettext_lazy("无结果的搜索")
    header_icon = "search"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    results_template_name = "search/admin/unanswered_results.html"
    any_permission_required = PAGE_ACTIONS
    list_export = ["text", "count", "first_seen", "last_seen"]
    export_headings = {
        "text": gettext_lazy("搜索词"),
        "count": gettext_lazy("次数"),
        "first_seen": gettext_lazy("首次出现"),
        "last_seen": gettext_lazy("最近出现"),
    }

    # Queries are what anyone typed: never a live formula in the editor's Excel.
    custom_field_preprocess = {"text": {"csv": neutralise}}

    @cached_property
    def permission_policy(self):
        # The rows are queries, but who may see them is a question about pages.
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return services.unanswered_queries()

    def get_filename(self):
        return f"unanswered-searches-{datetime.date.today():%Y-%m-%d}"

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if not self.is_export:
            best = services.best_hits([row.text for row in rows])
            for row in rows:
                row.found_now = best[row.text]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guides"] = guide_choices()
        return context


@require_POST
def add_alias(request, pk: int):
    """Add the query to the chosen guide's draft, as an alias (俗称) or, with
    ``as=need``, as a residents' phrasing of a need (群众说法); then open that draft."""
    if not may_see_report(request.user):
        raise PermissionDenied
    row = get_object_or_404(UnansweredQuery, pk=pk)
    page = get_object_or_404(Page, pk=request.POST.get("page") or 0).specific
    field = request.POST.get("as") or services.ALIAS
    try:
        services.add_phrasing(page=page, phrase=row.text, field=field, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("search_unanswered")
    if field == services.NEED:
        message = _(
            "已把“%(alias)s”加入《%(title)s》的群众说法草稿。提交审核并发布后，搜索即可找到。"
        )
    else:
        message = _("已把“%(alias)s”加入《%(title)s》的俗称草稿。提交审核并发布后，搜索即可找到。")
    messages.success(request, message % {"alias": row.text, "title": page.title})
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@require_POST
def dismiss(request, pk: int):
    """Take a query off the report."""
    if not may_see_report(request.user):
        raise PermissionDenied
    row = get_object_or_404(UnansweredQuery, pk=pk)
    services.dismiss_unanswered(query_id=row.pk)
    messages.success(request, _("已移除“%(text)s”。") % {"text": row.text})
    return redirect("search_unanswered")
