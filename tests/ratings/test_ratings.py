"""Rating a completed case (好差评): the link, the page, the invitation, follow-ups for managers."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from appointments.models import Appointment
from appointments.selectors import checklist_of
from appointments.tickets import ticket_path, ticket_token
from casework import services as counter
from casework.models import Case
from centres import calendar
from centres.models import HolidayCalendar
from ratings import services, workdays
from ratings.constants import FollowUpStatus
from ratings.exceptions import AlreadyAnswered, AlreadyRated, FollowUpNotFound, NotRateable
from ratings.links import rating_path, rating_token
from ratings.models import FollowUp, Rating
from tests.accounts.factories import StaffFactory
from tests.appointments.factories import local, make_centre, make_user
from tests.casework.factories import VISIT_DAY, CaseFactory, CounterAppointmentFactory
from tests.enterprises.factories import BatchFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+?(/rate/[^/\s]+/)")


@pytest.fixture(autouse=True)
def at_the_counter():
    with time_machine.travel(VISIT_DAY, tick=False):
        yield


@pytest.fixture
def centres():
    return make_centre(counters=20), make_centre(counters=20)


@pytest.fixture
def staff(centres):
    own, other = centres
    return {
        "clerk": StaffFactory(email="clerk@test.local", centre=own),
        "manager": StaffFactory(email="mgr@test.local", centre=own, role="manager"),
        "other_manager": StaffFactory(email="mgr2@test.local", centre=other, role="manager"),
    }


def open_case(centre, clerk, email="gao@test.local", **kwargs) -> Case:
    """张桂梅's case at ``centre``, accepted with every material."""
    appointment = CounterAppointmentFactory(centre=centre, booked_by__email=email)
    return CaseFactory(appointment=appointment, clerk=clerk, **kwargs)


@pytest.fixture
def case(centres, staff):
    return open_case(centres[0], staff["clerk"], complete=True)


def rate(client, case, score, comment=""):
    return client.post(rating_path(case.pk), {"score": score, "comment": comment})


# The rating page


def test_rating_from_the_link_with_a_high_score_opens_no_follow_up(client, case):
    page = client.get(rating_path(case.pk))
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert html.count('type="radio" name="score"') == 5 and "非常满意" in html
    assert case.case_number in html and "张桂梅" not in html
    response = rate(client, case, "5", "  窗口很耐心，一次办好。 ")
    assert response.status_code == 302 and response["Location"] == rating_path(case.pk)
    rating = Rating.objects.get(case=case)
    assert (rating.score, rating.comment) == (5, "窗口很耐心，一次办好。")
    assert not FollowUp.objects.exists()
    html = client.get(rating_path(case.pk)).content.decode()
    assert "感谢您的评价" in html and "5 分（非常满意）" in html and 'name="score"' not in html


def test_rating_page_works_in_elder_mode(client, case):
    client.cookies["elder_mode"] = "1"
    html = client.get(rating_path(case.pk)).content.decode()
    assert 'class="elder"' in html and "ratings/ratings.css" in html
    assert html.count('class="score-option"') == 5


@pytest.mark.parametrize(
    "token",
    ["123:forged", "not-a-token", "x" * 300],
)
def test_forged_or_garbled_links_are_a_clear_404(client, case, token):
    response = client.get(f"/rate/{token}/")
    assert response.status_code == 404
    assert "评价链接无效" in response.content.decode()
    assert client.post(f"/rate/{token}/", {"score": "5"}).status_code == 404
    assert not Rating.objects.exists()


def test_a_tampered_link_or_a_ticket_token_does_not_open_another_case(client, case):
    token = rating_token(case.pk)
    other_id = token.replace(f"{case.pk}:", f"{case.pk + 1}:", 1)
    assert client.get(f"/rate/{other_id}/").status_code == 404
    # A ticket's token is signed with another salt, so it is no rating link.
    ticket = ticket_token(case.appointment.reference)
    assert client.get(f"/rate/{ticket}/").status_code == 404
    # A correctly signed id of a case that does not exist.
    assert client.get(rating_path(case.pk + 999)).status_code == 404


@pytest.mark.parametrize("score", ["0", "6", "-1", "abc", "", "4.5"])
def test_score_out_of_range_is_refused(client, case, score):
    response = rate(client, case, score, "留言保留")
    assert response.status_code == 422
    html = response.content.decode()
    assert "请选择 1 到 5 分" in html and "留言保留" in html
    assert not Rating.objects.exists()


def test_comment_over_500_characters_is_refused(client, case):
    assert rate(client, case, "4", "长" * 501).status_code == 422
    assert not Rating.objects.exists()
    assert rate(client, case, "4", "长" * 500).status_code == 302


def test_a_case_not_yet_completed_cannot_be_rated(client, centres, staff):
    case = open_case(centres[0], staff["clerk"])
    page = client.get(rating_path(case.pk))
    assert page.status_code == 409 and "还没有办结" in page.content.decode()
    assert rate(client, case, "5").status_code == 409
    with pytest.raises(NotRateable):
        services.rate_case(case=case, score=5)
    counter.reject_case(case=case, clerk=staff["clerk"], reason="不符合条件")
    assert rate(client, case, "1").status_code == 409
    assert not Rating.objects.exists()


def test_a_case_is_rated_once(client, case):
    assert rate(client, case, "4").status_code == 302
    again = rate(client, case, "1", "改成差评")
    assert again.status_code == 409
    html = again.content.decode()
    assert "已经评价过" in html and "4 分（满意）" in html
    with pytest.raises(AlreadyRated):
        services.rate_case(case=case, score=2)
    assert Rating.objects.get().score == 4 and not FollowUp.objects.exists()


# The link on the ticket page


def test_ticket_page_shows_the_link_once_the_case_is_completed(client, centres, staff):
    case = open_case(centres[0], staff["clerk"])
    path = ticket_path(case.appointment.reference)
    assert "评价" not in client.get(path).content.decode()
    counter.complete_case(case=case, clerk=staff["clerk"])
    html = client.get(path).content.decode()
    assert rating_path(case.pk) in html
    rate(client, case, "5")
    html = client.get(path).content.decode()
    assert rating_path(case.pk) not in html and "已评价" in html


# The invitation when a case completes


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
    settings.SMS_BACKEND = "tests.ratings.test_ratings.StreamBackend"
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


# Follow-ups for the centre manager


def test_low_rating_opens_a_follow_up_visible_to_that_centres_manager_only(client, case, staff):
    # Tuesday 24 November + 5 working days, over the weekend: Tuesday 1 December.
    assert rate(client, case, "2", "等了很久，态度不好").status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.rating.case == case and follow_up.centre_id == case.centre_id
    assert follow_up.status == FollowUpStatus.OPEN
    assert follow_up.due_date == dt.date(2026, 12, 1)
    html = client.get(rating_path(case.pk)).content.decode()
    assert "2026-12-01 前答复" in html

    detail = f"/counter/follow-ups/{follow_up.pk}/"
    client.force_login(staff["manager"])
    listing = client.get("/counter/follow-ups/").content.decode()
    assert case.case_number in listing and detail in listing
    page = client.get(detail).content.decode()
    assert "等了很久，态度不好" in page and "2 分（不满意）" in page
    assert "差评回复" in client.get("/counter/").content.decode()

    client.force_login(staff["other_manager"])
    assert case.case_number not in client.get("/counter/follow-ups/").content.decode()
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"answer": "不是我们中心的"}).status_code == 404

    client.force_login(staff["clerk"])
    assert client.get("/counter/follow-ups/").status_code == 403
    assert client.get(detail).status_code == 403
    assert client.post(detail, {"answer": "窗口人员代答"}).status_code == 403

    client.force_login(make_user("resident@test.local"))
    assert client.get("/counter/follow-ups/").status_code == 403
    client.logout()
    assert client.get(detail)["Location"].startswith("/admin/login/")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.OPEN


def test_score_one_on_a_friday_is_due_the_next_friday(client, case):
    with time_machine.travel(local(2026, 11, 27, 16), tick=False):
        rate(client, case, "1")
    assert FollowUp.objects.get().due_date == dt.date(2026, 12, 4)


def test_due_date_skips_national_day_and_counts_the_adjusted_saturday(case, settings):
    # 1–7 October 2026 are holidays; Saturday 10 October is worked in exchange (调休).
    rating = services.rate_case(case=case, score=1, now=local(2026, 9, 30, 10))
    assert rating.follow_up.due_date == dt.date(2026, 10, 13)
    assert workdays.add_working_days(start=dt.date(2026, 9, 30), days=3) == dt.date(2026, 10, 10)
    # The number of working days is a setting, read when the rating is given.
    settings.RATING_FOLLOW_UP_WORKING_DAYS = 1
    Rating.objects.all().delete()
    again = services.rate_case(case=case, score=2, now=local(2026, 9, 30, 10))
    assert again.follow_up.due_date == dt.date(2026, 10, 8)


def test_working_days_stop_before_a_year_whose_calendar_is_not_confirmed():
    # 2027's calendar is not confirmed: its days never count, and a deadline that
    # would run into it is the last working day before it (issue 18).
    assert not HolidayCalendar.objects.filter(year=2027, confirmed=True).exists()
    assert workdays.add_working_days(start=dt.date(2026, 12, 29), days=5) == dt.date(2026, 12, 31)
    assert workdays.add_working_days(start=dt.date(2026, 12, 31), days=2) == dt.date(2026, 12, 31)
    assert not calendar.is_workday(dt.date(2027, 1, 4))


@pytest.mark.parametrize("score", ["3", "4", "5"])
def test_scores_three_to_five_open_no_follow_up(client, case, score):
    assert rate(client, case, score).status_code == 302
    assert not FollowUp.objects.exists()


def test_answering_closes_the_follow_up_once(
    client, case, staff, capsys, django_capture_on_commit_callbacks
):
    rate(client, case, "1", "材料清单和实际要求不一致")
    follow_up = FollowUp.objects.get()
    detail = f"/counter/follow-ups/{follow_up.pk}/"
    client.force_login(staff["manager"])
    assert client.post(detail, {"answer": "   "}).status_code == 422
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail, {"answer": "已核实，清单已更正，并电话致歉。"})
    assert response.status_code == 302
    # The applicant is told where to read the answer.
    sms = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[SMS]")]
    assert len(sms) == 1 and rating_path(case.pk) in sms[0]
    assert rating_path(case.pk) in mail.outbox[-1].body
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.ANSWERED
    assert follow_up.answered_by == staff["manager"] and follow_up.answered_at == VISIT_DAY
    assert follow_up.answer == "已核实，清单已更正，并电话致歉。"
    again = client.post(detail, {"answer": "再答一次"})
    assert again.status_code == 409 and "已经回复过" in again.content.decode()
    with pytest.raises(AlreadyAnswered):
        services.answer_follow_up(follow_up=follow_up, manager=staff["manager"], answer="再答")
    follow_up.refresh_from_db()
    assert follow_up.answer == "已核实，清单已更正，并电话致歉。"
    # The applicant sees the answer on the rating page; the list moves it to 已回复.
    client.logout()
    assert "清单已更正" in client.get(rating_path(case.pk)).content.decode()


def test_open_items_come_first_and_overdue_ones_are_marked(client, centres, staff):
    items = []
    for n, score in enumerate(["1", "2"]):
        case = open_case(centres[0], staff["clerk"], email=f"r{n}@test.local")
        counter.complete_case(case=case, clerk=staff["clerk"])
        rate(client, case, score)
        items.append(FollowUp.objects.get(rating__case=case))
    services.answer_follow_up(follow_up=items[0], manager=staff["manager"], answer="已整改")
    client.force_login(staff["manager"])
    html = client.get("/counter/follow-ups/").content.decode()
    assert "已逾期" not in html
    assert html.index(items[1].rating.case.case_number) < html.index(
        items[0].rating.case.case_number
    )
    with time_machine.travel(local(2026, 12, 2, 9), tick=False):
        # Days later the staff session has ended (30 minutes idle): log in again.
        client.force_login(staff["manager"])
        html = client.get("/counter/follow-ups/").content.decode()
        assert html.count("已逾期") == 1 and 'class="overdue"' in html
        assert items[1].is_overdue() and not items[0].is_overdue()
    # Answering on the due date is in time.
    assert not items[1].is_overdue(dt.date(2026, 12, 1))


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


def test_the_manager_must_be_of_the_centre_to_answer(case, staff):
    rating = services.rate_case(case=case, score=1)
    with pytest.raises(FollowUpNotFound):
        services.answer_follow_up(
            follow_up=rating.follow_up, manager=staff["other_manager"], answer="x"
        )
    with pytest.raises(PermissionDenied):
        services.answer_follow_up(follow_up=rating.follow_up, manager=staff["clerk"], answer="x")
    rating.follow_up.refresh_from_db()
    assert rating.follow_up.status == FollowUpStatus.OPEN
