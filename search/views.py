"""The search page: guides and bundles for what residents type."""

from django.shortcuts import render

from search import services
from search.text import MAX_QUERY_LENGTH

RESULTS_LIMIT = 20


def search(request):
    query = request.GET.get("q", "")
    results = services.search(query, limit=RESULTS_LIMIT, record=True)
    return render(
        request,
        "search/search.html",
        {
            # What the box shows again; the template escapes it.
            "query": query.strip()[:MAX_QUERY_LENGTH],
            "searched": services.searchable(query),
            "results": results,
            "hint": services.hint_for(query),
        },
    )
