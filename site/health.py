"""GET /healthz for the load balancer and the operator on call: database, cache and queue.

Answered by the first middleware, before sessions, sites or anything else
that would need the database, so a down database gives this JSON (503) and
not an error page.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

PATH = "/healthz"
logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _queue() -> dict:
    from django_q.brokers import get_broker

    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("the broker did not answer")
    return {"queued": broker.queue_size()}


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


def health() -> tuple[bool, dict]:
    report = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            extra = check() or {}
        except Exception as exc:  # any failure of a part is what this endpoint reports
            # The exception's class only: connection strings can hold passwords.
            logger.warning("healthz: %s is down (%s)", name, type(exc).__name__)
            report[name] = {"ok": False, "error": type(exc).__name__}
        else:
            report[name] = {"ok": True, **extra}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return all(part["ok"] for part in report.values()), report


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"detail": "GET only", "errors": {}}, status=405)
        ok, report = health()
        response = JsonResponse(
            {"status": "ok" if ok else "down", **report}, status=200 if ok else 503
        )
        response["Cache-Control"] = "no-store"
        if not ok:
            response["Retry-After"] = "30"
        return response
