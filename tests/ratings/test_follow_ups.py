"""Follow-ups of low ratings for the centre manager, due in working days."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied

from casework import services as counter
from centres import calendar
from centres.models import HolidayCalendar
from ratings import services, workdays
from ratings.constants import FollowUpStatus
from ratings.exceptions import AlreadyAnswered, FollowUpNotFound
from ratings.links import rating_path
from ratings.models import FollowUp, Rating
from tests.appointments.factories import local, make_user
from tests.casework.factories import VISIT_DAY
from tests.ratings.support import open_case, rate

pytestmark = pytest.mark.django_db


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
