"""Test settings: fast hashing, naive datetimes are errors, tasks run at once."""

import os
import warnings

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Q_SYNC=0 lets a test run a real worker (tests/support/worker.py) on a database copy.
Q_CLUSTER = {**Q_CLUSTER, "sync": os.environ.get("Q_SYNC", "1") == "1"}  # noqa: F405
# The topology test (tests/deploy) runs app servers that share Redis, as in production.
if os.environ.get("TEST_SHARED_REDIS") != "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
ALLOWED_HOSTS = ["*"]
# Off; tests of the cache turn it on (the topology test through the environment).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

warnings.filterwarnings(
    "error", r"DateTimeField .* received a naive datetime", RuntimeWarning, r"django\.db\.models"
)
PERSONAL_DATA_KEYS = [derived_key(SECRET_KEY, "personal-data")]  # noqa: F405
PERSONAL_DATA_HASH_KEY = derived_key(SECRET_KEY, "person-hash")  # noqa: F405
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: tests that start a real server copy it.
    # TEST_DB_NAME lets two runs in one checkout keep apart.
    name = os.environ.get("TEST_DB_NAME") or str(BASE_DIR / "var" / "test.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": name}  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
# The flow-back tests' receivers listen on http://127.0.0.1; production never may.
FLOWBACK_ALLOW_INSECURE_URLS = True

# Each test builds its own calendar rows; nothing read from the cache.
CALENDAR_CACHE_SECONDS = 0
