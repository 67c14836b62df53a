"""Reads for the search: the catalogue of live matters and bundles, the full-text
index's order, and the report of unanswered queries.

The catalogue (names, aliases, residents' phrasings and the URL of every live
matter and bundle, about thirty pages by design of the reform) is read from
the database once and kept in the process, with everything the matching works
out from it (pinyin, bigrams, rarities). Each query asks the database one
small question instead: how many matters and bundles are live and when one
was last published. A publication, an unpublication, a deletion or a test's
rolled-back transaction changes that answer, and the next query in every
process reads the catalogue again; so an alias or phrasing is found from the
moment its page is published, and never before. What no publication records
(a page moved, a site's root changed) is read again after ``MAX_AGE``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from guides.models import BundlePage, MatterPage
from search import matching, text
from search.models import UnansweredQuery
from search.terms import BUNDLE, MATTER, Entry

# Seconds after which the catalogue is read again even when no page was published.
MAX_AGE = 300


@dataclass(frozen=True)
class Catalogue:
    """The live matters and bundles as the search needs them."""

    entries: tuple[Entry, ...]
    urls: dict[int, str]
    stamp: tuple
    loaded: float

    def warm(self) -> Catalogue:
        """Work out now, not in a resident's query, what the matching derives."""
        for entry in self.entries:
            entry.terms  # noqa: B018 (cached properties: pinyin of each name and alias)
            entry.need_terms  # noqa: B018
        matching.catalogue(self.entries)
        return self


_current: Catalogue | None = None
_lock = threading.Lock()


def _pages():
    return Page.objects.live().type(MatterPage, BundlePage)


def _stamp() -> tuple:
    """What changes whenever the live catalogue does: one small query."""
    row = _pages().aggregate(count=Count("pk"), published=Max("last_published_at"))
    return (row["count"], row["published"])


def current() -> Catalogue:
    """The catalogue, read again only when a page was published, unpublished or deleted."""
    global _current
    stamp = _stamp()
    held = _current
    if held and held.stamp == stamp and time.monotonic() - held.loaded < MAX_AGE:
        return held
    with _lock:
        held = _current
        if held and held.stamp == stamp and time.monotonic() - held.loaded < MAX_AGE:
            return held
        # The stamp is read before the pages: a page published meanwhile changes
        # the stamp again, and the next query reads it.
        _current = _load(stamp)
        return _current


def _load(stamp: tuple) -> Catalogue:
    entries = tuple(_entries())
    urls = {page.pk: page.url for page in _pages().only("pk", "url_path")}
    return Catalogue(entries, urls, stamp, time.monotonic()).warm()


def _entries() -> list[Entry]:
    matters = MatterPage.objects.live().order_by("code")
    bundles = BundlePage.objects.live().order_by("code")
    fields = ("pk", "code", "title", "common_names", "needs")
    return [
        *(
            Entry(MATTER, pk, code, title, _lines(aliases), department, _lines(needs))
            for pk, code, title, aliases, needs, department in matters.values_list(
                *fields, "department"
            )
        ),
        *(
            Entry(BUNDLE, pk, code, title, _lines(aliases), needs=_lines(needs))
            for pk, code, title, aliases, needs in bundles.values_list(*fields)
        ),
    ]


def catalogue() -> list[Entry]:
    """The live matters and bundles with their names, aliases and phrasings."""
    return list(current().entries)


def _lines(text_: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text_.splitlines() if line.strip())


def body_order(query: text.Query, among: list[int]) -> list[int]:
    """The pages ``among`` as the search index ranks their text for any of the query's
    words (or their synonyms), best first: the tie-break between pages that match alike.

    One query over the few candidates rather than the whole catalogue: this is
    the slowest part of a search, and is asked only when it can change what is
    shown (services.py).
    """
    terms = list(query.tokens)
    for token in query.tokens:
        terms += text.synonyms(token)
    if not terms:
        return []
    # The words are normalised (letters, digits and CJK only), so nothing in
    # them can be read as query syntax by SQLite FTS5 or PostgreSQL tsquery.
    pages = Page.objects.filter(pk__in=among).only("pk")
    results = get_search_backend().search(
        PlainText(" ".join(dict.fromkeys(terms)), operator="or"), pages, operator="or"
    )
    return [page.pk for page in results[: len(among)]]


def unanswered_queries() -> QuerySet[UnansweredQuery]:
    """The queries that found nothing, most asked first."""
    return UnansweredQuery.objects.order_by("-count", "-last_seen", "text")
