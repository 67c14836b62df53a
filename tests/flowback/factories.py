"""Subscribers, events and policy rules of the flow-back outbox, for tests.

Events are written by flowback.outbox.record_event, as every change writes
them, so each has the deliveries its subscribers want.
"""

from __future__ import annotations

import factory
from django.db import transaction
from factory.django import DjangoModelFactory

from flowback.constants import EventType
from flowback.models import Event, Rule, Subscriber
from flowback.outbox import record_event
from guides.models import MatterPage
from tests.appointments.factories import AppointmentFactory


class SubscriberFactory(DjangoModelFactory):
    """A system subscribed to every event type (``event_types=[...]`` for fewer), no personal fields.

    Its secret is made on save, as the admin's is.
    """

    class Meta:
        model = Subscriber

    name = factory.Sequence(lambda n: f"测试订阅{n + 1}")
    url = factory.Sequence(lambda n: f"https://sub{n + 1}.example.cn/hook")
    event_types = factory.LazyFunction(lambda: list(EventType.values))
    matters = factory.LazyFunction(list)
    personal_fields = factory.LazyFunction(list)


class EventFactory(factory.Factory):
    """An event of ``type`` about an appointment, with its deliveries, as a change records it."""

    class Meta:
        model = Event

    type = EventType.APPOINTMENT_BOOKED
    appointment = factory.SubFactory(AppointmentFactory)
    case = None
    now = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        with transaction.atomic():
            return record_event(**kwargs)


class RuleFactory(DjangoModelFactory):
    """A policy rule: a completed case of ``matter`` (default 最低生活保障, JS-MZ-01) derives an event."""

    class Meta:
        model = Rule

    name = factory.Sequence(lambda n: f"测试规则{n + 1}")
    matter = factory.LazyFunction(lambda: MatterPage.objects.get(code="JS-MZ-01"))
    benefits = "水费、电费、燃气费减免"
    sms_text = "您办理的{matter}已办结，可享受{benefits}。"
