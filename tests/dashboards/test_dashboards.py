"""Dashboards: figures checked against the hand-counted world, and who sees what."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Profile
from accounts.services import add_official, add_staff, ensure_user
from appointments.constants import AppointmentStatus
from casework.constants import CaseStatus
from dashboards import selectors
from dashboards.figures import refresh
from dashboards.scope import Period, Scope
from guides.models import MatterPage
from tests.appointments.factories import local

from .fixtures import M1, M2, SECRET_NAME, SECRET_PHONE, _appointment, _case, _ticket, build_world

pytestmark = pytest.mark.django_db

PERIOD = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 25))
QUERY = "from=2026-11-23&to=2026-11-25"


@pytest.fixture(autouse=True)
def the_day_after():
    with time_machine.travel(local(2026, 11, 26, 10), tick=False):
        yield


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def people(world):
    east, west, _far = world["counties"]
    a, b, _c, _d = world["centres"]
    return {
        "county": add_official(email="east@test.local", role="county", county=east),
        "city": add_official(email="city@test.local", role="city", city=world["cities"][0]),
        "province": add_official(email="prov@test.local", role="province"),
        "manager": add_staff(email="mgr@test.local", centre=a, role="manager"),
        "clerk": add_staff(email="clerk1@test.local", centre=a, role="clerk"),
        "resident": ensure_user(email="someone@test.local"),
    }


def title(code):
    return MatterPage.objects.get(code=code).title


# ------------------------------------------------------------------ figures


def test_appointments_per_day_and_no_show_rate_in_a_county(world):
    east = Scope("county", world["counties"][0])
    days = selectors.appointments_per_day(east, PERIOD)
    assert days == [
        {"day": dt.date(2026, 11, 23), "booked": 3, "checked_in": 2, "no_show": 1, "cancelled": 0},
        # The 07:30 no-show is 23:30 UTC on the 23rd; China time puts it here.
        {"day": dt.date(2026, 11, 24), "booked": 3, "checked_in": 1, "no_show": 1, "cancelled": 1},
        {"day": dt.date(2026, 11, 25), "booked": 4, "checked_in": 3, "no_show": 0, "cancelled": 0},
    ]
    summary = selectors.summary(
        days, selectors.case_totals(east, PERIOD), selectors.ratings(east, PERIOD)
    )
    assert summary == {
        "booked": 10,
        "checked_in": 6,
        "no_show": 2,
        "cancelled": 1,
        "no_show_rate": 25.0,  # 2 of the 8 that fell due
        "cases": 6,
        "completed": 4,
        "avg_minutes": 32.0,  # (30 + 45 + 13 + 40) / 4
        "wait_minutes": 0.0,
        "counter_minutes": 0.0,
        "ratings": 4,
        "average_score": 3.0,  # (5 + 1 + 2 + 4) / 4
        "low_share": 50.0,  # the 1 and the 2
    }


def test_cases_by_matter_and_status(world):
    east = Scope("county", world["counties"][0])
    assert selectors.case_totals(east, PERIOD) == {
        "total": 6,
        CaseStatus.ACCEPTED: 0,
        CaseStatus.RETURNED: 1,
        CaseStatus.COMPLETED: 4,
        CaseStatus.REJECTED: 1,
        "avg_minutes": 32.0,
        "wait_minutes": 0.0,
        "counter_minutes": 0.0,
    }
    assert selectors.cases_by_matter(east, PERIOD) == [
        {
            "code": M1,
            "title": title(M1),
            "accepted": 0,
            "returned": 1,
            "completed": 3,
            "rejected": 1,
            "total": 5,
        },
        {
            "code": M2,
            "title": title(M2),
            "accepted": 0,
            "returned": 0,
            "completed": 2,
            "rejected": 0,
            "total": 2,
        },
    ]


def test_handling_minutes_per_matter_against_the_standard(world):
    east = Scope("county", world["counties"][0])
    # The 45-minute case of both matters splits 30 / 15 by their standards 20 / 10.
    assert selectors.handling_by_matter(east, PERIOD) == [
        {
            "code": M1,
            "title": title(M1),
            "cases": 3,
            "wait_minutes": 0.0,
            "counter_minutes": 0.0,
            "avg_minutes": 33.3,  # (30 + 30 + 40) / 3
            "standard": 20,
            "ratio": 166.7,
        },
        {
            "code": M2,
            "title": title(M2),
            "cases": 2,
            "wait_minutes": 0.0,
            "counter_minutes": 0.0,
            "avg_minutes": 14.0,  # (15 + 13) / 2
            "standard": 10,
            "ratio": 140.0,
        },
    ]


def test_counter_load_of_a_centre_shows_the_idle_counter(world):
    a = world["centres"][0]
    load = selectors.counter_load(Scope("centre", a), PERIOD)
    assert [g["label"] for g in load["groups"]] == ["1 号窗口", "2 号窗口", "3 号窗口"]
    assert all(g["days"] == 2 for g in load["groups"])  # the 23rd and the 25th
    calls = {(g["key"], c["hour"]): c["calls"] for g in load["groups"] for c in g["cells"]}
    assert {k: v for k, v in calls.items() if v} == {
        (1, 9): 1,
        (1, 10): 1,
        (1, 14): 1,
        (1, 15): 1,
        (2, 14): 1,
    }
    assert [c["per_counter"] for c in load["groups"][0]["cells"] if c["calls"]] == [0.5] * 4
    assert not any(c["calls"] for c in load["groups"][2]["cells"])
    by_hour = {h["hour"]: (h["calls"], h["wait_minutes"]) for h in load["by_hour"] if h["calls"]}
    assert by_hour == {9: (1, 10.0), 10: (1, 10.0), 14: (2, 20.0), 15: (1, 20.0)}


def test_counter_load_of_a_county_is_per_centre(world):
    east = Scope("county", world["counties"][0])
    load = selectors.counter_load(east, PERIOD)
    a, b = load["groups"]
    assert (a["label"], a["counters"], a["days"]) == ("东区甲街道便民服务中心", 3, 2)
    assert (b["label"], b["counters"], b["days"]) == ("东区乙镇便民服务中心", 2, 2)
    cell = {c["hour"]: c for c in a["cells"]}
    assert (cell[14]["calls"], cell[14]["per_counter"]) == (2, 0.3)  # 2 / 3 counters / 2 days
    by_hour = {h["hour"]: (h["calls"], h["wait_minutes"]) for h in load["by_hour"] if h["calls"]}
    assert by_hour == {9: (2, 7.5), 10: (1, 10.0), 11: (1, 20.0), 14: (2, 20.0), 15: (1, 20.0)}


def test_breakdown_of_a_city_is_per_county(world):
    city = Scope("city", world["cities"][0])
    rows = selectors.breakdown(city, PERIOD)
    assert [{k: v for k, v in row.items() if k != "scope"} for row in rows] == [
        {
            "code": "329801",
            "name": "东区",
            "booked": 10,
            "checked_in": 6,
            "no_show": 2,
            "cancelled": 1,
            "no_show_rate": 25.0,
            "cases": 6,
            "completed": 4,
            "avg_minutes": 32.0,
            "ratings": 4,
            "average_score": 3.0,
            "low_share": 50.0,
        },
        {
            "code": "329802",
            "name": "西区",
            "booked": 3,
            "checked_in": 1,
            "no_show": 2,
            "cancelled": 0,
            "no_show_rate": 66.7,
            "cases": 1,
            "completed": 1,
            "avg_minutes": 10.0,
            "ratings": 1,
            "average_score": 3.0,
            "low_share": 0.0,
        },
    ]


def test_breakdown_of_a_county_is_per_centre(world):
    rows = selectors.breakdown(Scope("county", world["counties"][0]), PERIOD)
    assert [
        (r["code"], r["booked"], r["no_show_rate"], r["cases"], r["avg_minutes"], r["low_share"])
        for r in rows
    ] == [("DA01", 6, 20.0, 4, 29.3, 66.7), ("DB01", 4, 33.3, 2, 40.0, 0.0)]


def test_the_period_bounds_are_china_days(world):
    a = Scope("centre", world["centres"][0])
    only_24th = Period(dt.date(2026, 11, 24), dt.date(2026, 11, 24))
    assert selectors.appointments_per_day(a, only_24th) == [
        {"day": dt.date(2026, 11, 24), "booked": 2, "checked_in": 0, "no_show": 1, "cancelled": 1}
    ]
    assert selectors.ratings(a, Period(dt.date(2026, 11, 20), dt.date(2026, 11, 20)))["count"] == 1


def test_query_count_does_not_grow_with_centres_or_rows(client, world, people):
    client.force_login(people["city"])
    with CaptureQueriesContext(connection) as before:
        assert client.get(f"/dashboard/?{QUERY}").status_code == 200
    east = world["counties"][0]
    from .fixtures import _centre

    for n in range(3):
        centre = _centre(east, f"DX0{n}", f"新增{n}便民服务中心", 4)
        appointment = _appointment(
            centre, local(2026, 11, 24, 9), [M1, M2], AppointmentStatus.COMPLETED
        )
        _case(
            appointment,
            CaseStatus.COMPLETED,
            local(2026, 11, 24, 9),
            20,
            5,
            local(2026, 11, 24, 10),
        )
        _ticket(centre, "A001", local(2026, 11, 24, 9), local(2026, 11, 24, 9, 5), 2, appointment)
    refresh([dt.date(2026, 11, 24)])
    with CaptureQueriesContext(connection) as after:
        assert client.get(f"/dashboard/?{QUERY}").status_code == 200
    assert len(after) == len(before)


# ------------------------------------------------------------------ pages and CSV


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_county_page_shows_its_figures_and_charts(client, world, people):
    client.force_login(people["county"])
    response = client.get(f"/dashboard/?{QUERY}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "东区" in page and "东区甲街道便民服务中心" in page and "东区乙镇便民服务中心" in page
    assert page.count("<svg") >= 5 and 'role="img"' in page
    assert "<dd>25.0</dd>" in page  # the no-show rate tile
    assert "<dd>32.0</dd>" in page  # average handling minutes
    assert 'href="/dashboard/centre/DA01/?from=2026-11-23&amp;to=2026-11-25"' in page
    assert "西区" not in page


def test_csv_downloads_are_excel_friendly_and_hand_counted(client, world, people):
    client.force_login(people["county"])
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=daily"))
    assert rows == [
        ["日期", "预约数", "签到", "爽约", "取消", "爽约率（%）"],
        ["2026-11-23", "3", "2", "1", "0", "33.3"],
        ["2026-11-24", "3", "1", "1", "1", "50"],
        ["2026-11-25", "4", "3", "0", "0", "0"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=handling"))
    assert rows[0] == [
        "事项编码",
        "事项",
        "已办结办件",
        "平均等候（分钟）",
        "窗口用时（分钟）",
        "受理至办结（分钟）",
        "标准用时（分钟）",
        "实际 ÷ 标准（%）",
    ]
    assert rows[1:] == [
        [M1, title(M1), "3", "0", "0", "33.3", "20", "166.7"],
        [M2, title(M2), "2", "0", "0", "14", "10", "140"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown"))
    assert rows[0][:3] == ["编码", "便民服务中心", "预约数"]
    assert [row[:7] for row in rows[1:]] == [
        ["DA01", "东区甲街道便民服务中心", "6", "4", "1", "1", "20"],
        ["DB01", "东区乙镇便民服务中心", "4", "2", "1", "0", "33.3"],
    ]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=summary"))
    assert ["爽约率（%）", "25"] in rows and ["差评（1–2 分）占比（%）", "50"] in rows
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=cases"))
    assert rows[0] == [
        "事项编码",
        "事项",
        "已受理",
        "补正（材料不全）",
        "已办结",
        "不予受理",
        "合计",
    ]
    assert rows[1] == [M1, title(M1), "0", "1", "3", "1", "5"]
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=load"))
    assert rows[0][:4] == ["便民服务中心", "窗口数", "办公日", "8时"]
    assert client.get(f"/dashboard/?{QUERY}&format=csv&table=nope").status_code == 404


def test_no_personal_data_in_any_page_or_table(client, world, people):
    client.force_login(people["province"])
    pages = [client.get(f"/dashboard/?{QUERY}")]
    pages += [
        client.get(f"/dashboard/centre/DA01/?{QUERY}&format=csv&table={table}")
        for table in ("summary", "daily", "cases", "handling", "load", "hours")
    ]
    pages += [client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown")]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert SECRET_NAME not in text and SECRET_PHONE not in text and "DASH0" not in text


def test_a_county_user_cannot_see_another_county(client, world, people):
    client.force_login(people["county"])
    for url in (
        "/dashboard/county/329802/",
        "/dashboard/centre/XC01/",
        "/dashboard/centre/YD01/",
        "/dashboard/city/329800/",
        "/dashboard/province/",
        f"/dashboard/county/329802/?{QUERY}&format=csv&table=daily",
        f"/dashboard/centre/XC01/?{QUERY}&format=csv&table=summary",
        "/dashboard/region/329802/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "西区丙镇" not in response.content.decode()
    own = client.get(f"/dashboard/centre/DA01/?{QUERY}")
    assert own.status_code == 200
    # The west county's figures never reach the east county's page: not its
    # centre, and not its 3 appointments in the east's total of 10.
    page = client.get(f"/dashboard/?{QUERY}").content.decode()
    assert "西区" not in page and "XC01" not in page
    assert "<dd>10</dd>" in page and "<dd>13</dd>" not in page
    rows = read_csv(client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown"))
    assert [row[0] for row in rows[1:]] == ["DA01", "DB01"]


def test_a_city_user_drills_down_within_the_city_only(client, world, people):
    client.force_login(people["city"])
    page = client.get(f"/dashboard/?{QUERY}").content.decode()
    assert 'href="/dashboard/county/329801/?' in page and 'href="/dashboard/county/329802/?' in page
    assert "远区" not in page
    west = client.get(f"/dashboard/county/329802/?{QUERY}")
    assert west.status_code == 200
    assert "<dd>66.7</dd>" in west.content.decode()
    assert client.get(f"/dashboard/centre/XC01/?{QUERY}").status_code == 200
    assert client.get("/dashboard/county/329701/").status_code == 404
    assert client.get("/dashboard/centre/YD01/").status_code == 404
    assert client.get("/dashboard/city/329700/").status_code == 404


def test_the_province_sees_every_city(client, world, people):
    client.force_login(people["province"])
    rows = read_csv(client.get(f"/dashboard/province/?{QUERY}&format=csv&table=breakdown"))
    found = {row[0]: row for row in rows[1:]}
    assert found["329800"][2:5] == ["13", "7", "4"]
    assert found["329700"][2:5] == ["1", "0", "1"]
    assert client.get("/dashboard/centre/YD01/").status_code == 200


def test_a_centre_manager_sees_only_their_centre(client, world, people):
    client.force_login(people["manager"])
    response = client.get(f"/dashboard/?{QUERY}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "东区甲街道便民服务中心" in page and "东区乙镇" not in page
    assert "查看下级" not in page and 'class="scope-path"' not in page
    assert "<dd>6</dd>" in page  # booked at A
    for url in ("/dashboard/centre/DB01/", "/dashboard/county/329801/", "/dashboard/province/"):
        assert client.get(url).status_code == 404
    assert client.get(f"/dashboard/?{QUERY}&format=csv&table=breakdown").status_code == 404


def test_clerks_and_residents_get_403_and_anonymous_must_log_in(client, world, people):
    for who in ("clerk", "resident"):
        client.force_login(people[who])
        assert client.get("/dashboard/").status_code == 403
        assert client.get("/dashboard/centre/DA01/").status_code == 403
    client.logout()
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/dashboard/")


@pytest.mark.parametrize(
    "query, words",
    [
        ("from=2026-13-01", "年-月-日"),
        ("from=yesterday", "年-月-日"),
        ("from=2026-11-25&to=2026-11-23", "开始日期不能晚于结束日期"),
        ("from=2024-01-01&to=2026-11-25", "最多查看 366 天"),
    ],
)
def test_bad_dates_get_a_chinese_message(client, world, people, query, words):
    client.force_login(people["county"])
    response = client.get(f"/dashboard/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert words in page and "最近 30 天和今后 14 天" in page
    csv_response = client.get(f"/dashboard/?{query}&format=csv&table=daily")
    assert csv_response.status_code == 400 and words in csv_response.content.decode()


def test_the_default_period_is_the_last_30_days_and_the_next_14(client, world, people):
    client.force_login(people["manager"])
    rows = read_csv(client.get("/dashboard/?format=csv&table=daily"))
    assert rows[1][0] == "2026-10-28" and rows[-1][0] == "2026-12-10" and len(rows) == 45
    assert ["2026-11-20", "1", "1", "0", "0", "0"] in rows
    # The search box of the page's header stays empty (issue 18).
    page = client.get("/dashboard/").content.decode()
    search = re.search(r'<input id="site-search"[^>]*>', page).group()
    assert 'value=""' in search and "from=" not in search
    assert "统计期间：2026-10-28 至 2026-12-10" in page


def test_staff_navigation_links_to_the_dashboard(client, world, people):
    client.force_login(people["county"])
    page = client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/"' in page and "数据看板" in page
    assert 'href="/counter/"' not in page  # officials have no counter


# ------------------------------------------------------------------ accounts


def test_each_role_needs_its_place(world):
    east = world["counties"][0]
    user = ensure_user(email="x@test.local")
    for role, place in (("county", {}), ("city", {}), ("manager", {}), ("clerk", {"county": east})):
        with pytest.raises(IntegrityError), transaction.atomic():
            Profile.objects.update_or_create(user=user, defaults={"role": role, **place})
    with pytest.raises(ValidationError):
        add_official(email="y@test.local", role="county")
    with pytest.raises(ValidationError):
        add_staff(email="z@test.local", centre=world["centres"][0], role="county")


def test_seed_demo_has_the_officials():
    from portal.demo import seed_demo

    accounts = seed_demo()
    assert {"county@demo.local", "city@demo.local", "province@demo.local"} <= set(accounts)
    county = Profile.objects.get(user__email="county@demo.local")
    assert county.role == "county" and county.county.code == "320105"
    assert Profile.objects.get(user__email="city@demo.local").city.code == "320100"
    assert Profile.objects.get(user__email="province@demo.local").role == "province"
