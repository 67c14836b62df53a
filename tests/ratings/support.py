"""Helpers of the rating tests: a case at the counter, a rating posted from its link."""

import re

from casework.models import Case
from ratings.links import rating_path
from tests.casework.factories import CaseFactory, CounterAppointmentFactory

# A rating link in a message's text.
LINK = re.compile(r"https?://\S+?(/rate/[^/\s]+/)")


def open_case(centre, clerk, email="gao@test.local", **kwargs) -> Case:
    """张桂梅's case at ``centre``, accepted with every material."""
    appointment = CounterAppointmentFactory(centre=centre, booked_by__email=email)
    return CaseFactory(appointment=appointment, clerk=clerk, **kwargs)


def rate(client, case, score, comment=""):
    return client.post(rating_path(case.pk), {"score": score, "comment": comment})
