"""The daily figures add up to what the live rows say, and a page reads only them."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Avg, Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.constants import AppointmentStatus
from appointments.models import Appointment, AppointmentMatter
from casework.constants import CaseStatus, QueueStatus
from casework.models import Case, QueueTicket
from dashboards import figures, selectors
from dashboards.expressions import CLOSING, COMPLETED, WAITING, minutes
from dashboards.figures import refresh_recent
from dashboards.models import (
    DailyCentreFigures,
    DailyCounterLoad,
    DailyCountyFigures,
    DailyMatterFigures,
    MonthlyCounterLoad,
    MonthlyCountyFigures,
    MonthlyMatterFigures,
)
from dashboards.scope import Period, Scope
from ratings.models import Rating

pytestmark = pytest.mark.django_db

SIZE = {"centres": 6, "days": 10, "past_days": 5, "staff": 40}


@pytest.fixture
def province():
    call_command("seed_scale", appointments=300, cases=250, verbosity=0, **SIZE)
    call_command("rebuild_dashboard_figures", verbosity=0)
    today = timezone.localdate()
    return Period(today - dt.timedelta(days=365), today + dt.timedelta(days=10))


def test_the_figures_equal_the_live_rows(province):
    scope = Scope("province")
    start, end = province.start, province.end
    appointments = Appointment.objects.filter(start__gte=start, start__lt=end)
    days = selectors.appointments_per_day(scope, province)
    assert sum(d["booked"] for d in days) == appointments.count() == 300
    assert sum(d["no_show"] for d in days) == (
        appointments.filter(status=AppointmentStatus.NO_SHOW).count()
    )
    assert sum(d["checked_in"] for d in days) == (
        appointments.filter(checked_in_at__isnull=False).count()
    )
    cases = Case.objects.filter(scanned_at__gte=start, scanned_at__lt=end)
    live = cases.aggregate(
        closing=Avg(CLOSING, filter=COMPLETED),
        wait=Avg(WAITING),
        rejected=Count("pk", filter=Q(status=CaseStatus.REJECTED)),
    )
    totals = selectors.case_totals(scope, province)
    assert totals["total"] == cases.count() == 250
    assert totals[CaseStatus.REJECTED] == live["rejected"]
    assert totals["avg_minutes"] == minutes(live["closing"])
    assert totals["wait_minutes"] == minutes(live["wait"])
    scores = selectors.ratings(scope, province)
    rated = Rating.objects.aggregate(n=Count("pk"), average=Avg("score"))
    assert scores["count"] == rated["n"] == 250
    assert scores["average"] == round(float(rated["average"]), 2)
    by_matter = selectors.cases_by_matter(scope, province)
    assert sum(row["total"] for row in by_matter) == (
        AppointmentMatter.objects.filter(appointment__cases__in=cases).count()
    )
    load = selectors.counter_load(scope, province)
    assert sum(hour["calls"] for hour in load["by_hour"]) == (
        QueueTicket.objects.filter(status=QueueStatus.SERVED).count()
    )
    cities = selectors.breakdown(scope, province)
    assert sum(row["cases"] for row in cities) == 250
    assert sum(row["booked"] for row in cities) == 300


def test_the_worker_refreshes_a_day_that_changed(province):
    scope = Scope("province")
    before = selectors.case_totals(scope, province)[CaseStatus.REJECTED]
    case = Case.objects.filter(status=CaseStatus.COMPLETED).order_by("scanned_at").first()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.REJECTED, closed_at=timezone.now())
    assert selectors.case_totals(scope, province)[CaseStatus.REJECTED] == before  # until the job
    refresh_recent()
    assert selectors.case_totals(scope, province)[CaseStatus.REJECTED] == before + 1


def test_a_province_page_costs_the_same_queries_with_more_cases(client, province, admin_user):
    client.force_login(admin_user)
    query = f"from={province.first}&to={province.last - dt.timedelta(days=10)}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/dashboard/?{query}").status_code == 200
    call_command("seed_scale", appointments=700, cases=600, verbosity=0, **SIZE)
    call_command("rebuild_dashboard_figures", verbosity=0)
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/dashboard/?{query}")
    assert response.status_code == 200
    assert len(many) == len(few)
    # No query of the page touches the live cases or appointments.
    assert not any('"casework_case"' in q["sql"] for q in many.captured_queries)
    assert DailyCentreFigures.objects.exists()


FIGURES = (
    DailyCentreFigures,
    DailyMatterFigures,
    DailyCounterLoad,
    DailyCountyFigures,
    MonthlyCountyFigures,
    MonthlyMatterFigures,
    MonthlyCounterLoad,
)


def every_row() -> dict:
    """Every figures row of every table, without its id; shares of seconds to the microsecond
    (a sum of quotients may differ in its last bits with the order the rows are added in)."""
    tables = {}
    for model in FIGURES:
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        tables[model.__name__] = sorted(
            tuple(round(v, 6) if isinstance(v, float) else v for v in row)
            for row in model.objects.values_list(*names)
        )
    return tables


def test_the_rebuild_gives_the_figures_the_worker_keeps_day_by_day(province):
    rebuilt = every_row()
    assert all(rebuilt.values())
    for model in FIGURES:
        model.objects.all().delete()
    first, last = figures.data_span()
    day = first
    while day <= last:  # as the worker does for a day that changed, one at a time
        figures.rebuild(day, day)
        day += dt.timedelta(days=1)
    assert every_row() == rebuilt


def test_the_worker_keeps_the_figures_a_rebuild_would_give(province):
    before = every_row()
    case = Case.objects.filter(status=CaseStatus.COMPLETED).order_by("-scanned_at").first()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.REJECTED, closed_at=timezone.now())
    booked = Appointment.objects.filter(status=AppointmentStatus.BOOKED).order_by("start").first()
    Appointment.objects.filter(pk=booked.pk).update(
        status=AppointmentStatus.CANCELLED, cancelled_at=timezone.now()
    )
    refresh_recent()
    kept = every_row()
    assert kept != before
    call_command("rebuild_dashboard_figures", verbosity=0)
    assert every_row() == kept
