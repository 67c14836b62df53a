"""Local development: debug on, a fixed development-only secret key."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
PERSONAL_DATA_KEYS = PERSONAL_DATA_KEYS or [derived_key(SECRET_KEY, "personal-data")]  # noqa: F405
PERSONAL_DATA_HASH_KEY = PERSONAL_DATA_HASH_KEY or derived_key(SECRET_KEY, "person-hash")  # noqa: F405
WHITENOISE_USE_FINDERS = True
