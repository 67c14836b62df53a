"""How much one client may add to the editors' report of unanswered searches.

One anonymous client once wrote 1,049 rows into the report in 30 seconds
(issue #15). Searching stays free; what is limited is recording: per client
address, at most ``SEARCH_RECORD_PER_HOUR`` unanswered queries an hour, and
the same words from the same address count once a day, so nobody can push a
query up the report by repeating it. The counters live in Django's cache,
which is Redis in production (``REDIS_URL``), so the limit holds across
workers and servers; addresses are kept there only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from core.addresses import client_ip

HOUR = 60 * 60
DAY = 24 * HOUR


def record_per_hour() -> int:
    return int(getattr(settings, "SEARCH_RECORD_PER_HOUR", 20))


def client_address(request) -> str:
    """The client's address behind the trusted proxies (one rule for every limit)."""
    return client_ip(request)


def _key(*parts: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def may_record(client: str, words: str) -> bool:
    """Whether an unanswered ``words`` from ``client`` is counted (and take one from its
    allowance if so). Calls without a client (commands, tests of the service) always are."""
    if not client:
        return True
    if not cache.add(f"search:seen:{_key(client, words)}", 1, timeout=DAY):
        return False  # the same words from the same address today
    rate = f"search:rate:{_key(client)}"
    cache.add(rate, 0, timeout=HOUR)
    try:
        count = cache.incr(rate)
    except ValueError:  # expired between add and incr
        cache.add(rate, 1, timeout=HOUR)
        count = 1
    return count <= record_per_hour()
