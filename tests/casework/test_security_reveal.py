"""Issue 15, finding 7: full ID numbers only for an applicant checked in at the centre that day;
opening an intake is logged; pages with personal data are never stored by a cache."""

import pytest
import time_machine

from appointments.tickets import ticket_url
from casework.constants import AccessAction
from casework.models import AccessLog
from core.personal_data import reveal
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import local, make_user
from tests.casework.factories import DAY_BEFORE, VISIT_DAY, CounterAppointmentFactory

pytestmark = pytest.mark.django_db


def reveal_page(client, appointment):
    return client.post(f"/counter/intake/{appointment.reference}/reveal/")


def reveals(appointment):
    return AccessLog.objects.filter(appointment=appointment, action=AccessAction.REVEAL_ID)


def test_no_reveal_before_the_applicant_has_checked_in(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    number = reveal(appointment.applicant_id_encrypted)
    client.force_login(clerks[0])
    for moment in (DAY_BEFORE, VISIT_DAY):  # days before, and on the day before the scan
        with time_machine.travel(moment, tick=False):
            page = client.get(f"/counter/intake/{appointment.reference}/").content.decode()
            assert "查看完整号码" not in page
            response = reveal_page(client, appointment)
            assert response.status_code == 403
            assert number not in response.content.decode()
            assert "签到" in response.content.decode()
    assert not reveals(appointment).exists()


def test_reveal_after_check_in_that_day_only_and_at_that_centre(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    number = reveal(appointment.applicant_id_encrypted)
    client.force_login(clerks[0])
    with time_machine.travel(VISIT_DAY, tick=False):
        client.post("/counter/scan/", {"code": ticket_url(appointment.reference)})
        response = reveal_page(client, appointment)
        assert response.status_code == 200 and number in response.content.decode()
        # The clerk of another centre still may not.
        client.force_login(clerks[1])
        assert reveal_page(client, appointment).status_code == 403
    assert reveals(appointment).count() == 1
    client.force_login(clerks[0])
    with time_machine.travel(local(2026, 11, 25, 9), tick=False):  # the next day
        response = reveal_page(client, appointment)
        assert response.status_code == 403 and number not in response.content.decode()
    assert reveals(appointment).count() == 1


def test_opening_an_intake_page_is_in_the_audit_trail(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    with time_machine.travel(VISIT_DAY, tick=False):
        assert client.get(f"/counter/intake/{appointment.reference}/").status_code == 200
    views = AccessLog.objects.filter(
        appointment=appointment, action=AccessAction.VIEW, user=clerks[0]
    )
    assert views.count() == 1
    manager = StaffFactory(email="mgr@test.local", centre=centres[0], role="manager")
    client.force_login(manager)
    assert "打开受理页（脱敏）" in client.get("/counter/audit/").content.decode()


def test_counter_enterprise_reveal_and_account_pages_are_no_store(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    with time_machine.travel(VISIT_DAY, tick=False):
        responses = [
            client.get("/counter/"),
            client.post("/counter/scan/", {"code": ticket_url(appointment.reference)}),
            client.get(f"/counter/intake/{appointment.reference}/"),
            reveal_page(client, appointment),
            client.post("/api/v1/counter/scan", {"code": "XXXX"}, content_type="application/json"),
        ]
    responses.append(client.get("/admin/"))
    client.force_login(make_user("hr@test.local"))
    responses += [
        client.get("/enterprise/"),
        client.get("/enterprise/batches/new/"),
        client.get("/enterprise/batches/AAAAAAAA/"),
        client.post("/api/v1/batches", {}),
        client.get("/accounts/email/"),
    ]
    client.logout()
    responses.append(client.get("/accounts/login/"))
    for response in responses:
        assert response["Cache-Control"] == "no-store", response.request["PATH_INFO"]
