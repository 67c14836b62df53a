"""Reads of centres for the centre pages, the booking steps and the API."""

from __future__ import annotations

from django.db.models import Q

from centres.models import ServiceCentre


def centres(query: str = ""):
    qs = ServiceCentre.objects.select_related("county__city").order_by(
        "county__city__code", "county__code", "code"
    )
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(county__name__icontains=query)
            | Q(county__city__name__icontains=query)
            | Q(address__icontains=query)
        )
    return qs
