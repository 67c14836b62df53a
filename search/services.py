"""Finding matters and bundles for a query.

A first version: names and aliases by substring (which suits Chinese, where
the database backends do not segment words), then Wagtail's search backend
for body text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from guides.models import BundlePage, MatterPage

MAX_QUERY_LENGTH = 100


@dataclass
class Hit:
    kind: str
    code: str
    name: str
    department: str
    url: str


def _rank(page, query: str) -> int:
    if query == page.title or query in page.alias_list:
        return 0
    return 1


def search(query: str, *, limit: int = 10) -> list[Hit]:
    """Matters and bundles for ``query``, best first."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    by_name = Q(title__icontains=query) | Q(common_names__icontains=query)
    pages = [
        *MatterPage.objects.live().filter(by_name | Q(code__iexact=query)),
        *BundlePage.objects.live().filter(by_name | Q(code__iexact=query)),
    ]
    pages.sort(key=lambda page: _rank(page, query))
    for model in (MatterPage, BundlePage):
        for page in model.objects.live().search(query, operator="or")[:limit]:
            if page not in pages:
                pages.append(page)
    return [
        Hit(
            kind="matter" if isinstance(page, MatterPage) else "bundle",
            code=page.code,
            name=page.title,
            department=getattr(page, "department", ""),
            url=page.url,
        )
        for page in pages[:limit]
    ]
