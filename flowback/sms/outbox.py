"""Queueing text messages and sending them from the worker, with retries.

``send_sms`` never talks to a gateway: it writes a log row (masked number,
template, parameters without codes, the number and parameters encrypted for
the worker) and asks the worker to send it once the caller's transaction
commits. A booking or a case therefore never waits for, nor fails with, the
gateway. The worker retries what the gateway throttled or did not answer,
with exponential backoff, up to ``SMS_MAX_ATTEMPTS``; a periodic sweep
(``send_due``) picks up retries and anything the queue lost.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from appointments.personal_data import mask_phone, protect, reveal
from flowback.sms.backends import TextMessage, get_backend, send_one
from flowback.sms.errors import SmsError
from flowback.sms.kinds import CODE, KINDS, redact, redact_text, render

logger = logging.getLogger(__name__)


def send_sms(phone: str, text: str = "", *, template: str = "", params: dict | None = None) -> int:
    """Queue one text message (1), or nothing for an empty number (0).

    ``template`` names a kind in ``flowback.sms.kinds``; without ``text``
    the kind's own text is rendered from ``params``.
    """
    from flowback.sms.models import SmsMessage

    if not phone:
        return 0
    params = {key: str(value) for key, value in (params or {}).items()}
    text = text or render(template, params)
    payload = {"phone": phone, "text": text, "params": params}
    message = SmsMessage.objects.create(
        phone_masked=mask_phone(phone),
        template=template,
        params=redact(params),
        text=redact_text(text, params)[:500],
        payload_encrypted=protect(json.dumps(payload, ensure_ascii=False)),
    )
    pk = message.pk
    kind = KINDS.get(template)
    if kind is not None and kind.category == CODE:
        # A code answers a request that changes nothing: it goes at once. Should the
        # worker not see the row yet, the sweep sends it.
        _enqueue(pk)
    else:
        # Nothing about a change that was rolled back.
        transaction.on_commit(lambda: _enqueue(pk))
    return 1


def _enqueue(pk: int) -> None:
    from django_q.tasks import async_task

    try:
        async_task("flowback.sms.tasks.deliver", pk, group="sms")
    except Exception:
        # The broker is down: the sweep sends it once it is back.
        logger.warning("text message %s left for the retry sweep", pk, exc_info=True)


def backoff(attempts: int) -> dt.timedelta:
    seconds = settings.SMS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.SMS_RETRY_MAX_SECONDS))


def deliver(message_id: int, *, now: dt.datetime | None = None, backend=None) -> str:
    """Send one queued message if it is due; its status afterwards."""
    from flowback.sms.models import SmsMessage, SmsStatus

    now = now or timezone.now()
    # Claim it: a second worker (or the sweep) finds it leased and leaves it.
    lease = dt.timedelta(seconds=settings.SMS_TIMEOUT_SECONDS * 3 + 30)
    claimed = SmsMessage.objects.filter(
        pk=message_id, status=SmsStatus.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + lease, attempts=F("attempts") + 1)
    message = SmsMessage.objects.filter(pk=message_id).first()
    if message is None:
        return ""  # not committed yet, or rolled back: the sweep sees it if it exists
    if not claimed:
        return message.status
    payload = json.loads(reveal(message.payload_encrypted))
    text = TextMessage(
        phone=payload["phone"],
        text=payload["text"],
        template=message.template,
        params=payload["params"],
    )
    try:
        provider_id = send_one(backend or get_backend(), text)
    except Exception as error:
        retryable = getattr(error, "retryable", not isinstance(error, SmsError))
        # Only the class and the provider's code and message: never the number or a code.
        reason = redact_text(str(error) or type(error).__name__, payload["params"])
        reason = reason.replace(payload["phone"], message.phone_masked)[:300]
        if retryable and message.attempts < settings.SMS_MAX_ATTEMPTS:
            SmsMessage.objects.filter(pk=message_id).update(
                next_attempt_at=now + backoff(message.attempts), last_error=reason
            )
            logger.info("text message %s: try %s failed, will retry", message_id, message.attempts)
            return SmsStatus.QUEUED
        SmsMessage.objects.filter(pk=message_id).update(
            status=SmsStatus.FAILED, last_error=reason, payload_encrypted=""
        )
        logger.warning("text message %s to %s failed: %s", message_id, message.phone_masked, reason)
        return SmsStatus.FAILED
    SmsMessage.objects.filter(pk=message_id).update(
        status=SmsStatus.SENT, provider_id=provider_id[:100], sent_at=now, payload_encrypted=""
    )
    return SmsStatus.SENT


def send_due(*, now: dt.datetime | None = None) -> int:
    """The periodic sweep: a task for every queued message whose time has come."""
    from flowback.sms.models import SmsMessage, SmsStatus

    now = now or timezone.now()
    due = list(
        SmsMessage.objects.filter(status=SmsStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )
    for pk in due:
        _enqueue(pk)
    return len(due)
