"""Background jobs (django-q2). Each takes ids and calls a service."""

from __future__ import annotations

from enterprises import notifications


def tell_officers(log_id: int) -> int:
    return notifications.tell_officers(log_id)
