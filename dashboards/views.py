"""The dashboards: one page per scope, its tables as CSV on the same address."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dashboards.forms import PeriodForm
from dashboards.scope import RANK, Scope, home_scope, resolve_scope
from dashboards.tables import build, downloads


def scope_url(scope: Scope, query: str = "") -> str:
    if scope.level == "province":
        url = reverse("dashboard_province")
    else:
        url = reverse("dashboard_scope", args=[scope.level, scope.code])
    return f"{url}?{query}" if query else url


# Staff log in through the staff (Wagtail) login, as at the counter.
@login_required(login_url="/admin/login/")
def dashboard(request, level: str | None = None, code: str = ""):
    home = home_scope(request.user)
    scope = resolve_scope(request.user, level, code, home=home)
    form = PeriodForm(request.GET)
    period = form.period()
    if request.GET.get("format") == "csv":
        slug = request.GET.get("table", "")
        if slug not in build.BUILDERS:
            raise Http404
        if not form.is_valid():
            messages = " ".join(m for errors in form.errors.values() for m in errors)
            return HttpResponse(messages, status=400, content_type="text/plain; charset=utf-8")
        built = build.tables(scope, period, {slug})
        if not built:  # e.g. a breakdown of a single centre
            raise Http404
        return downloads.csv_response(built[0], scope, period)
    query = urlencode({"from": period.first.isoformat(), "to": period.last.isoformat()})
    lineage = [
        {"scope": s, "url": scope_url(s, query)}
        for s in scope.lineage()
        if RANK[s.level] <= RANK[home.level]
    ]
    below = scope.children()
    children = [{"scope": s, "url": scope_url(s, query)} for s in below]
    built = build.tables(scope, period, children=below)
    context = {
        "scope": scope,
        "home": home,
        "lineage": lineage if len(lineage) > 1 else [],
        "children": children,
        "form": form,
        "period": period,
        # Not "query": base.html fills the site search box with that.
        "period_query": query,
        "summary": built[0],
        "tables": built[1:],
    }
    return render(
        request, "dashboards/dashboard.html", context, status=200 if form.is_valid() else 400
    )
