"""The hall display: the centre's own language (Chinese) whatever the browser says."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from casework import selectors
from centres.models import ServiceCentre

HALL_LANGUAGE = "zh-hans"


def _calls(centre) -> dict:
    calls = list(selectors.recent_calls(centre.pk))
    return {"calls": calls, "waiting": selectors.waiting(centre.pk).count()}


def announcement(ticket) -> str:
    return _("请 %(n)s 号到 %(c)s 号窗口") % {"n": ticket.number, "c": ticket.counter}


def hall(request, centre_code):
    """Numbers and counters only (no names), the last calls and how many wait."""
    centre = get_object_or_404(ServiceCentre, code=centre_code)
    data = _calls(centre)
    with translation.override(HALL_LANGUAGE):
        response = render(
            request,
            "casework/hall.html",
            {
                "centre": centre,
                "current": data["calls"][:1],
                "recent": data["calls"][1:],
                "waiting": data["waiting"],
                "announcement": announcement(data["calls"][0]) if data["calls"] else "",
            },
        )
    response["Content-Language"] = "zh-Hans"
    return response


def hall_calls(request, centre_code):
    """What the hall page's script polls: the same facts, in Chinese."""
    centre = get_object_or_404(ServiceCentre, code=centre_code)
    data = _calls(centre)
    with translation.override(HALL_LANGUAGE):
        calls = [
            {
                "id": t.pk,
                "number": t.number,
                "counter": t.counter,
                "called_at": t.called_at.isoformat(),
                "text": announcement(t),
                "label": _("%(n)s → %(c)s 号窗口") % {"n": t.number, "c": t.counter},
            }
            for t in data["calls"]
        ]
        waiting = _("等候 %(n)s 人") % {"n": data["waiting"]}
    return JsonResponse(
        {"calls": calls, "waiting": data["waiting"], "waiting_text": waiting},
        json_dumps_params={"ensure_ascii": False},
        headers={"Cache-Control": "no-store"},
    )
