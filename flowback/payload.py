"""What a subscriber receives: the body (with only the personal fields it may see) and its signature."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time

from django.utils import timezone

from appointments.personal_data import mask_id_number, reveal
from flowback.constants import PersonalField
from flowback.models import Delivery, Event, Subscriber
from flowback.rules import applicant_contact

SIGNATURE_HEADER = "X-Flowback-Signature"
TIMESTAMP_HEADER = "X-Flowback-Timestamp"
EVENT_HEADER = "X-Flowback-Event"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def _applicant_for(subscriber: Subscriber, event: Event) -> dict[str, str]:
    allowed = set(subscriber.personal_fields)
    if not allowed:
        return {}
    contact = applicant_contact(event)
    if not contact:
        return {}
    applicant = {}
    if PersonalField.NAME in allowed:
        applicant["name"] = contact["name"]
    if PersonalField.PHONE in allowed:
        applicant["phone"] = contact["phone"]
    if allowed & {PersonalField.ID_NUMBER, PersonalField.ID_NUMBER_MASKED}:
        id_number = reveal(contact["id"])
        if PersonalField.ID_NUMBER in allowed:
            applicant["id_number"] = id_number
        else:
            applicant["id_number_masked"] = mask_id_number(id_number)
    return applicant


def body_for(delivery: Delivery, *, sent_at: dt.datetime) -> bytes:
    event = delivery.event
    payload = {
        "id": str(event.key),
        "type": event.type,
        "sequence": event.pk,
        "stream": event.stream,
        "occurred_at": timezone.localtime(event.occurred_at).isoformat(),
        # Inside the signed body, so a replayed request shows its age.
        "sent_at": timezone.localtime(sent_at).isoformat(),
        "attempt": delivery.attempts + 1,
        "data": event.data,
    }
    applicant = _applicant_for(delivery.subscriber, event)
    if applicant:
        payload["applicant"] = applicant
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


SIGNATURE_TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">``: the time is signed with the body."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(
    secret: str,
    body: bytes,
    signature: str,
    *,
    now: float | None = None,
    tolerance: int = SIGNATURE_TOLERANCE_SECONDS,
) -> bool:
    """For receivers (and our demo inbox): the signature matches and is fresh.

    A request older (or newer) than ``tolerance`` seconds is refused, so a
    captured request cannot be replayed later.
    """
    fields = dict(part.split("=", 1) for part in (signature or "").split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(
        sign(secret, body, timestamp), f"t={timestamp},v1={fields.get('v1', '')}"
    )
