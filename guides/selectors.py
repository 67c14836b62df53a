"""Reads of the unified standard for pages and the API."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from guides.constants import Audience, Department
from guides.models import BundleMatter, BundlePage, MatterPage


def live_matters():
    return MatterPage.objects.live().order_by("code")


def live_bundles():
    return (
        BundlePage.objects.live()
        .order_by("code")
        .prefetch_related(
            Prefetch("bundle_matters", queryset=BundleMatter.objects.select_related("matter"))
        )
    )


def matters_with_materials(codes: Iterable[str]) -> list[MatterPage]:
    """Live matters in the order of ``codes``, with situations and materials prefetched."""
    codes = list(dict.fromkeys(codes))
    found = {
        m.code: m
        for m in live_matters()
        .filter(code__in=codes)
        .prefetch_related(MatterPage.situations_prefetch())
    }
    return [found[c] for c in codes if c in found]


def matter_minutes(codes: Iterable[str]) -> list[MatterPage]:
    """Live matters in the order of ``codes`` with just what capacity needs (one query)."""
    codes = list(dict.fromkeys(codes))
    found = {
        m.code: m
        for m in live_matters()
        .filter(code__in=codes)
        .only("code", "title", "bookable", "handling_minutes", "audience")
    }
    return [found[c] for c in codes if c in found]


def home_sections() -> dict:
    matters = list(live_matters())
    by_department = [
        (label, [m for m in matters if m.department == value])
        for value, label in Department.choices
    ]
    return {
        "departments": [(label, items) for label, items in by_department if items],
        "person_matters": [m for m in matters if m.audience == Audience.PERSON],
        "enterprise_matters": [m for m in matters if m.audience == Audience.ENTERPRISE],
        "bundles": list(live_bundles()),
    }


def guide_index(params) -> dict:
    matters = live_matters()
    department = params.get("department", "")
    audience = params.get("audience", "")
    if department in Department.values:
        matters = matters.filter(department=department)
    if audience in Audience.values:
        matters = matters.filter(audience=audience)
    return {
        "matters": list(matters),
        "bundles": list(live_bundles()),
        "departments": Department.choices,
        "audiences": Audience.choices,
        "selected_department": department,
        "selected_audience": audience,
    }
