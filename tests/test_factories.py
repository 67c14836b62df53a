"""Every test factory builds what it says, so a model change shows here first."""

import pytest
import time_machine

from accounts.models import StaffRole
from appointments.constants import AppointmentStatus
from casework.constants import CaseStatus
from core.personal_data import reveal
from enterprises.models import OfficerStatus
from flowback.models import Delivery
from ratings.models import FollowUp
from tests.accounts.factories import (
    EditorFactory,
    OfficialFactory,
    ProfileFactory,
    ReviewerFactory,
    StaffFactory,
)
from tests.appointments.factories import (
    AppointmentFactory,
    AppointmentRecordFactory,
    CalendarOverrideFactory,
    SlotFactory,
    make_centre,
    make_user,
)
from tests.casework.factories import (
    VISIT_DAY,
    CaseFactory,
    CaseRecordFactory,
    QueueTicketFactory,
)
from tests.enterprises.factories import BatchFactory, EnterpriseFactory, OfficerFactory
from tests.flowback.factories import EventFactory, RuleFactory, SubscriberFactory
from tests.guides.factories import MaterialFactory
from tests.ratings.factories import RatingFactory, RatingRecordFactory

pytestmark = pytest.mark.django_db


def test_centres_slots_and_calendar_overrides():
    centre = make_centre(counters=4)
    assert centre.sessions.count() == 10 and centre.county.city.code == "329900"
    slot = SlotFactory(centre=centre)
    assert slot.capacity_minutes == centre.online_minutes_per_slot
    assert SlotFactory(centre=centre) == slot  # one row per start
    assert CalendarOverrideFactory(centre=centre).kind == "closed"


def test_a_booking_goes_through_the_service():
    appointment = AppointmentFactory()
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.booked_by == make_user()
    assert [m.matter.code for m in appointment.matters.all()] == ["JS-MZ-04"]
    assert len(reveal(appointment.applicant_id_encrypted)) == 18
    assert appointment.draws.exists() and appointment.person is not None


def test_a_record_is_a_row_at_any_status():
    record = AppointmentRecordFactory(status=AppointmentStatus.NO_SHOW, codes=["JS-MZ-03"])
    assert record.status == AppointmentStatus.NO_SHOW and record.slot.start == record.start
    assert len(reveal(record.applicant_id_encrypted)) == 18
    case = CaseRecordFactory(minutes=30)
    assert case.handling_seconds == 1800
    rating = RatingRecordFactory(case=case, score=2, created_at=VISIT_DAY)
    assert rating.created_at == VISIT_DAY and not FollowUp.objects.exists()
    assert QueueTicketFactory(called_at=VISIT_DAY, counter=1).status == "called"


def test_accounts():
    assert ProfileFactory(user=make_user(), phone="13900000000").user.profile.phone == "13900000000"
    clerk = StaffFactory()
    assert clerk.profile.works_at_counter and clerk.check_password("pw")
    assert StaffFactory(role="manager").profile.role == StaffRole.MANAGER
    official = OfficialFactory()
    assert official.profile.county is not None and official.profile.has_dashboard
    assert OfficialFactory(role="city").profile.city is not None
    assert EditorFactory().groups.get().name == "县区编辑"
    assert ReviewerFactory().groups.get().name == "省级审核"


def test_cases_ratings_and_events():
    with time_machine.travel(VISIT_DAY, tick=False):
        case = CaseFactory()
        assert case.status == CaseStatus.ACCEPTED and not case.missing
        rating = RatingFactory(score=1)
    assert rating.case.status == CaseStatus.COMPLETED
    assert FollowUp.objects.get(rating=rating)
    subscriber = SubscriberFactory()
    event = EventFactory(appointment=case.appointment)
    assert Delivery.objects.get(event=event).subscriber == subscriber
    assert RuleFactory().matter.code == "JS-MZ-01"


def test_enterprises_and_batches():
    officer = OfficerFactory()
    assert officer.status == OfficerStatus.PENDING and officer.enterprise.uscc
    assert EnterpriseFactory().uscc != officer.enterprise.uscc
    batch = BatchFactory(people=2)
    assert batch.appointment.people == 2 and batch.employees.count() == 2


def test_materials_are_one_row_per_name():
    assert MaterialFactory(name="测试材料X") == MaterialFactory(name="测试材料X")
    assert MaterialFactory().live
