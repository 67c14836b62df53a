"""Booking texts reach the applicant's phone and, for a proxy booking, the booker's."""

import json
import time

import pytest
from django.test import override_settings

from appointments import services
from appointments.constants import Relationship
from tests.appointments.texts_scenario import DAUGHTER, EMPLOYEES, HR, MOTHER, a_daughter
from tests.support.worker import worker

from .factories import AppointmentFactory, local, make_centre

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture
def sms(tmp_path, django_capture_on_commit_callbacks):
    # The texts leave from the worker once the change commits: run those callbacks.
    path = tmp_path / "sms.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        yield (
            lambda: (
                [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
                if path.exists()
                else []
            )
        )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and what waits for its commit (the texts leave from the worker then)."""

    def run(call, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(**kwargs)

    return run


def test_a_daughter_booking_for_her_mother_both_are_told_at_every_step(sms, committed):
    daughter = a_daughter()
    appointment = committed(
        AppointmentFactory,
        centre=make_centre(counters=2),
        codes=["JS-YB-01", "JS-RS-05", "JS-YB-04"],
        applicant__phone=MOTHER,
        applicant__relationship=Relationship.PARENT,
        booked_by=daughter,
    )
    confirmed = [m for m in sms() if m["template"] == "booking_confirmed"]
    assert {m["to"] for m in confirmed} == {MOTHER, DAUGHTER}
    text = confirmed[0]["text"]
    assert appointment.reference in text and appointment.centre.name in text
    assert "11-24 09:00-10:00" in text  # the whole booking, over two slots
    assert confirmed[0]["params"]["reference"] == appointment.reference
    committed(
        services.reschedule_appointment,
        appointment=appointment,
        start=local(2026, 11, 24, 14),
        now=NOW,
    )
    committed(services.cancel_appointment, appointment=appointment, now=NOW)
    kinds = [(m["template"], m["to"]) for m in sms()]
    for kind in ("booking_rescheduled", "booking_cancelled"):
        assert (kind, MOTHER) in kinds and (kind, DAUGHTER) in kinds


def test_booking_for_herself_texts_only_her(sms, committed):
    committed(
        AppointmentFactory,
        applicant__phone=MOTHER,
        booked_by__email="self@test.local",
    )
    assert [m["to"] for m in sms()] == [MOTHER]


# --- every kind, proxy and batch, through the real worker -------------------------------------

EVERY_KIND = {
    "booking_confirmed",
    "booking_rescheduled",
    "booking_reminder",
    "checklist_changed",
    "booking_cancelled",
    "case_returned",
    "case_completed",
    "case_rejected",
}


def wait_for_lines(path, count, timeout=90):
    deadline = time.monotonic() + timeout
    lines = []
    while time.monotonic() < deadline:
        if path.exists():
            lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
            if len(lines) >= count:
                break
        time.sleep(0.3)
    return lines


def test_every_kind_reaches_the_mother_and_her_daughter_through_the_worker(tmp_path, monkeypatch):
    path = tmp_path / "sms.jsonl"
    monkeypatch.setenv("SMS_BACKEND", "file")
    monkeypatch.setenv("SMS_FILE_PATH", str(path))
    with worker(workers=2) as q:
        refs = q.run(
            "import json\n"
            "from tests.appointments.texts_scenario import proxy_journey, batch_booked\n"
            "refs = proxy_journey()\n"
            "refs['batch'] = batch_booked()\n"
            "print(json.dumps(refs))"
        )
        # 4 confirmations, reschedule, reminder, checklist, cancellation, 补正, completion,
        # rejection: 11 to each of two phones; the batch's confirmation to HR, and
        # its reminder to HR and 3 employees.
        lines = wait_for_lines(path, 2 * 11 + 1 + 4)
        sent = q.run(
            "import json\n"
            "from flowback.sms.models import SmsMessage\n"
            "print(json.dumps(sorted(set(SmsMessage.objects.values_list('status', flat=True)))))"
        )
    assert sent == ["sent"]
    for phone in (MOTHER, DAUGHTER):
        mine = [m for m in lines if m["to"] == phone]
        assert {m["template"] for m in mine} == EVERY_KIND
        assert len([m for m in mine if m["template"] == "booking_confirmed"]) == 4
    by_kind = {m["template"]: m for m in lines if m["to"] == MOTHER}
    for kind in EVERY_KIND:
        assert by_kind[kind]["text"]  # short, rendered in Chinese from the template
    assert refs["first"] in by_kind["booking_reminder"]["text"]
    assert "15:00" in by_kind["booking_rescheduled"]["params"]["time"]
    assert by_kind["case_returned"]["params"]["missing"] in by_kind["case_returned"]["text"]
    assert "不符合申领条件" in by_kind["case_rejected"]["text"]
    assert "/rate/" in by_kind["case_completed"]["params"]["url"]
    batch = [m for m in lines if m["params"].get("reference") == refs["batch"]]
    assert sorted((m["to"], m["template"]) for m in batch) == sorted(
        [(HR, "booking_confirmed"), (HR, "booking_reminder")]
        + [(phone, "booking_reminder") for phone in EMPLOYEES]
    )


def test_a_mother_who_turned_reminders_off_still_gets_every_other_text(sms, committed):
    from appointments import notifications
    from flowback.sms.optout import set_reminders, wants_reminders

    set_reminders(phone="+86 139-5123-0001", wanted=False)  # however she typed it
    assert not wants_reminders(MOTHER) and wants_reminders(DAUGHTER)
    daughter = a_daughter()
    appointment = committed(
        AppointmentFactory,
        applicant__phone=MOTHER,
        applicant__relationship=Relationship.PARENT,
        booked_by=daughter,
    )
    committed(notifications.send_reminders, now=local(2026, 11, 23, 10))
    committed(services.cancel_appointment, appointment=appointment, now=local(2026, 11, 23, 11))
    kinds = {(m["template"], m["to"]) for m in sms()}
    assert ("booking_reminder", DAUGHTER) in kinds
    assert ("booking_reminder", MOTHER) not in kinds
    for kind in ("booking_confirmed", "booking_cancelled"):
        assert (kind, MOTHER) in kinds
    set_reminders(phone=MOTHER, wanted=True)
    assert wants_reminders(MOTHER)


class DownGateway:
    def send(self, message):
        raise ConnectionError("gateway down")


def test_a_gateway_that_is_down_neither_blocks_nor_fails_a_booking(committed, settings):
    from flowback.sms.models import SmsMessage, SmsStatus

    settings.SMS_BACKEND = "tests.appointments.test_texts.DownGateway"
    appointment = committed(
        AppointmentFactory,
        applicant__phone=MOTHER,
        booked_by__email="self@test.local",
    )
    appointment.refresh_from_db()
    [message] = SmsMessage.objects.all()
    # Queued for a retry by the sweep, not lost, and the booking stands.
    assert message.status == SmsStatus.QUEUED and message.attempts == 1
    assert "ConnectionError" in message.last_error or "down" in message.last_error
    assert appointment.status == "booked"


def test_the_daughter_turns_off_her_mothers_reminders_from_my_appointments(client, sms, committed):
    from flowback.sms.optout import wants_reminders

    daughter = a_daughter()
    committed(
        AppointmentFactory,
        applicant__name="王秀英",
        applicant__phone=MOTHER,
        applicant__relationship=Relationship.PARENT,
        booked_by=daughter,
    )
    client.force_login(daughter)
    assert "/appointments/reminders/" in client.get("/appointments/").content.decode()
    page = client.get("/appointments/reminders/").content.decode()
    assert "138****0002" in page and "王秀英 139****0001" in page
    assert MOTHER not in page and DAUGHTER not in page
    assert page.count("checked") == 2  # on until someone turns it off
    client.post("/appointments/reminders/", {"remind": ["0"]})  # keeps only her own
    assert wants_reminders(DAUGHTER) and not wants_reminders(MOTHER)
    page = client.get("/appointments/reminders/").content.decode()
    assert page.count("checked") == 1
    client.logout()
    assert client.get("/appointments/reminders/").status_code == 302
