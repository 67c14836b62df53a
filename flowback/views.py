"""The demo inbox: stands in for a utility company's system when DEBUG is on."""

import json
import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from flowback import services
from flowback.models import Subscriber

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def demo_inbox(request, slug):
    subscriber = Subscriber.objects.filter(url__endswith=f"/flowback/demo-inbox/{slug}/").first()
    signature = request.headers.get(services.SIGNATURE_HEADER, "")
    if subscriber is None or not services.verify(subscriber.secret, request.body, signature):
        return JsonResponse({"detail": "bad signature", "errors": {}}, status=401)
    event = json.loads(request.body)
    print(f"[demo inbox] {subscriber.name} ← {event['type']} {event['stream']}", flush=True)  # noqa: T201
    return JsonResponse({"received": event["id"]})
