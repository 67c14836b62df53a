"""Settings shared by every environment; values that differ come from the environment.

Django, Wagtail and the site itself are set here; logins and their security
(logins.py), flow-back and text messages (flowback.py), and the booking and
rating rules (rules.py) each have a module, all read in here.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, PROJECT_DIR, env_bool, env_list

# Settings of one concern each, in modules of their own.
from .flowback import *  # noqa: F403
from .logins import *  # noqa: F403
from .rules import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "core",
    "guides",
    "accounts",
    "centres",
    "appointments",
    "casework",
    "enterprises",
    "search",
    "flowback",
    "ratings",
    "dashboards",
    "django_q",
    # Only for its templates and static files: the API documentation is served
    # from this site, never from a CDN.
    "ninja",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "captcha",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "portal.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.language.ChosenLanguageMiddleware",
    "portal.cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.views.elder_mode_context",
                "portal.footer.site_footer",
                "portal.links.site_urls",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer fails the request after a few seconds
    # (a 503 page, portal.handlers) instead of holding a worker until it is killed.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes (web server and django-q2 worker) share the file:
    # wait for the write lock instead of failing at once, and take it at the
    # start of a transaction so that booking transactions run one at a time.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Optional streaming replica: dashboard and guide reads (portal/routers.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "portal.routers.ReplicaReadsMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the account with whether it is staff (one query).
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
    # Sessions opened before the two above name these two: they stay valid (and
    # cost a second query a request) until they expire; then drop these lines.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's own catalogues first; then Chinese for newer Django/Wagtail messages
# whose own zh_Hans catalogues lack them (hand-kept, not rebuilt by make messages).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "Asia/Shanghai"
# The holiday calendar is read on every availability look-up; saving a year clears it.
CALENDAR_CACHE_SECONDS = int(os.environ.get("CALENDAR_CACHE_SECONDS", "300"))
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
# nginx serves collectstatic's output from here (deploy/nginx/portal.conf.template).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Larger requests are refused from their Content-Length, before anything reads
# them (portal.middleware); the largest upload is a 10 MB document in the admin.
REQUEST_MAX_BYTES = 12 * 1024 * 1024
CSRF_FAILURE_VIEW = "portal.handlers.csrf_failure"

# Content-Security-Policy: everything from this site, no inline script. The
# Wagtail admin and the API documentation keep working within it; data: images
# are the inline SVG icons and QR codes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@zwfw.jiangsu.local")

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Every signed-in request reads its session: from Redis, shared by all app
    # servers, not from PostgreSQL (written through to both, so a lost cache loses
    # no session). Never with a per-process cache: a logout on one worker would
    # not reach the session another worker kept.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: django-q2 with the ORM broker, or Redis when configured.
Q_CLUSTER = {
    "name": "portal",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 60,
    "retry": 120,
    "queue_limit": 50,
    "catch_up": False,
    "label": _("后台任务"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Wagtail's own background work (search index and reference index updates)
# runs immediately in the request, so a deployment needs only the django-q2
# worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "江苏省便民服务中心办事指南与预约"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# A reviewer who edits and approves in one step publishes what they approved,
# instead of sending their own edit back into review.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "odt", "jpg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL_CONFIGURED = bool(os.environ.get("SITE_URL"))
# Anonymous guide pages are cached whole (portal/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail's immediate background tasks log every run at INFO.
    # The SMS SDKs, and urllib3 beneath them, log whole requests and answers or URLs
    # (Alibaba Cloud's carry the phone number and the code) at DEBUG.
    "loggers": {
        "urllib3": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "tencentcloud_sdk_common": {"level": "WARNING"},
        "darabonba-core": {"level": "WARNING"},
    },
}

# Personal data at rest (see core/personal_data.py). Development and
# test settings derive stand-ins from their SECRET_KEY; production must set them.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS")
PERSONAL_DATA_HASH_KEY = os.environ.get("PERSONAL_DATA_HASH_KEY", "")


def derived_key(secret: str, purpose: str) -> str:
    import base64
    import hashlib

    return base64.urlsafe_b64encode(
        hashlib.sha256(f"{purpose}:{secret}".encode()).digest()
    ).decode()


# The footer of a government website: 主办单位, 网站标识码, ICP备案号 and the
# contact page. Each registration is shown only when set for the deployment.
SITE_OWNER = os.environ.get("SITE_OWNER", "江苏省政务服务管理办公室")
SITE_IDENTIFIER = os.environ.get("SITE_IDENTIFIER", "")
SITE_ICP_NUMBER = os.environ.get("SITE_ICP_NUMBER", "")
SITE_CONTACT_PHONE = os.environ.get("SITE_CONTACT_PHONE", "12345")
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "")
SITE_CONTACT_ADDRESS = os.environ.get("SITE_CONTACT_ADDRESS", "")
