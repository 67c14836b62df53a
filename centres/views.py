"""A service centre's public page: hours, phone, address and how to get there."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from centres import centre_info, selectors
from centres.models import City, ServiceCentre

# A directory query lists at most this many centres; a narrower query finds the rest.
DIRECTORY_LIMIT = 50


def directory(request):
    """Find a centre by name, county, city or address; without a query, the cities."""
    q = request.GET.get("q", "").strip()[:50]
    found = list(selectors.centres(q)[: DIRECTORY_LIMIT + 1]) if q else []
    return render(
        request,
        "centres/centre_directory.html",
        {
            "q": q,
            "centres": found[:DIRECTORY_LIMIT],
            "more": len(found) > DIRECTORY_LIMIT,
            "cities": City.objects.order_by("code") if not q else [],
        },
    )


def centre_page(request, code):
    centre = get_object_or_404(
        ServiceCentre.objects.select_related("county__city").prefetch_related(
            "sessions", "overrides"
        ),
        code=code,
    )
    now = timezone.now()
    return render(
        request,
        "centres/centre.html",
        {
            "centre": centre,
            "week": centre_info.week(centre, timezone.localdate(now)),
            "next_open": centre_info.next_open(centre, now),
            "open_now": centre_info.open_now(centre, now),
            "tel": centre_info.tel_href(centre.phone),
            "map_links": centre_info.map_links(centre),
            "hotline": centre_info.HOTLINE,
        },
    )
