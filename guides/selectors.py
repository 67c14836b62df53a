"""Reads of the unified standard for pages and the API."""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils import timezone
from wagtail.models import Site

from core import generations
from guides.checklist import ChecklistLine, situation_lines
from guides.constants import Audience, Department
from guides.history import Change, publication_history
from guides.life_events import LIFE_EVENTS
from guides.models import BundleMatter, BundlePage, MatterPage

# Part of every cached guide read's key: bumped when something a guide shows
# but its own revision does not hold changes (a library material, a document).
GENERATION_KEY = "guides:generation"
# The home page's most used matters: the top few of the last quarter's
# bookings, counted at most once an hour.
MOST_USED = 6
MOST_USED_DAYS = 90
MOST_USED_SECONDS = 3600
# Keys change with every publish; the timeout only clears out old entries.
GUIDE_READS_SECONDS = 24 * 3600


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


def cached_matters_with_materials(codes: Iterable[str], *, stamp: tuple) -> list[MatterPage]:
    """``matters_with_materials`` from the cache, read again whenever the ``stamp`` changes.

    ``stamp``: how many of the codes are live matters and the sum of their live
    revisions' ids, which the caller read in a query it makes anyway; a
    publication or an unpublication changes it. A change of what the guides
    show but their revisions do not hold (a library material, a document)
    changes the generation, as for the guide pages' cached reads.
    """
    codes = list(dict.fromkeys(codes))
    key = f"guides:matters:{'-'.join(map(str, stamp))}:{','.join(codes)}"
    return _held(key, lambda: matters_with_materials(codes))


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


def most_booked_codes(*, limit: int = MOST_USED) -> list[str]:
    """Codes of the resident matters booked most in the last days, most first (cached).

    Bookings belong to the appointments app, which builds on this one; it is
    asked through the app registry so that guides imports nothing above it.
    """

    def count() -> list[str]:
        try:
            booked = apps.get_model("appointments", "AppointmentMatter")
        except LookupError:
            return []
        since = timezone.now() - datetime.timedelta(days=MOST_USED_DAYS)
        rows = (
            booked.objects.filter(
                appointment__created_at__gte=since, matter__audience=Audience.PERSON
            )
            .values("matter__code")
            .annotate(n=Count("id"))
            .order_by("-n", "matter__code")[:limit]
        )
        return [row["matter__code"] for row in rows]

    return cache.get_or_set("guides:most-booked", count, MOST_USED_SECONDS)


def home_sections() -> dict:
    matters = list(live_matters())
    bundles = list(live_bundles())
    by_code = {m.code: m for m in [*matters, *bundles]}
    by_department = [
        (label, [m for m in matters if m.department == value])
        for value, label in Department.choices
    ]
    return {
        "most_used": [by_code[c] for c in most_booked_codes() if c in by_code],
        "life_events": [
            (event, [by_code[c] for c in event.codes if c in by_code]) for event in LIFE_EVENTS
        ],
        "departments": [(label, items) for label, items in by_department if items],
        "bundles": bundles,
        "enterprise_bundles": [b for b in bundles if b.audience == Audience.ENTERPRISE],
        "enterprise_matters": [m for m in matters if m.audience == Audience.ENTERPRISE],
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


def generation() -> int:
    return generations.current(GENERATION_KEY)


def bump_generation() -> None:
    generations.bump(GENERATION_KEY)


@functools.cache
def _models_shape() -> str:
    """A digest of every model's fields, part of the cached reads' keys.

    The reads keep model instances; after a deploy that changes a model, the
    new code must not get back instances pickled by the old one (missing or
    stale fields) from a cache that both share during the rolling upgrade.
    """
    shape = sorted(
        (model._meta.label, tuple(f.attname for f in model._meta.concrete_fields))
        for model in apps.get_models()
    )
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:12]


def _held(key: str, read: Callable[[], Any]) -> Any:
    """``read()``, kept in the cache under ``key`` for the current generation.

    The generation is stored beside the value rather than in the key, so that
    the number and the value come back in one round trip to the cache. A
    ``None`` answer is not kept.
    """
    key = f"{key}:{_models_shape()}"
    held = cache.get_many([GENERATION_KEY, key])
    current = held.get(GENERATION_KEY) or generation()
    known = held.get(key)
    if known is not None and known[0] == current:
        return known[1]
    value = read()
    if value is not None:
        cache.set(key, (current, value), GUIDE_READS_SECONDS)
    return value


@dataclass(frozen=True)
class SituationView:
    """A situation as the guide page shows it, with its material list."""

    code: str
    name: str
    description: str
    lines: list[ChecklistLine]

    @classmethod
    def of_matter(cls, matter: MatterPage) -> list[SituationView]:
        """From the page object itself (a preview's draft holds its situations in memory)."""
        prefetch_related_objects([matter], MatterPage.situations_prefetch())
        return [
            cls(s.code, s.name, s.description, situation_lines(s, matter_code=matter.code))
            for s in matter.situations.all()
        ]


def guide_reads(matter: MatterPage) -> tuple[list[SituationView], list[Change]]:
    """The live guide's situations with their material lists, and what each
    publication changed (newest first), from the cache when it can.

    One entry for both: the guide page needs both, in one round trip. The
    live revision is in the key, so a publish shows at once.
    """
    return _held(
        f"guides:guide:{matter.pk}:{matter.live_revision_id}",
        lambda: (SituationView.of_matter(matter), publication_history(matter)),
    )


def view_restrictions(page, read) -> list:
    """Wagtail's own answer to "which view restrictions apply to ``page``", cached.

    Wagtail asks on every request (the page's ancestors, then their
    restrictions). The answer changes only when a restriction is saved or
    deleted (which bumps the generation) or the page moves (its path is in
    the key); ``read`` is Wagtail's ``get_view_restrictions``.
    """
    key = f"guides:restrictions:{page.pk}:{page.path}:{page.alias_of_id}"
    return _held(key, lambda: list(read()))


def site_for_request(request) -> Site | None:
    """Wagtail's ``Site.find_for_request``, kept in the cache per host and port.

    Wagtail asks the database on every request; its answer depends only on
    the request's host and port and on the Site rows, and saving or deleting
    a Site bumps the generation (guides/signals.py). No site is not cached.
    """
    key = f"guides:site:{request.get_host()}:{request.get_port()}"
    return _held(key, lambda: Site.find_for_request(request))
