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

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from wagtail.models import Page

from guides.models import BundlePage, MatterPage
from search import indexing, matching, text
from search.models import UnansweredQuery
from search.terms import BUNDLE, MATTER, Entry

# Seconds after which the catalogue is read again even when no page was published.
MAX_AGE = 300


@dataclass(frozen=True)
class Catalogue:
    """The live matters and bundles as the search needs them."""

    entries: tuple[Entry, ...]
    urls: dict[int, str]
    bodies: dict[int, Body]
    stamp: tuple
    loaded: float

    def warm(self) -> Catalogue:
        """Work out now, not in a resident's query, what the matching derives."""
        for entry in self.entries:
            entry.terms  # noqa: B018 (cached properties: pinyin of each name and alias)
            entry.need_terms  # noqa: B018
        matching.catalogue(self.entries).letters  # noqa: B018
        return self


_current: Catalogue | None = None
_lock = threading.Lock()


def _pages():
    return Page.objects.live().type(MatterPage, BundlePage)


def _stamp() -> tuple:
    """What changes whenever the live catalogue does: one small query, written out
    because the ORM's building of it took longer than the database's answer."""
    kinds = ContentType.objects.get_for_models(MatterPage, BundlePage).values()
    ids = sorted(kind.pk for kind in kinds)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(last_published_at) FROM {Page._meta.db_table} "
            f"WHERE live AND content_type_id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        return tuple(cursor.fetchone())


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
    return Catalogue(entries, urls, _bodies(), stamp, time.monotonic()).warm()


@dataclass(frozen=True)
class Body:
    """A page's words as the search index holds them, with how much each counts."""

    words: Counter
    length: float


# As the page models' search fields weigh them: names and pinyin twice the body.
NAMES_WEIGHT = 2


def _bodies() -> dict[int, Body]:
    pages = [
        *MatterPage.objects.live().prefetch_related("situations"),
        *BundlePage.objects.live().prefetch_related("bundle_matters__matter"),
    ]
    out = {}
    for page in pages:
        words: Counter = Counter()
        for field, weight in (
            (page.title, NAMES_WEIGHT),
            (indexing.names_text(page), NAMES_WEIGHT),
            (indexing.pinyin_text(page), NAMES_WEIGHT),
            (indexing.body_text(page), 1),
        ):
            for word in text.normalize(field).split():
                words[word] += weight
        out[page.pk] = Body(words, sum(words.values()))
    return out


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


def _lines(text_: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text_.splitlines() if line.strip())


# BM25's constants, as full-text engines use them.
K1, B = 1.2, 0.75


def body_order(
    query: text.Query, among: list[int], catalogue: Catalogue | None = None
) -> list[int]:
    """The pages ``among`` that have any of the query's words (or their synonyms) in
    their text, best first (BM25 over the words the search index holds, names and
    pinyin weighing twice): the tie-break between pages that match alike.

    Worked out in the process over the catalogue's words rather than asked of the
    database's full-text index, which was the slowest part of a query.
    """
    catalogue = catalogue or current()
    terms = list(query.tokens)
    for token in query.tokens:
        terms += text.synonyms(token)
    terms = list(dict.fromkeys(terms))
    bodies = catalogue.bodies
    if not terms or not bodies:
        return []
    count = len(bodies)
    average = sum(body.length for body in bodies.values()) / count
    scores = {}
    for pk in among:
        body = bodies.get(pk)
        if body is None:
            continue
        score = 0.0
        for term in terms:
            tf = body.words.get(term, 0)
            if not tf:
                continue
            df = sum(term in other.words for other in bodies.values())
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * body.length / average))
        if score:
            scores[pk] = score
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))


def unanswered_queries() -> QuerySet[UnansweredQuery]:
    """The queries that found nothing, most asked first."""
    return UnansweredQuery.objects.order_by("-count", "-last_seen", "text")
