"""Recording unanswered searches is limited per address, in the shared cache (issue #15)."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from search.models import UnansweredQuery

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/4"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    if request.param == "locmem":
        yield
        return
    if not _redis_reachable():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    with override_settings(CACHES={"default": backend}):
        caches["default"].clear()
        yield
        caches["default"].clear()


@override_settings(SEARCH_RECORD_PER_HOUR=5)
def test_one_address_cannot_flood_the_report(client, shared_cache):
    for n in range(40):
        client.get("/api/v1/search", {"q": f"乱码查询{n:02d}号"}, REMOTE_ADDR="203.0.113.7")
    assert UnansweredQuery.objects.count() == 5
    # Another address still counts.
    client.get("/search/", {"q": "另一个没有结果的词"}, REMOTE_ADDR="203.0.113.8")
    assert UnansweredQuery.objects.count() == 6


def test_repeating_the_same_words_adds_to_one_row_once_per_address(client, shared_cache):
    for _ in range(30):
        client.get("/search/", {"q": "重阳红包"}, REMOTE_ADDR="203.0.113.7")
    client.get("/search/", {"q": "重阳红包"}, REMOTE_ADDR="203.0.113.9")
    row = UnansweredQuery.objects.get()
    assert row.count == 2


@override_settings(TRUSTED_PROXY_COUNT=1, SEARCH_RECORD_PER_HOUR=2)
def test_behind_the_proxy_the_forwarded_address_counts(client, shared_cache):
    # All requests come from the proxy's address; each client is told apart.
    for client_address in ("198.51.100.1", "198.51.100.2"):
        for n in range(3):
            client.get(
                "/search/",
                {"q": f"{client_address}查无此事{n}"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"{client_address}",
            )
    assert UnansweredQuery.objects.count() == 4
