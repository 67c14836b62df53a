"""Hostile and malformed input (issue 16): each test sends the input that once gave a 500 or HTML.

Every answer under /api/ is JSON ``{"detail", "errors"}`` in Chinese with the
right status; every page answers 4xx for malformed input.
"""

from __future__ import annotations

import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from appointments.exceptions import SlotFull
from appointments.models import Appointment
from casework.exceptions import OtherCentre
from enterprises.models import Enterprise
from guides.models import MatterPage
from tests.appointments.factories import booking_payload, local, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def assert_api_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"detail", "errors"}
    # Chinese for people: at least one CJK character in the message.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body["detail"]
    return body


# --- NUL bytes ------------------------------------------------------------------------------

API_GETS_WITH_NUL = [
    "/api/v1/centres?q=a%00b",
    "/api/v1/matters/JS-MZ%0004",
    "/api/v1/matters/JS-MZ-04/checklist?situations=%00",
    "/api/v1/centres/1/slots?date=2026-11-24&matters=JS%00",
    "/api/v1/appointments?x=%00",
]


@pytest.mark.parametrize("url", API_GETS_WITH_NUL)
def test_a_nul_byte_in_an_api_path_or_query_is_a_json_400(client, resident, url):
    body = assert_api_error(client.get(url), 400)
    assert "NUL" in body["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/appointments/AB%00CD/",
        "/appointments/AB%00CD/calendar.ics",
        "/hall/%00/",
        "/counter/intake/%00/",
        "/counter/cases/%00/",
        "/dashboard/county/%00/",
        "/enterprise/batches/%00/",
        "/book/centre/?matters=JS-MZ-04&q=%00",
        "/book/time/?matters=JS-MZ-04&centre=1&date=2026-11-24&start=%00",
        "/robots.txt?%00",
    ],
)
def test_a_nul_byte_in_a_page_address_is_a_short_chinese_400_page(client, resident, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "不允许的字符" in response.content.decode()


def test_a_nul_byte_in_a_json_body_is_refused_before_anything_is_written(client, resident, centre):
    data = booking_payload(centre)
    data["applicant"]["name"] = "高\u0000秀英"
    response = client.post("/api/v1/appointments", data, content_type="application/json")
    assert_api_error(response, 400)
    assert not Appointment.objects.exists()


def test_a_nul_byte_in_a_form_or_multipart_body_is_a_400(client, resident, centre):
    response = client.post("/api/v1/batches", {"centre_id": "1", "bundle": "JS\x00B"})
    assert_api_error(response, 400)
    response = client.post("/enterprise/", {"name": "某\x00公司", "uscc": "x"})
    assert response.status_code == 400
    assert not Enterprise.objects.exists()


def test_a_nul_byte_in_a_header_that_is_stored_is_a_400(client, resident, centre):
    response = client.post(
        "/api/v1/appointments",
        booking_payload(centre),
        content_type="application/json",
        headers={"Idempotency-Key": "k\x00"},
    )
    assert_api_error(response, 400)
    assert not Appointment.objects.exists()


# --- times without an offset ------------------------------------------------------------------


def test_a_start_without_utc_offset_is_read_as_beijing_time(client, resident, centre):
    response = client.post(
        "/api/v1/appointments",
        booking_payload(centre, start="2026-11-24T09:00:00"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["start"].startswith("2026-11-24T09:00:00+08:00")
    reference = response.json()["reference"]
    moved = client.post(
        f"/api/v1/appointments/{reference}/reschedule",
        {"start": "2026-11-24T10:00:00"},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["start"].startswith("2026-11-24T10:00:00+08:00")


# --- methods, encodings and sizes ------------------------------------------------------------


def test_a_method_the_endpoint_does_not_have_is_a_json_405(client):
    response = client.delete("/api/v1/centres")
    assert_api_error(response, 405)
    assert "GET" in response["Allow"]


def test_a_body_over_the_limit_is_a_json_413(client, resident, centre):
    data = booking_payload(centre, situations=["x" * 3_000_000])
    response = client.post("/api/v1/appointments", data, content_type="application/json")
    assert_api_error(response, 413)


def test_a_multipart_body_sent_to_a_json_endpoint_is_a_415(client, resident, centre):
    response = client.post("/api/v1/appointments", {"centre_id": str(centre.pk)})
    assert_api_error(response, 415)


def test_invalid_json_is_answered_in_chinese(client, resident):
    response = client.post("/api/v1/appointments", "{not json", content_type="application/json")
    body = assert_api_error(response, 400)
    assert "JSON" in body["detail"]


def test_a_missing_csrf_token_is_answered_in_chinese_json(centre):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    response = client.post(
        "/api/v1/appointments", booking_payload(centre), content_type="application/json"
    )
    assert_api_error(response, 403)
    page = client.post("/enterprise/", {"name": "某公司", "uscc": "x"})
    assert page.status_code == 403
    assert "刷新页面" in page.content.decode()


def test_every_domain_error_becomes_its_status_in_one_place(rf):
    from portal.api import api

    request = rf.get("/api/v1/centres")
    for error, status in ((SlotFull(), 409), (OtherCentre(), 403)):
        response = api.on_exception(request, error)
        assert response.status_code == status
        assert json.loads(response.content)["detail"] == error.message


# --- pages ----------------------------------------------------------------------------------


def test_a_date_that_does_not_exist_is_a_400_page(client, resident, centre):
    response = client.get(f"/book/time/?matters=JS-MZ-04&centre={centre.pk}&date=2026-13-01")
    assert response.status_code == 400
    assert "日期不正确" in response.content.decode()


def test_an_enterprise_name_longer_than_the_applicant_column_is_refused_at_registration(
    client, resident
):
    response = client.post("/enterprise/", {"name": "某" * 51, "uscc": "91320100MA1N8T8Q2X"})
    assert response.status_code == 422
    assert "最长 50 个字" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_a_reviewer_approving_a_revision_that_lacks_an_element_gets_a_message(users, client):
    page = MatterPage.objects.get(code="JS-MZ-04")
    draft = MatterPage.objects.get(pk=page.pk)
    draft.fee = ""  # element 7, 收费标准
    draft.save_revision(user=users["editor"])
    state = page.get_workflow().start(page, users["editor"])
    client.force_login(users["reviewer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    assert "缺少以下要素" in response.content.decode()
    page.refresh_from_db()
    assert page.fee  # nothing was published
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_IN_PROGRESS
