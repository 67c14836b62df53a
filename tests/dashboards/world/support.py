"""The period the world's figures are read over, and helpers of its tests."""

import csv
import datetime as dt
import io

from dashboards.scope import Period
from guides.models import MatterPage

PERIOD = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 25))
QUERY = "from=2026-11-23&to=2026-11-25"


def title(code):
    return MatterPage.objects.get(code=code).title


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
