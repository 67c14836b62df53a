import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_limits():
    """Counters live in the cache, which outlives each test's rolled-back database."""
    cache.clear()
    yield
    cache.clear()
