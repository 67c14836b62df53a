"""The counter: scanning, intake, cases, the queue and the audit trail."""

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments import services as booking
from appointments.constants import AppointmentStatus
from appointments.selectors import checklist_of
from appointments.tickets import ticket_path, ticket_token, ticket_url
from casework import services
from casework.constants import AccessAction, CaseStatus
from casework.models import AccessLog, Case, QueueTicket
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import local, make_user
from tests.casework.factories import DAY_BEFORE, VISIT_DAY, CounterAppointmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def at_the_counter():
    with time_machine.travel(VISIT_DAY, tick=False):
        yield


def scan(client, code):
    return client.post("/api/v1/counter/scan", {"code": code}, content_type="application/json")


def test_scan_accepts_url_token_or_reference_with_stray_whitespace(client, centres, clerks):
    client.force_login(clerks[0])
    for code in (
        lambda a: ticket_url(a.reference) + "\n",
        lambda a: "  " + ticket_token(a.reference) + "\r\n",
        lambda a: a.reference.lower() + " ",
    ):
        appointment = CounterAppointmentFactory(
            centre=centres[0], booked_by__email=f"u{id(code)}@test.local"
        )
        response = scan(client, code(appointment))
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["reference"] == appointment.reference
        assert body["applicant"]["name"] == "张桂梅"
        assert "*" in body["applicant"]["id_number_masked"]
        assert [m["code"] for m in body["matters"]] == ["JS-MZ-03"]
        assert body["matters"][0]["situation"] == "支出型"
        assert len(body["checklist"]) == 8
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.CHECKED_IN
        assert QueueTicket.objects.get(appointment=appointment).number.startswith("A")


@pytest.mark.parametrize(
    "code, status, words",
    [
        ("", 400, "扫描"),
        ("   \n", 400, "扫描"),
        ("这不是二维码!!", 400, "无法识别"),
        ("<script>alert(1)</script>", 400, "无法识别"),
        ("ABCDEFGH:forgedsignature", 400, "无效"),
        ("ZZZZZZZZ", 404, "没有这个预约号"),
    ],
)
def test_bad_codes_each_have_a_clear_message(client, clerks, code, status, words):
    client.force_login(clerks[0])
    response = scan(client, code)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_tampered_token_is_refused(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    token = ticket_token(appointment.reference)
    tampered = ("B" if token[0] != "B" else "C") + token[1:]
    client.force_login(clerks[0])
    assert scan(client, tampered).status_code in (400, 404)
    assert scan(client, token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 400


def test_another_centres_ticket_is_403_in_api_and_page(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[1])
    response = scan(client, ticket_url(appointment.reference))
    assert response.status_code == 403
    assert centres[0].name in response.json()["detail"]
    assert client.get(f"/counter/intake/{appointment.reference}/").status_code == 403
    assert client.post(f"/counter/intake/{appointment.reference}/reveal/").status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_cancelled_expired_and_twice_scanned(client, centres, clerks):
    client.force_login(clerks[0])
    cancelled = CounterAppointmentFactory(centre=centres[0])
    booking.cancel_appointment(appointment=cancelled, now=DAY_BEFORE)
    response = scan(client, ticket_url(cancelled.reference))
    assert response.status_code == 410 and "取消" in response.json()["detail"]

    old = CounterAppointmentFactory(
        centre=centres[0], start=local(2026, 11, 23, 14), booked_by__email="old@test.local"
    )
    response = scan(client, ticket_url(old.reference))
    assert response.status_code == 410 and "过期" in response.json()["detail"]

    twice = CounterAppointmentFactory(centre=centres[0], booked_by__email="twice@test.local")
    assert scan(client, ticket_url(twice.reference)).status_code == 200
    response = scan(client, ticket_url(twice.reference))
    assert response.status_code == 409 and "已于" in response.json()["detail"]


def test_people_without_a_centre_cannot_use_the_counter(client, centres):
    client.force_login(make_user("resident@test.local"))
    assert scan(client, "ABCDEFGH").status_code == 403
    assert client.get("/counter/").status_code == 403
    client.logout()
    assert scan(client, "ABCDEFGH").status_code == 401
    assert client.get("/counter/")["Location"].startswith("/admin/login/")


def test_intake_with_a_missing_material_returns_the_case_listing_exactly_what_is_missing(
    client, centres, clerks, django_capture_on_commit_callbacks
):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    checklist = scan(client, ticket_url(appointment.reference)).json()["checklist"]
    missing = {line["name"] for line in checklist if line["name"] in ("支出证明", "银行卡")}
    received = [line["id"] for line in checklist if line["name"] not in missing]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/counter/intake",
            {"reference": appointment.reference, "received": received, "notes": "支出证明下次带"},
            content_type="application/json",
        )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "returned"
    assert set(body["missing"]) == missing
    assert body["case_number"].startswith(f"{centres[0].code}-20261124-")
    assert len(mail.outbox) == 1 and all(name in mail.outbox[0].body for name in missing)
    # Intake again is refused.
    again = client.post(
        "/api/v1/counter/intake",
        {"reference": appointment.reference, "received": received},
        content_type="application/json",
    )
    assert again.status_code == 409


def test_complete_intake_is_accepted_then_completed_with_its_time(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    checklist = scan(client, ticket_url(appointment.reference)).json()["checklist"]
    response = client.post(
        "/api/v1/counter/intake",
        {"reference": appointment.reference, "received": [line["id"] for line in checklist]},
        content_type="application/json",
    )
    assert response.json()["status"] == "accepted" and response.json()["missing"] == []
    case = Case.objects.get()
    with time_machine.travel(local(2026, 11, 24, 9, 5), tick=False):
        services.complete_case(case=case, clerk=clerks[0])
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert case.handling_seconds == 15 * 60
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.COMPLETED


def test_unknown_material_ids_are_422(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    scan(client, ticket_url(appointment.reference))
    response = client.post(
        "/api/v1/counter/intake",
        {"reference": appointment.reference, "received": [999999]},
        content_type="application/json",
    )
    assert response.status_code == 422 and "received" in response.json()["errors"]
    assert not Case.objects.exists()


def test_every_reveal_of_an_id_number_is_in_the_audit_trail(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    html = client.post(
        "/counter/scan/", {"code": ticket_url(appointment.reference)}, follow=True
    ).content.decode()
    number = appointment.id_number_masked
    assert number in html
    for _ in range(2):
        html = client.post(f"/counter/intake/{appointment.reference}/reveal/").content.decode()
    from core.personal_data import reveal

    assert reveal(appointment.applicant_id_encrypted) in html
    reveals = AccessLog.objects.filter(
        appointment=appointment, action=AccessAction.REVEAL_ID, user=clerks[0]
    )
    assert reveals.count() == 2
    manager = StaffFactory(email="mgr@test.local", centre=centres[0], role="manager")
    client.force_login(manager)
    audit = client.get("/counter/audit/").content.decode()
    assert audit.count("查看完整身份证号") == 2 and "clerk1@test.local" in audit
    client.force_login(clerks[0])
    assert client.get("/counter/audit/").status_code == 403


def test_page_flow_scan_to_returned_case(client, centres, clerks):
    appointment = CounterAppointmentFactory(centre=centres[0])
    client.force_login(clerks[0])
    response = client.post("/counter/scan/", {"code": ticket_path(appointment.reference) + "\n"})
    assert (
        response.status_code == 302
        and response["Location"] == f"/counter/intake/{appointment.reference}/"
    )
    html = client.get(response["Location"]).content.decode()
    assert "江苏省居民家庭经济状况核对授权书" in html
    ids = [line.material_id for line in checklist_of(appointment)]
    form = {f"m-{pk}": "received" for pk in ids[:-1]}
    form[f"m-{ids[-1]}"] = "missing"
    # 受理 with a required material missing does not return the case by itself.
    response = client.post(f"/counter/intake/{appointment.reference}/", form | {"action": "accept"})
    assert response.status_code == 422 and "银行卡" in response.content.decode()
    assert not Case.objects.exists()
    # 退回补正 asks first, naming what is missing; only the confirmation returns the case.
    response = client.post(f"/counter/intake/{appointment.reference}/", form | {"action": "return"})
    assert "确认退回补正" in response.content.decode() and not Case.objects.exists()
    response = client.post(
        f"/counter/intake/{appointment.reference}/", form | {"action": "return_confirmed"}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "补正" in html and "银行卡" in html
    # Errors at the page keep their status codes; a rescan reopens the case.
    assert client.post("/counter/scan/", {"code": ""}).status_code == 400
    again = client.post("/counter/scan/", {"code": ticket_path(appointment.reference)})
    assert again.status_code == 302 and again["Location"] == response["Location"]


def test_queue_order_walk_ins_and_hall_display(client, centres, clerks):
    client.force_login(clerks[0])
    late = CounterAppointmentFactory(
        centre=centres[0], start=local(2026, 11, 24, 10), booked_by__email="late@test.local"
    )
    early = CounterAppointmentFactory(
        centre=centres[0], start=local(2026, 11, 24, 9), booked_by__email="early@test.local"
    )
    reception = {"content_type": "application/json"}
    client.post("/api/v1/counter/scan", {"code": late.reference}, **reception)
    client.post("/api/v1/counter/scan", {"code": early.reference}, **reception)
    walk_in = services.issue_walk_in(centre=centres[0])
    assert walk_in.number == "W001"
    # 08:50: nobody is due yet, so everyone by arrival.
    assert services.call_next(clerk=clerks[0], counter=2).appointment == late
    with time_machine.travel(local(2026, 11, 24, 8, 55), tick=False):
        # Passed (过号), then back: queued again as if arriving now.
        services.requeue(
            clerk=clerks[0], number=services.skip(clerk=clerks[0], number="A001").number
        )
    # From 09:01: the 09:00 booking is due; the walk-in only at 09:05, then arrival order.
    calls = []
    for minute, counter in ((1, 2), (2, 3), (3, 2)):
        with time_machine.travel(local(2026, 11, 24, 9, minute), tick=False):
            calls.append(services.call_next(clerk=clerks[0], counter=counter))
    assert [c.number for c in calls] == ["A002", "W001", "A001"]
    assert services.call_next(clerk=clerks[0], counter=2) is None
    html = client.get(f"/hall/{centres[0].code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "请 A001 号到 2 号窗口" in html and "W001" in html and 'lang="zh-Hans"' in html
    assert "张桂梅" not in html and "Number" not in html


def test_scan_queries_do_not_grow_with_matters(client, centres, clerks):
    client.force_login(clerks[0])
    warm = CounterAppointmentFactory(
        centre=centres[0],
        codes=("JS-MZ-04",),
        situation_codes=(),
        booked_by__email="warm@test.local",
    )
    scan(client, ticket_url(warm.reference))  # the day's first scan also creates the queue sequence
    one = CounterAppointmentFactory(
        centre=centres[0],
        codes=("JS-MZ-04",),
        situation_codes=(),
        booked_by__email="one@test.local",
    )
    many = CounterAppointmentFactory(
        centre=centres[0],
        codes=("JS-YB-01", "JS-RS-05", "JS-YB-04"),
        situation_codes=("JS-YB-01-01", "JS-RS-05-01"),
        booked_by__email="many@test.local",
    )
    counts = []
    for appointment in (one, many):
        with CaptureQueriesContext(connection) as ctx:
            assert scan(client, ticket_url(appointment.reference)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 30
