"""Request limits kept in the shared cache, so they hold across workers and servers.

A fixed window per (scope, key): cheap (one ``add`` or ``incr``), and with
Redis as the cache every app server counts in the same place. The client
address is ``accounts.addresses.client_ip``'s (``TRUSTED_PROXY_COUNT``).
"""

from __future__ import annotations

import time

from django.core.cache import cache

from core.addresses import client_ip


def client_address(request) -> str:
    """The client's address behind the trusted proxies (one rule for every limit)."""
    return client_ip(request)


def hit(scope: str, key: str, *, limit: int, window: int = 60) -> int:
    """Count one request; the seconds to wait when it is past the limit, else 0."""
    now = time.time()
    bucket = int(now // window)
    cache_key = f"limit:{scope}:{key}:{bucket}"
    if cache.add(cache_key, 1, window + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, window + 5)
            count = 1
    if count > limit:
        return max(1, int(window - now % window))
    return 0
