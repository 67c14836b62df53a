"""Flow-back: the outbox, what subscribers receive, delivering it, and the rules.

The work lives in named modules; the names other code uses stay importable from here.
"""

from flowback.delivery import (
    PASS_SIZE,
    Attempt,
    backoff,
    deliver,
    deliver_due,
    kick,
    post,
    prune,
    retry_dead,
)
from flowback.outbox import record_event
from flowback.payload import (
    EVENT_HEADER,
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    SIGNATURE_TOLERANCE_SECONDS,
    TIMESTAMP_HEADER,
    body_for,
    sign,
    verify,
)
from flowback.rules import applicant_contact, tell_applicant

__all__ = [
    "EVENT_HEADER",
    "IDEMPOTENCY_HEADER",
    "PASS_SIZE",
    "SIGNATURE_HEADER",
    "SIGNATURE_TOLERANCE_SECONDS",
    "TIMESTAMP_HEADER",
    "Attempt",
    "applicant_contact",
    "backoff",
    "body_for",
    "deliver",
    "deliver_due",
    "kick",
    "post",
    "prune",
    "record_event",
    "retry_dead",
    "sign",
    "tell_applicant",
    "verify",
]
