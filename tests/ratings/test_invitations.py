"""The invitation to rate when a case completes, for a resident and for an HR batch."""

import io

import pytest
import time_machine
from django.core import mail

from appointments.models import Appointment
from appointments.selectors import checklist_of
from appointments.tickets import ticket_path
from casework import services as counter
from ratings.links import rating_path
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import local
from tests.enterprises.factories import BatchFactory
from tests.ratings.support import LINK, open_case, rate

pytestmark = pytest.mark.django_db


def test_completing_a_case_sends_email_and_sms_with_a_working_link(
    client, centres, staff, capsys, django_capture_on_commit_callbacks
):
    case = open_case(centres[0], staff["clerk"])
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):
        counter.complete_case(case=case, clerk=staff["clerk"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gao@test.local"] and case.case_number in message.subject
    sms = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[SMS]")]
    assert len(sms) == 1 and sms[0].startswith("[SMS] 13951234567: ")
    assert centres[0].name in sms[0] and "张桂梅" not in sms[0]
    mail_path = LINK.search(message.body).group(1)
    sms_path = LINK.search(sms[0]).group(1)
    assert mail_path == sms_path == rating_path(case.pk)
    assert client.get(sms_path).status_code == 200
    assert client.post(sms_path, {"score": "5"}).status_code == 302


def test_the_sms_backend_is_pluggable(settings, centres, staff, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "tests.ratings.test_invitations.StreamBackend"
    StreamBackend.stream = io.StringIO()
    case = open_case(centres[0], staff["clerk"])
    with django_capture_on_commit_callbacks(execute=True):
        counter.complete_case(case=case, clerk=staff["clerk"])
    assert rating_path(case.pk) in StreamBackend.stream.getvalue()


class StreamBackend:
    stream = None

    def __new__(cls):
        from flowback.sms import ConsoleBackend

        return ConsoleBackend(stream=cls.stream)


def test_a_rejected_case_sends_no_invitation(
    centres, staff, capsys, django_capture_on_commit_callbacks
):
    case = open_case(centres[0], staff["clerk"])
    with django_capture_on_commit_callbacks(execute=True):
        counter.reject_case(case=case, clerk=staff["clerk"], reason="不符合条件")
    texts = capsys.readouterr().out
    # The applicant is told of the rejection and why (casework), but not asked to rate.
    assert [m.subject for m in mail.outbox] == [f"办件 {case.case_number} 不予受理"]
    assert "不符合条件" in texts and "评价" not in texts + mail.outbox[0].body


@pytest.fixture
def batch():
    """A batch of three employees: one case per employee."""
    booked = BatchFactory()
    return booked, StaffFactory(email="clerk@test.local", centre=booked.appointment.centre)


def test_batch_lists_a_link_per_case_and_invites_once(
    client, batch, capsys, django_capture_on_commit_callbacks
):
    booked, clerk = batch
    appointment = booked.appointment
    Appointment.objects.filter(pk=appointment.pk).update(applicant_phone="13800000001")
    with time_machine.travel(local(2026, 11, 24, 9), tick=False):
        counter.scan_ticket(code=appointment.reference, clerk=clerk)
        cases = counter.accept_batch_intake(
            appointment=appointment,
            clerk=clerk,
            employee_ids=[e.pk for e in booked.employees.all()],
            received=[line.material_id for line in checklist_of(appointment)],
        )
        capsys.readouterr()
        for done, case in enumerate(cases, start=1):
            with django_capture_on_commit_callbacks(execute=True):
                counter.complete_case(case=case, clerk=clerk)
            # Nobody is messaged until the last case of the batch completes.
            assert len(mail.outbox) == (1 if done == len(cases) else 0)
    message = mail.outbox[0]
    assert message.to == ["hr@test.local"]
    assert all(rating_path(case.pk) in message.body for case in cases)
    sms = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[SMS]")]
    assert len(sms) == 1 and ticket_path(appointment.reference) in sms[0]

    html = client.get(ticket_path(appointment.reference)).content.decode()
    assert all(rating_path(case.pk) in html for case in cases)
    assert all(case.case_number in html for case in cases)
    assert not any(name in html for name in ("王伟", "李娜", "张敏"))
    rate(client, cases[0], "5")
    html = client.get(ticket_path(appointment.reference)).content.decode()
    assert rating_path(cases[0].pk) not in html and rating_path(cases[1].pk) in html
