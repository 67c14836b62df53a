"""Counters of attempts in fixed time windows, kept in the shared cache.

The default cache is Redis in production (``REDIS_URL``), so a limit holds
across workers and servers; ``cache.incr`` is atomic there. Keys hold a hash
of what they count, never an e-mail address or an IP address in clear.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    amount: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """``"5/900"``: five in 900 seconds."""
        amount, seconds = text.split("/")
        return cls(int(amount), int(seconds))

    def window(self, now: float) -> int:
        return int(now // self.seconds)

    def retry_after(self, now: float) -> int:
        """Seconds until the current window ends."""
        return max(1, int((self.window(now) + 1) * self.seconds - now))


def _key(scope: str, subject: str, limit: Limit, now: float) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"limit:{scope}:{limit.seconds}:{limit.window(now)}:{digest}"


def count(scope: str, subject: str, limit: Limit) -> int:
    return cache.get(_key(scope, subject, limit, time.time()), 0)


def hit(scope: str, subject: str, limit: Limit) -> int:
    """Count one attempt; the number in the current window, this one included."""
    key = _key(scope, subject, limit, time.time())
    # Increment first: within a window every attempt but the first finds the
    # key, and incr() alone is one round trip fewer than add() then incr().
    # incr() is atomic, so simultaneous requests are all counted; add() creates
    # the key with its expiry only when it is missing, and of two first
    # attempts only one creates it, the other increments.
    for _ in range(2):
        try:
            return cache.incr(key)
        except ValueError:  # no key yet in this window (or it just expired)
            if cache.add(key, 1, limit.seconds + 1):
                return 1
    return cache.incr(key)


def reached(scope: str, subject: str, limit: Limit) -> bool:
    return count(scope, subject, limit) >= limit.amount


def clear(scope: str, subject: str, limit: Limit) -> None:
    cache.delete(_key(scope, subject, limit, time.time()))


def _lock_key(scope: str, subject: str) -> str:
    return f"lock:{scope}:{hashlib.sha256(subject.encode()).hexdigest()[:32]}"


def lock(scope: str, subject: str, seconds: int) -> None:
    """Refuse ``subject`` for a full ``seconds`` from now, whatever the window."""
    cache.set(_lock_key(scope, subject), time.time() + seconds, seconds)


def locked_for(scope: str, subject: str) -> int:
    """Seconds left on a lock, 0 when there is none."""
    until = cache.get(_lock_key(scope, subject))
    return max(0, int(until - time.time()) + 1) if until else 0


def lock_remaining(scope: str, subject: str) -> float:
    """Seconds left on a lock, to the fraction; 0 when there is none."""
    until = cache.get(_lock_key(scope, subject))
    return max(0.0, until - time.time()) if until else 0.0


def try_lock(scope: str, subject: str, seconds: int) -> bool:
    """Lock ``subject`` for ``seconds`` unless it is locked; whether this call took the lock.

    ``cache.add`` is atomic, so of simultaneous callers exactly one succeeds.
    """
    return cache.add(_lock_key(scope, subject), time.time() + seconds, seconds)
