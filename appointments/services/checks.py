"""What a booking must pass: the matters, the person's and the booking account's limits, the rate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Exists, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import limits
from appointments.constants import Relationship
from appointments.exceptions import (
    DuplicateBooking,
    InvalidBooking,
    Suspended,
    TooFast,
    TooManyBookings,
)
from appointments.models import AccountStanding, Appointment, Hold, Person
from core.personal_data import person_hash
from guides.constants import Audience
from guides.models import MatterPage


def check_matters(matters: Sequence[MatterPage]) -> None:
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    closed = [m.title for m in matters if not m.bookable or not m.handling_minutes]
    if closed:
        raise InvalidBooking(
            _("以下事项不能网上预约：%(names)s") % {"names": "、".join(closed)}, field="matters"
        )
    for_enterprises = [m.title for m in matters if m.audience == Audience.ENTERPRISE]
    if for_enterprises:
        raise InvalidBooking(
            _("%(names)s 由企业为员工办理，请企业经办人通过“企业批量预约”预约，个人不能预约。")
            % {"names": "、".join(for_enterprises)},
            field="matters",
        )


def _count(queryset) -> Subquery:
    """A correlated COUNT(*) of ``queryset`` as one value of another query."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
            .values("n")
        ),
        0,
    )


def lock_person(id_number: str) -> Person:
    """The person's row, made if new and locked in the same statement.

    An upsert (``INSERT … ON CONFLICT DO UPDATE``) takes the row's lock whether
    it inserts or not, so the person's bookings are serialised from here on:
    the limits in ``limits_guard``, read by a later statement, see every
    booking of this person that committed before.
    """
    person = Person(id_hash=person_hash(id_number))
    Person.objects.bulk_create(
        [person], update_conflicts=True, unique_fields=["id_hash"], update_fields=["id_hash"]
    )
    return person


def limits_guard(
    *, person: Person, booked_by, relationship: str, matters: Sequence[MatterPage], now
) -> list:
    """The booking limits as conditions of the statement that takes the slot's minutes.

    The guarded ``UPDATE`` of the slot (``capacity.draw``) takes the minutes only
    when the person and the booking account may book: no suspension, no active
    booking of these matters, fewer live bookings than the limits. A refusal
    is explained afterwards by ``person_limits`` with ``check_booker`` and
    ``check_person``, which hold the same rules; the partial unique index on
    ``Hold`` backs the one-booking-per-matter rule up.
    """
    active = Appointment.objects.active()
    conditions = [
        ~Exists(Person.objects.filter(pk=person.pk, suspended_until__gt=now)),
        ~Exists(Hold.objects.filter(person=person, active=True, matter__in=matters)),
        LessThan(_count(active.filter(person=person)), settings.BOOKING_MAX_ACTIVE_PER_PERSON),
        ~Exists(AccountStanding.objects.filter(user=booked_by, suspended_until__gt=now)),
    ]
    if relationship != Relationship.SELF:
        conditions.append(
            LessThan(_count(_for_others(active, booked_by)), settings.BOOKING_MAX_ACTIVE_FOR_OTHERS)
        )
    return conditions


def _for_others(active, booked_by):
    return active.filter(booked_by=booked_by).exclude(
        relationship__in=[Relationship.SELF, Relationship.ENTERPRISE]
    )


def person_limits(person: Person, *, booked_by, matters: Sequence[MatterPage]) -> Person:
    """The person with what the limits need, in one query (``check_booker``, ``check_person``)."""
    active = Appointment.objects.active()
    return Person.objects.annotate(
        holds_matters=Exists(
            Hold.objects.filter(person=OuterRef("pk"), active=True, matter__in=matters)
        ),
        active_count=_count(active.filter(person=OuterRef("pk"))),
        booker_suspended_until=Subquery(
            AccountStanding.objects.filter(user=booked_by).values("suspended_until")[:1]
        ),
        booker_suspension_reason=Subquery(
            AccountStanding.objects.filter(user=booked_by).values("suspension_reason")[:1]
        ),
        booker_for_others=_count(_for_others(active, booked_by)),
    ).get(pk=person.pk)


def check_person(person: Person, matters: Sequence[MatterPage], now: dt.datetime) -> None:
    """The person's suspension and limits (``person`` from ``person_limits``)."""
    if person.is_suspended(now):
        until = timezone.localtime(person.suspended_until)
        raise Suspended(
            _(
                "因多次预约未到，该申请人的网上预约已暂停至 %(until)s（%(reason)s）。"
                "暂停期间仍可到中心现场取号办理。"
            )
            % {"until": until.strftime("%Y-%m-%d %H:%M"), "reason": person.suspension_reason}
        )
    if person.holds_matters:
        names = "、".join(sorted(held_matters(person, matters)))
        raise DuplicateBooking(
            _("该申请人已有“%(names)s”的有效预约，同一事项只能预约一次。") % {"names": names}
        )
    if person.active_count >= settings.BOOKING_MAX_ACTIVE_PER_PERSON:
        raise TooManyBookings(
            _("每人最多同时保留 %(n)s 个预约，请先办完或取消已有预约。")
            % {"n": settings.BOOKING_MAX_ACTIVE_PER_PERSON}
        )


def check_rate(*, user, address: str) -> None:
    """Raise TooFast when this account or address books faster than a person would."""
    wait = limits.hit(
        "book-account", str(user.pk), limit=settings.BOOKING_RATE_PER_ACCOUNT
    ) or limits.hit("book-address", address, limit=settings.BOOKING_RATE_PER_ADDRESS)
    if wait:
        raise TooFast(_("预约操作太频繁，请 %(s)s 秒后再试。") % {"s": wait}, retry_after=wait)


def check_booker(person: Person, relationship: str, now: dt.datetime) -> None:
    """The booking account's own limits: its suspension and its bookings for others.

    ``person`` from ``person_limits`` carries the account's standing and count.
    """
    until = person.booker_suspended_until
    if until is not None and until > now:
        raise Suspended(
            _("因代他人预约多次未到，本账号的网上预约已暂停至 %(until)s（%(reason)s）。")
            % {
                "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M"),
                "reason": person.booker_suspension_reason,
            }
        )
    if relationship == Relationship.SELF:
        return
    if person.booker_for_others >= settings.BOOKING_MAX_ACTIVE_FOR_OTHERS:
        raise TooManyBookings(
            _("一个账号最多同时为他人保留 %(n)s 个预约，请先办完或取消已有预约。")
            % {"n": settings.BOOKING_MAX_ACTIVE_FOR_OTHERS}
        )


def held_matters(person: Person, matters: Sequence[MatterPage]) -> set[str]:
    """Names of the matters this person already holds an active booking for."""
    holds = Hold.objects.filter(person=person, active=True, matter__in=matters).select_related(
        "matter"
    )
    return {hold.matter.title for hold in holds}
