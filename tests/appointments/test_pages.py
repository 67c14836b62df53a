"""The booking pages without JavaScript, my appointments, tickets, e-mails and jobs."""

import datetime as dt
import re
from urllib.parse import unquote

import pytest
import time_machine
from django.core import mail
from django_q.models import Schedule

from appointments import notifications
from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from guides.models import MatterPage
from portal import jobs

from .factories import AppointmentFactory, id_number, local, make_centre, make_user

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 8, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def follow(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_whole_flow_from_a_guide_with_situations(client):
    centre = make_centre()
    user = make_user()
    user.first_name = "高秀英"
    user.save()
    client.force_login(user)

    # From the guide's button: JS-MZ-03 has two situations, so the question comes first.
    response, html = follow(client, "/book/?matters=JS-MZ-03")
    assert response.redirect_chain[-1][0].startswith("/book/situations/")
    assert "急难型" in html and "支出型" in html

    response, html = follow(client, "/book/situations/?matters=JS-MZ-03&situations=JS-MZ-03-02")
    assert centre.name in html
    response, html = follow(
        client, f"/book/day/?matters=JS-MZ-03&situations=JS-MZ-03-02&centre={centre.pk}"
    )
    assert "11月24日" in html and "11月28日" not in html  # Saturday is closed
    base = f"/book/time/?matters=JS-MZ-03&situations=JS-MZ-03-02&centre={centre.pk}&date=2026-11-24"
    response, html = follow(client, base)
    start = re.search(r'start=([^"&]+)', html).group(1)
    confirm_url = base.replace("/book/time/", "/book/confirm/") + f"&start={start}"
    response, html = follow(client, confirm_url)
    assert "江苏省居民家庭经济状况核对授权书" in html
    assert 'value="高秀英"' in html  # the account holder by default
    material_ids = re.findall(r'name="materials" value="(\d+)"', html)
    assert len(material_ids) == 8
    submission = re.search(r'name="submission" value="([^"]+)"', html).group(1)

    form = {
        "matters": "JS-MZ-03",
        "situations": "JS-MZ-03-02",
        "centre": centre.pk,
        "date": "2026-11-24",
        "start": unquote(start),
        "submission": submission,
        "relationship": "parent",
        "name": "张桂梅",
        "id_number": id_number(dt.date(1952, 6, 1)),
        "phone": "13951234567",
    }
    # Not every material ticked: the page asks to confirm each one, nothing saved.
    response = client.post("/book/confirm/", {**form, "materials": material_ids[:3]})
    assert "逐项确认" in response.content.decode()
    assert not Appointment.objects.exists()

    response = client.post("/book/confirm/", {**form, "materials": material_ids})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.relationship == "parent" and appointment.applicant_name == "张桂梅"
    assert appointment.matters.get().situation_code == "JS-MZ-03-02"
    # A double click sends the same form again: still one appointment.
    again = client.post("/book/confirm/", {**form, "materials": material_ids})
    assert again.status_code == 302 and Appointment.objects.count() == 1

    response, html = follow(client, response["Location"])
    assert appointment.reference in html
    assert "qr.svg" in html and "calendar.ics" in html
    assert appointment.id_number_masked in html and form["id_number"] not in html
    ics = client.get(f"/appointments/{appointment.reference}/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"DTSTART" in ics.content and appointment.reference.encode() in ics.content


def test_bad_applicant_shows_messages_tied_to_fields_and_escapes_html(client):
    centre = make_centre()
    client.force_login(make_user())
    start = local(2026, 11, 24, 9).isoformat()
    response = client.post(
        "/book/confirm/",
        {
            "matters": "JS-MZ-04",
            "centre": centre.pk,
            "date": "2026-11-24",
            "start": start,
            "submission": "x1",
            "relationship": "self",
            "name": "<b>王</b>",
            "id_number": "320105195603081234",
            "phone": "025-87770101",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>王</b>" not in html and "&lt;b&gt;王&lt;/b&gt;" in html
    assert "校验位" in html and "手机" in html and "汉字" in html
    assert not Appointment.objects.exists()


def test_confirm_step_needs_login(client):
    response = client.get("/book/confirm/?matters=JS-MZ-04")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cancel_from_my_appointments_frees_the_place(client):
    appointment = AppointmentFactory()
    client.force_login(appointment.booked_by)
    html = client.get("/appointments/").content.decode()
    assert appointment.reference in html
    client.post(f"/appointments/{appointment.reference}/cancel/")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert (
        appointment.slot.booked_minutes == 0 or Appointment.objects.get().slot.booked_minutes == 0
    )


def test_public_ticket_page_has_no_personal_data(client):
    appointment = AppointmentFactory(applicant__name="高秀英")
    centre = appointment.centre
    from appointments.tickets import ticket_path

    html = client.get(ticket_path(appointment.reference)).content.decode()
    assert appointment.reference in html and centre.name in html
    assert "高秀英" not in html and "139" not in html
    assert client.get(ticket_path(appointment.reference)[:-2] + "xx").status_code == 404


def test_reminder_the_day_before_is_sent_once():
    AppointmentFactory(booked_by__email="gao@test.local")
    assert notifications.send_reminders(now=local(2026, 11, 22, 18)) == 0  # two days before
    assert notifications.send_reminders(now=local(2026, 11, 23, 18)) == 1
    assert notifications.send_reminders(now=local(2026, 11, 23, 19)) == 0
    assert len(mail.outbox) == 1 and "明天" in mail.outbox[0].subject


def test_scheduled_jobs_exist_once():
    jobs.ensure_schedules()
    jobs.ensure_schedules()
    funcs = sorted(Schedule.objects.values_list("func", flat=True))
    assert funcs == sorted(func for func, *_ in jobs.JOBS.values())
    assert "appointments.tasks.send_reminders" in funcs and "flowback.sms.tasks.send_due" in funcs


def test_applicant_is_told_when_the_material_list_changes(
    client, django_capture_on_commit_callbacks
):
    appointment = AppointmentFactory(booked_by__email="gao@test.local")
    client.force_login(appointment.booked_by)
    page = MatterPage.objects.get(code="JS-MZ-04")
    situation = page.situations.first()
    removed = situation.materials.last().material.name
    situation.materials = list(situation.materials.all())[:-1]
    page.situations = [situation]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1
    assert removed in mail.outbox[0].body
    html = client.get(f"/appointments/{appointment.reference}/").content.decode()
    assert "有更新" in html and removed in html


def test_booking_for_oneself_starts_from_the_accounts_phone():
    from appointments import pages
    from tests.accounts.factories import ProfileFactory

    user = make_user("phone@test.local")
    assert pages.applicant_initial(user) == {}
    ProfileFactory(user=user, phone="13951234567")
    # accounts registers the hook; booking does not import accounts.
    assert pages.applicant_initial(user) == {"phone": "13951234567"}


def test_choosing_no_situation_says_so_instead_of_reloading(client):
    make_centre()
    client.force_login(make_user())
    html = client.get("/book/situations/?matters=JS-MZ-03").content.decode()
    assert 'name="asked"' in html and "situation-error" not in html
    # Sent with nothing chosen (a browser that does not check "required").
    response = client.get("/book/situations/?matters=JS-MZ-03&asked=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="situation-error"' in html and "请先选择您属于哪种情况" in html
    assert 'aria-invalid="true"' in html
    # Chosen: on to the centres.
    chosen = client.get("/book/situations/?matters=JS-MZ-03&asked=1&situations=JS-MZ-03-02")
    assert chosen.status_code == 302 and "/book/centre/" in chosen["Location"]
