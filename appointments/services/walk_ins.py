"""Walk-ins: the record of someone served without a booking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.constants import AppointmentStatus
from appointments.exceptions import InvalidBooking
from appointments.models import Appointment, Person
from appointments.services.booking import Applicant, create_appointment, minutes_for
from centres.models import ServiceCentre
from core.personal_data import person_hash
from guides.models import MatterPage


@transaction.atomic
def register_walk_in(
    *,
    centre: ServiceCentre,
    matters: Sequence[MatterPage],
    situation_codes: Sequence[str] = (),
    applicant: Applicant,
    registered_by,
    now: dt.datetime | None = None,
) -> Appointment:
    """The record of someone served without a booking: checked in now, no slot capacity taken.

    The walk-in share of every slot is already kept off the online capacity, so
    nothing is drawn from any slot; its start and end are the visit's own.
    """
    now = now or timezone.now()
    if not matters:
        raise InvalidBooking(_("请至少选择一个事项。"), field="matters")
    person, _created = Person.objects.get_or_create(id_hash=person_hash(applicant.id_number))
    minutes = minutes_for(matters)
    appointment = create_appointment(
        centre=centre,
        plan=(),
        span=(now, now + dt.timedelta(minutes=minutes)),
        minutes=minutes,
        booked_by=registered_by,
        applicant=applicant,
        person=person,
        matters=matters,
        situation_codes=situation_codes,
    )
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    appointment.save(update_fields=["status", "checked_in_at"])
    return appointment
