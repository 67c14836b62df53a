"""Request limits for bookings, slot look-ups and SMS codes.

The counting is ``core.limits``' (one fixed window per scope and subject
in the shared cache, keys hashed, Redis in production so the limit holds
across workers and servers); this module only turns a count past the limit
into the seconds to wait. The client address is ``accounts.addresses.client_ip``'s
(``TRUSTED_PROXY_COUNT``).
"""

from __future__ import annotations

import time

from core import limits as counters
from core.addresses import client_ip


def client_address(request) -> str:
    """The client's address behind the trusted proxies (one rule for every limit)."""
    return client_ip(request)


def hit(scope: str, key: str, *, limit: int, window: int = 60) -> int:
    """Count one request; the seconds to wait when it is past the limit, else 0."""
    rule = counters.Limit(limit, window)
    if counters.hit(scope, key, rule) > limit:
        return rule.retry_after(time.time())
    return 0
