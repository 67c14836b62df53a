"""A dashboard table as a CSV download."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from core.spreadsheets import neutralise
from dashboards.scope import Period, Scope
from dashboards.tables.table import Table


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        # A negative figure stays a number; only text can carry a formula.
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralise(str(value))


def csv_response(table: Table, scope: Scope, period: Period) -> HttpResponse:
    """UTF-8 with a byte-order mark, which is what makes Excel read Chinese correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    place = scope.code or "province"
    response["Content-Disposition"] = (
        f'attachment; filename="{table.slug}-{place}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value) for value in row])
    return response
