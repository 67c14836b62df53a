"""Delivering to subscribers, in the worker.

One subscriber at a time holds a lease, posts its due deliveries in event
order (a stream waits while its earliest event is undelivered), and backs off
exponentially when the subscriber fails. A slow subscriber only holds up its
own task; every subscriber gets its own, started by ``kick``.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from flowback.constants import DeliveryStatus
from flowback.models import Delivery, Event, Subscriber, subscriber_url_validator
from flowback.payload import (
    EVENT_HEADER,
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    body_for,
    sign,
)

logger = logging.getLogger(__name__)

# How many pending deliveries one pass reads; the rest wait for the next pass.
PASS_SIZE = 200


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would turn the POST into a GET or send the body elsewhere: a failure.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass
class Attempt:
    ok: bool
    error: str = ""
    outage: bool = False  # no HTTP answer at all: the subscriber is down or hanging


def post(delivery: Delivery) -> Attempt:
    subscriber = delivery.subscriber
    try:
        # Rows saved before the rule, or edited outside the admin, are checked again.
        subscriber_url_validator(subscriber.url)
    except ValidationError as error:
        return Attempt(ok=False, error=" ".join(error.messages))
    sent_at = timezone.now()
    body = body_for(delivery, sent_at=sent_at)
    request = urllib.request.Request(
        subscriber.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "jiangsu-service-centres-flowback/1",
            EVENT_HEADER: delivery.event.type,
            IDEMPOTENCY_HEADER: str(delivery.event.key),
            TIMESTAMP_HEADER: str(int(sent_at.timestamp())),
            SIGNATURE_HEADER: sign(subscriber.secret, body, int(sent_at.timestamp())),
        },
    )
    try:
        with _opener.open(request, timeout=subscriber.timeout_seconds) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return Attempt(ok=False, error=f"HTTP {error.code}")
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Attempt(ok=False, error=f"{type(reason).__name__}: {reason}"[:300], outage=True)
    if 200 <= status < 300:
        return Attempt(ok=True)
    return Attempt(ok=False, error=f"HTTP {status}")


def backoff(attempts: int) -> dt.timedelta:
    """Exponential, capped, with a little jitter so recovering subscribers are not stampeded."""
    seconds = min(
        settings.FLOWBACK_RETRY_MAX_SECONDS,
        settings.FLOWBACK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
    )
    return dt.timedelta(seconds=seconds * random.uniform(1.0, 1.1))


def _record_attempt(delivery: Delivery, attempt: Attempt, now: dt.datetime) -> None:
    delivery.attempts += 1
    if attempt.ok:
        delivery.status, delivery.delivered_at, delivery.last_error = (
            DeliveryStatus.DELIVERED,
            now,
            "",
        )
        delivery.save(update_fields=["status", "attempts", "delivered_at", "last_error"])
        return
    delivery.last_error = attempt.error
    if delivery.attempts >= delivery.subscriber.max_attempts:
        delivery.status = DeliveryStatus.DEAD
        delivery.save(update_fields=["status", "attempts", "last_error"])
        # Later events of the stream wait behind this one in the dead-letter list,
        # so a retry still delivers them in order.
        Delivery.objects.filter(
            subscriber_id=delivery.subscriber_id,
            status=DeliveryStatus.PENDING,
            event__stream=delivery.event.stream,
            event_id__gt=delivery.event_id,
        ).update(status=DeliveryStatus.DEAD, last_error=_("前序事件投递失败，等待重新投递"))
        logger.warning(
            "flowback: delivery %s is dead after %s tries", delivery.pk, delivery.attempts
        )
        return
    delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["attempts", "last_error", "next_attempt_at"])


def _lease_end(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=settings.FLOWBACK_LEASE_SECONDS)


def _lease(subscriber_id: int, now: dt.datetime) -> bool:
    return bool(
        Subscriber.objects.filter(pk=subscriber_id, active=True)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=_lease_end(now))
    )


def _renew(subscriber_id: int) -> None:
    Subscriber.objects.filter(pk=subscriber_id).update(lease_until=_lease_end(timezone.now()))


def _one_pass(subscriber: Subscriber, deadline: float) -> tuple[int, dt.datetime | None]:
    """Post what is due, oldest first.

    Returns how many were delivered and, when the subscriber did not answer at
    all, until when to leave it alone.
    """
    pending = (
        Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.PENDING)
        .select_related("event__appointment", "event__case__employee")
        .order_by("event_id")[:PASS_SIZE]
    )
    pending = list(pending)
    # A stream with a dead event waits for the admin's retry, so order holds.
    waiting = set(
        Delivery.objects.filter(
            subscriber=subscriber,
            status=DeliveryStatus.DEAD,
            event__stream__in={d.event.stream for d in pending},
        ).values_list("event__stream", flat=True)
    )
    delivered = 0
    for delivery in pending:
        stream = delivery.event.stream
        if stream in waiting:
            continue
        now = timezone.now()
        if delivery.next_attempt_at > now or time.monotonic() > deadline:
            waiting.add(stream)
            continue
        delivery.subscriber = subscriber
        attempt = post(delivery)
        _record_attempt(delivery, attempt, timezone.now())
        _renew(subscriber.pk)
        if attempt.ok:
            delivered += 1
            continue
        waiting.add(stream)
        if attempt.outage:
            resume = delivery.next_attempt_at
            if delivery.status == DeliveryStatus.DEAD:
                resume = timezone.now() + backoff(delivery.attempts)
            return delivered, resume
    return delivered, None


def _has_due(subscriber_id: int) -> bool:
    return Delivery.objects.filter(
        subscriber_id=subscriber_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=timezone.now(),
    ).exists()


def deliver(subscriber_id: int) -> int:
    """Deliver a subscriber's due events; several calls at once leave all but one idle."""
    delivered = 0
    deadline = time.monotonic() + settings.FLOWBACK_RUN_SECONDS
    while _lease(subscriber_id, timezone.now()):
        down = None
        try:
            subscriber = Subscriber.objects.get(pk=subscriber_id)
            sent, down = _one_pass(subscriber, deadline)
            delivered += sent
        finally:
            # A subscriber that is down keeps the lease until its retry is due, so
            # the tasks of new events do not each tie up a worker waiting on it.
            Subscriber.objects.filter(pk=subscriber_id).update(lease_until=down)
        # An event committed while we held the lease found it taken; look again
        # after letting go, unless this pass made no progress (nothing to gain).
        if down or not sent or not _has_due(subscriber_id):
            break
        if time.monotonic() > deadline:
            async_task("flowback.tasks.deliver", subscriber_id, group="flowback")
            break
    return delivered


def deliver_due() -> int:
    """The periodic sweep: one delivery task per subscriber with something due."""
    ids = (
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now())
        .values_list("subscriber_id", flat=True)
        .distinct()
    )
    ids = list(ids)
    for subscriber_id in ids:
        async_task("flowback.tasks.deliver", subscriber_id, group="flowback")
    return len(ids)


def kick(subscriber_ids: Sequence[int]) -> int:
    """Start a delivery task for each of these subscribers that no task is serving now.

    A subscriber under lease is being served: its task looks for due
    deliveries again before it lets go, so a burst of events costs one
    delivery task per idle subscriber, not one per event and subscriber.
    """
    now = timezone.now()
    idle = list(
        Subscriber.objects.filter(pk__in=list(subscriber_ids), active=True)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )
    for subscriber_id in idle:
        async_task("flowback.tasks.deliver", subscriber_id, group="flowback")
    return len(idle)


@transaction.atomic
def retry_dead(*, delivery_ids: Iterable[int]) -> int:
    """Put dead deliveries back in the queue with a fresh count of tries.

    Retrying one event of a stream retries the stream's other dead events too,
    so the subscriber still receives them in order.
    """
    chosen = Delivery.objects.filter(pk__in=list(delivery_ids), status=DeliveryStatus.DEAD)
    pairs = set(chosen.values_list("subscriber_id", "event__stream"))
    if not pairs:
        return 0
    streams = Q()
    for subscriber_id, stream in pairs:
        streams |= Q(subscriber_id=subscriber_id, event__stream=stream)
    revived = Delivery.objects.filter(streams, status=DeliveryStatus.DEAD).values_list(
        "pk", flat=True
    )
    count = Delivery.objects.filter(pk__in=list(revived)).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    for subscriber_id in {pair[0] for pair in pairs}:
        transaction.on_commit(
            lambda pk=subscriber_id: async_task("flowback.tasks.deliver", pk, group="flowback")
        )
    return count


def prune(*, now: dt.datetime | None = None) -> int:
    """Forget events older than FLOWBACK_KEEP_DAYS that every subscriber has accepted.

    Events still pending or in the dead-letter list stay, however old.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.FLOWBACK_KEEP_DAYS)
    unfinished = Delivery.objects.filter(
        event=OuterRef("pk"), status__in=[DeliveryStatus.PENDING, DeliveryStatus.DEAD]
    )
    old = Event.objects.filter(occurred_at__lt=cutoff).exclude(Exists(unfinished))
    deleted, _by_model = old.delete()
    return deleted
