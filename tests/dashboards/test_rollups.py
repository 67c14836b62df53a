"""The county and month rollups give the province's and a city's pages the daily rows' figures."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from dashboards import figures, rollups, selectors
from dashboards.models import DailyCountyFigures, MonthlyCounterLoad, MonthlyMatterFigures
from dashboards.scope import Period, Scope
from tests.appointments.factories import local

from .fixtures import build_world

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("first", "last", "months", "edges"),
    [
        (D(2026, 11, 23), D(2026, 11, 25), None, [(D(2026, 11, 23), D(2026, 11, 25))]),
        (D(2026, 11, 1), D(2026, 11, 30), (D(2026, 11, 1), D(2026, 11, 30)), []),
        (D(2026, 11, 2), D(2026, 12, 30), None, [(D(2026, 11, 2), D(2026, 12, 30))]),
        (
            D(2025, 12, 2),
            D(2026, 12, 1),
            (D(2026, 1, 1), D(2026, 11, 30)),
            [(D(2025, 12, 2), D(2025, 12, 31)), (D(2026, 12, 1), D(2026, 12, 1))],
        ),
        (
            D(2026, 2, 1),
            D(2026, 3, 5),
            (D(2026, 2, 1), D(2026, 2, 28)),
            [(D(2026, 3, 1), D(2026, 3, 5))],
        ),
        (
            D(2026, 1, 31),
            D(2026, 2, 28),
            (D(2026, 2, 1), D(2026, 2, 28)),
            [(D(2026, 1, 31), D(2026, 1, 31))],
        ),
    ],
)
def test_a_period_splits_into_whole_months_and_the_days_around_them(first, last, months, edges):
    assert rollups.split(first, last) == (months, edges)


WIDE = ("province", "city")


def every_figure(scope: Scope, period: Period) -> dict:
    return {
        "daily": selectors.appointments_per_day(scope, period),
        "cases": selectors.case_totals(scope, period),
        "ratings": selectors.ratings(scope, period),
        "by_matter": selectors.cases_by_matter(scope, period),
        "handling": selectors.handling_by_matter(scope, period),
        "load": selectors.counter_load(scope, period),
        "breakdown": [
            {k: v for k, v in row.items() if k != "scope"}
            for row in selectors.breakdown(scope, period)
        ],
    }


def from_daily_rows(monkeypatch, scope: Scope, period: Period) -> dict:
    """The same figures read from the daily rows, as a county's page reads them."""
    with monkeypatch.context() as patched:
        patched.setattr(Scope, "wide", property(lambda self: False))
        return every_figure(scope, period)


@pytest.fixture
def scale():
    call_command(
        "seed_scale",
        appointments=300,
        cases=250,
        centres=6,
        days=40,
        past_days=35,
        staff=40,
        verbosity=0,
    )
    call_command("rebuild_dashboard_figures", verbosity=0)
    return figures.data_span()


def test_periods_across_months_give_the_daily_rows_figures(scale, monkeypatch):
    first, last = scale
    assert rollups.month_of(first) != rollups.month_of(last)  # the data spans two months or more
    assert MonthlyMatterFigures.objects.exists() and MonthlyCounterLoad.objects.exists()
    periods = [
        Period(first, last),  # days around whole months, or none
        Period(rollups.month_of(first), rollups.next_month(last) - dt.timedelta(days=1)),  # months
        Period(rollups.month_of(first), last),
        Period(first + dt.timedelta(days=3), rollups.next_month(last) - dt.timedelta(days=1)),
        Period(first - dt.timedelta(days=100), last + dt.timedelta(days=100)),
    ]
    cities = Scope("province").children()
    for period in periods:
        for scope in (Scope("province"), cities[0]):
            rolled = every_figure(scope, period)
            assert rolled == from_daily_rows(monkeypatch, scope, period), (scope, period)
    assert sum(r["cases"] for r in every_figure(Scope("province"), periods[1])["breakdown"]) == 250


def test_the_hand_counted_world_over_a_whole_month(monkeypatch):
    with time_machine.travel(local(2026, 12, 2, 10), tick=False):
        world = build_world()
        # Every row of the world lies within 20–25 November.
        november = Period(D(2026, 11, 1), D(2026, 11, 30))
        days = Period(D(2026, 11, 20), D(2026, 11, 25))
        for scope in (Scope("province"), Scope("city", world["cities"][0])):
            assert rollups.split(november.first, november.last)[1] == []
            month = every_figure(scope, november)
            span = every_figure(scope, days)
            assert month["cases"] == span["cases"]
            assert month["by_matter"] == span["by_matter"]
            assert month["handling"] == span["handling"]
            assert month["load"] == span["load"]
            assert month["breakdown"] == span["breakdown"]
            assert month == from_daily_rows(monkeypatch, scope, november)
        assert selectors.case_totals(Scope("province"), november)["total"] == 8


def test_the_worker_keeps_the_rollups_of_the_days_it_refreshes():
    with time_machine.travel(local(2026, 12, 2, 10), tick=False):
        build_world()
        counties = DailyCountyFigures.objects.count()
        months = MonthlyMatterFigures.objects.count()
        assert counties and months
        DailyCountyFigures.objects.all().delete()
        MonthlyMatterFigures.objects.all().delete()
        figures.refresh([D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 25)])
        assert DailyCountyFigures.objects.count() == counties
        assert MonthlyMatterFigures.objects.count() == months
