"""Counter visits for tests: the booking the counter meets, cases, queue tickets.

CaseFactory opens a case as a clerk does (casework.services: scan the
ticket, accept the intake, optionally complete it), so the case carries its
history, materials, events and queue place. CaseRecordFactory and
QueueTicketFactory write rows as they stand, for figures over a made-up past.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from appointments.constants import AppointmentStatus
from appointments.selectors import checklist_of
from casework import services
from casework.constants import CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import (
    ApplicantFactory,
    AppointmentFactory,
    AppointmentRecordFactory,
    ServiceCentreFactory,
    UserFactory,
    local,
)

# The visit: booked the Monday morning before, at the counter on the Tuesday before 9:00.
DAY_BEFORE = local(2026, 11, 23, 8)
VISIT_DAY = local(2026, 11, 24, 8, 50)


class CounterAppointmentFactory(AppointmentFactory):
    """The booking the counter tests meet: 临时救助 (JS-MZ-03) in its second situation, for 张桂梅."""

    class Params:
        codes = ("JS-MZ-03",)

    centre = factory.SubFactory(ServiceCentreFactory, counters=20)
    situation_codes = ("JS-MZ-03-02",)
    applicant = factory.SubFactory(ApplicantFactory, name="张桂梅")
    booked_by = factory.SubFactory(UserFactory, email="gao@test.local")
    now = DAY_BEFORE


class CaseFactory(factory.Factory):
    """A case opened at the counter: the clerk scans the ticket and accepts every material.

    ``received=[...]`` (material ids) for a case returned for completion (补正),
    ``complete=True`` to complete it; ``now`` as the services take it (default:
    the current time, which the test has frozen on the visit day).
    """

    class Meta:
        model = Case

    appointment = factory.SubFactory(CounterAppointmentFactory)
    clerk = factory.LazyAttribute(lambda o: StaffFactory(centre=o.appointment.centre))
    received = factory.LazyAttribute(
        lambda o: [line.material_id for line in checklist_of(o.appointment)]
    )
    complete = False
    now = None

    @classmethod
    def _create(cls, model_class, *, appointment, clerk, received, complete, now):
        services.scan_ticket(code=appointment.reference, clerk=clerk, now=now)
        case = services.accept_intake(
            appointment=appointment, clerk=clerk, received=received, now=now
        )
        if complete:
            case = services.complete_case(case=case, clerk=clerk, now=now)
        return case


class CaseRecordFactory(DjangoModelFactory):
    """A case row as it stands: called and accepted on arrival with every material.

    ``minutes`` after arrival it was closed (left open without them).
    """

    class Meta:
        model = Case

    class Params:
        minutes = None

    appointment = factory.SubFactory(
        AppointmentRecordFactory,
        status=AppointmentStatus.CHECKED_IN,
        checked_in_at=factory.SelfAttribute("start"),
    )
    case_number = factory.LazyAttribute(lambda o: f"CASE-{o.appointment.reference}")
    centre = factory.SelfAttribute("appointment.centre")
    status = CaseStatus.COMPLETED
    clerk = factory.SubFactory(UserFactory, email="clerk@test.local")
    scanned_at = factory.SelfAttribute("appointment.start")
    called_at = factory.SelfAttribute("scanned_at")
    accepted_at = factory.SelfAttribute("scanned_at")
    complete_at = factory.SelfAttribute("scanned_at")
    closed_at = factory.LazyAttribute(
        lambda o: o.scanned_at + dt.timedelta(minutes=o.minutes) if o.minutes is not None else None
    )


class QueueTicketFactory(DjangoModelFactory):
    """A queue number taken at ``created_at``, waiting, or called to ``counter`` at ``called_at``."""

    class Meta:
        model = QueueTicket

    centre = factory.SubFactory(ServiceCentreFactory)
    created_at = VISIT_DAY
    date = factory.LazyAttribute(lambda o: o.created_at.date())
    number = factory.Sequence(lambda n: f"W{n % 1000:03d}")
    sort_at = factory.SelfAttribute("created_at")
    called_at = None
    status = factory.LazyAttribute(
        lambda o: QueueStatus.CALLED if o.called_at else QueueStatus.WAITING
    )
