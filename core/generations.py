"""Generation numbers in the shared cache: a number that is part of cached entries'
keys (or kept beside them) and bumped when what they hold goes stale.

A number starts from the clock, not from 1: if the cache loses it (evicted,
Redis restarted), entries written under an earlier number can never match the
new one.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def current(key: str) -> int:
    return cache.get_or_set(key, time.time_ns, None)


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # lost: start again from the clock
        cache.set(key, time.time_ns(), None)
