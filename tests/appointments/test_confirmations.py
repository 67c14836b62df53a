"""Confirmation steps before cancelling and moving a booking, the panel after booking,
and the warning on a slot inside the cancellation cut-off (issue 18)."""

import datetime as dt
import re
from urllib.parse import unquote

import pytest
import time_machine
from django.test import override_settings

from appointments.constants import AppointmentStatus
from appointments.models import Appointment

from .factories import AppointmentFactory, id_number, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def booked(client):
    """A resident's booking for Tuesday 9:00, and the resident logged in."""
    appointment = AppointmentFactory()
    client.force_login(appointment.booked_by)
    return appointment


def test_cancel_asks_first_and_cancels_only_on_the_confirming_post(client):
    appointment = booked(client)
    detail = client.get(f"/appointments/{appointment.reference}/").content.decode()
    cancel_url = f"/appointments/{appointment.reference}/cancel/"
    # The detail page links to the question; it holds no form that cancels at once.
    assert f'href="{cancel_url}"' in detail
    assert f'action="{cancel_url}"' not in detail
    assert f'href="/centres/{appointment.centre.code}/"' in detail

    html = client.get(cancel_url).content.decode()
    assert "确定要取消这次预约吗？" in html and "释放给其他人" in html
    assert html.count('class="button primary"') == 1
    assert f'href="/appointments/{appointment.reference}/"' in html  # the way back
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED

    response = client.post(cancel_url)
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_reschedule_shows_the_day_end_times_and_confirms_before_moving(client):
    appointment = booked(client)
    url = f"/appointments/{appointment.reference}/reschedule/"
    html = client.get(url + "?date=2026-11-25").content.decode()
    assert "2026年11月25日" in html and 'aria-current="date"' in html
    # Times offered as start–end links; no form that moves the booking in one tap.
    assert re.search(r"09:30–10:\d\d", html), html
    assert 'method="post"' not in html.split("<main")[1].split("</main>")[0]
    start = re.search(r'start=([^"&]+)', html).group(1)

    html = client.get(url + f"?date=2026-11-25&start={start}").content.decode()
    assert "确认改到这个时间？" in html
    assert "2026-11-24" in html and "2026-11-25" in html  # old and new
    assert html.count('class="button primary"') == 1
    appointment.refresh_from_db()
    assert appointment.start == local(2026, 11, 24, 9)

    response = client.post(url + "?date=2026-11-25", {"start": unquote(start)})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert timezone_local(appointment.start).date() == dt.date(2026, 11, 25)


def timezone_local(value):
    from django.utils import timezone

    return timezone.localtime(value)


def test_an_unknown_start_is_not_confirmed(client):
    appointment = booked(client)
    url = f"/appointments/{appointment.reference}/reschedule/"
    html = client.get(url + "?date=2026-11-25&start=2026-11-25T03:07:00%2B08:00").content.decode()
    assert "确认改到这个时间？" not in html and "选时间" in html


def test_panel_after_booking_shows_once(client):
    centre = make_centre()
    client.force_login(make_user())
    query = f"matters=JS-MZ-04&centre={centre.pk}&date=2026-11-24"
    html = client.get(f"/book/time/?{query}").content.decode()
    start = unquote(re.search(r'start=([^"&]+)', html).group(1))
    html = client.get(f"/book/confirm/?{query}&start={start}").content.decode()
    materials = re.findall(r'name="materials" value="(\d+)"', html)
    response = client.post(
        "/book/confirm/",
        {
            "matters": "JS-MZ-04",
            "centre": centre.pk,
            "date": "2026-11-24",
            "start": start,
            "submission": "panel-1",
            "relationship": "self",
            "name": "高秀英",
            "id_number": id_number(),
            "phone": "13951234567",
            "materials": materials,
        },
    )
    assert response.status_code == 302
    reference = Appointment.objects.get().reference
    html = client.get(response["Location"]).content.decode()
    assert 'class="panel-confirmation"' in html and "预约成功" in html and reference in html
    again = client.get(response["Location"]).content.decode()
    assert "panel-confirmation" not in again and "预约详情" in again


@pytest.mark.parametrize("hours", [2, 3])
def test_a_slot_inside_the_cutoff_warns_before_booking(client, hours):
    centre = make_centre()
    client.force_login(make_user())
    query = f"matters=JS-MZ-04&centre={centre.pk}&date=2026-11-23"
    with override_settings(BOOKING_CANCEL_CUTOFF_HOURS=hours):
        html = client.get(f"/book/time/?{query}").content.decode()
        assert f"开始前 {hours} 小时内的时段" in html
        # 08:00 now: 09:00 and 09:30 are inside two hours, 10:30 is inside three only.
        late = re.findall(r"(\d\d:\d\d)–\d\d:\d\d\s*<span class=\"tag\">约后不能取消", html)
        assert late[:2] == ["09:00", "09:30"]
        assert ("10:30" in late) == (hours == 3) and "11:00" not in late
        early = local(2026, 11, 23, 9).isoformat()
        html = client.get(f"/book/confirm/?{query}&start={early}").content.decode()
        assert f"这个时间距现在不到 {hours} 小时" in html
        later = local(2026, 11, 23, 11).isoformat()
        html = client.get(f"/book/confirm/?{query}&start={later}").content.decode()
        assert "cutoff-warning" not in html


@pytest.mark.parametrize("hours", [2, 5])
def test_the_confirmation_e_mail_states_the_cutoff_setting(client, hours):
    from django.core import mail

    from appointments import notifications

    appointment = booked(client)
    with override_settings(BOOKING_CANCEL_CUTOFF_HOURS=hours):
        notifications.send_confirmation(appointment.pk)
    assert f"请在预约开始前 {hours} 小时办理" in mail.outbox[-1].body
