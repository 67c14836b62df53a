"""The site-wide jobs are created by migrate itself, not by hand."""

import pytest
from django_q.models import Schedule

from portal.jobs import JOBS


@pytest.mark.django_db
def test_migrate_created_every_scheduled_job():
    # The test database was built by migrate, whose post_migrate made the jobs.
    assert sorted(Schedule.objects.values_list("name", flat=True)) == sorted(JOBS)
