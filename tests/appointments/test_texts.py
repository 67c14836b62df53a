"""Booking texts reach the applicant's phone and, for a proxy booking, the booker's."""

import json

import pytest
from django.test import override_settings

from accounts.models import Profile
from appointments import services
from appointments.constants import Relationship
from guides.selectors import matters_with_materials

from .factories import applicant, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)
MOTHER = "13951230001"
DAUGHTER = "13861230002"


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
    daughter = make_user("daughter@test.local")
    Profile.objects.update_or_create(user=daughter, defaults={"phone": DAUGHTER})
    appointment = committed(
        services.book_appointment,
        centre=make_centre(counters=2),
        start=local(2026, 11, 24, 9),
        matters=matters_with_materials(["JS-YB-01", "JS-RS-05", "JS-YB-04"]),
        applicant=applicant(phone=MOTHER, relationship=Relationship.PARENT),
        booked_by=daughter,
        now=NOW,
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
        services.book_appointment,
        centre=make_centre(),
        start=local(2026, 11, 24, 9),
        matters=matters_with_materials(["JS-MZ-04"]),
        applicant=applicant(phone=MOTHER),
        booked_by=make_user("self@test.local"),
        now=NOW,
    )
    assert [m["to"] for m in sms()] == [MOTHER]
