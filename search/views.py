"""The search page: guides and bundles for what residents type."""

from django.shortcuts import render

from search import services, throttle
from search.text import MAX_QUERY_LENGTH

RESULTS_LIMIT = 20


def search(request):
    query = request.GET.get("q", "")
    answer = services.answer(
        query, limit=RESULTS_LIMIT, record=True, client=throttle.client_address(request)
    )
    return render(
        request,
        "search/search.html",
        {
            # What the box shows again; the template escapes it.
            "query": query.strip()[:MAX_QUERY_LENGTH],
            "searched": services.searchable(query),
            "results": answer.hits,
            # Where to go instead, when no matter fits (never beside results).
            "elsewhere": answer.elsewhere,
            "outside": answer.outside,
            "hint": services.hint_for(query),
        },
    )
