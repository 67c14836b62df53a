"""The search page: guides and bundles for what residents type."""

from django.shortcuts import render

from search import services


def search(request):
    query = request.GET.get("q", "")
    results = services.search(query) if query.strip() else []
    return render(request, "search/search.html", {"query": query, "results": results})
