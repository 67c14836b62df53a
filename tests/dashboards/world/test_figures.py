"""Dashboard figures checked against the hand-counted world."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.constants import AppointmentStatus
from casework.constants import CaseStatus
from dashboards import selectors
from dashboards.figures import refresh
from dashboards.scope import Period, Scope
from tests.appointments.factories import local
from tests.dashboards.fixtures import M1, M2, _appointment, _case, _ticket
from tests.dashboards.world.support import PERIOD, QUERY, title

pytestmark = pytest.mark.django_db


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
    from tests.dashboards.fixtures import _centre

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
