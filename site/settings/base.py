"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "core",
    "guides",
    "accounts",
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

# Flow-back: events to subscribed systems, and text messages to residents.
FLOWBACK_RETRY_BASE_SECONDS = int(os.environ.get("FLOWBACK_RETRY_BASE_SECONDS", "10"))
FLOWBACK_RETRY_MAX_SECONDS = 3600
FLOWBACK_LEASE_SECONDS = 120
FLOWBACK_RUN_SECONDS = 30
# Delivered events are kept this long for audit, then pruned nightly; undelivered ones stay.
FLOWBACK_KEEP_DAYS = int(os.environ.get("FLOWBACK_KEEP_DAYS", "90"))
# A short name (console, file, tencent, aliyun) or a dotted path; see flowback/sms/.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.jsonl"))
# The cloud gateways (tencent, aliyun): an API key pair, Tencent's SmsSdkAppId, the
# approved signature, and the approved template id of every kind (flowback/sms/kinds.py)
# as "kind=id,kind=id". Region and endpoint default to the provider's own.
SMS_SECRET_ID = os.environ.get("SMS_SECRET_ID", "")
SMS_SECRET_KEY = os.environ.get("SMS_SECRET_KEY", "")
SMS_APP_ID = os.environ.get("SMS_APP_ID", "")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
SMS_TEMPLATE_IDS = {
    kind.strip(): template_id.strip()
    for kind, _sep, template_id in (
        item.partition("=") for item in os.environ.get("SMS_TEMPLATE_IDS", "").split(",")
    )
    if template_id.strip()
}
SMS_REGION = os.environ.get("SMS_REGION", "")
SMS_ENDPOINT = os.environ.get("SMS_ENDPOINT", "")
SMS_TIMEOUT_SECONDS = int(os.environ.get("SMS_TIMEOUT_SECONDS", "10"))
# Throttled or unanswered texts are retried by the worker: 30 s, 1, 2, 4 minutes, then failed.
SMS_MAX_ATTEMPTS = int(os.environ.get("SMS_MAX_ATTEMPTS", "5"))
SMS_RETRY_BASE_SECONDS = int(os.environ.get("SMS_RETRY_BASE_SECONDS", "30"))
SMS_RETRY_MAX_SECONDS = 3600
# A rating of 1 or 2 must be answered by the centre manager within this many working days.
RATING_FOLLOW_UP_WORKING_DAYS = 5

# Wagtail's own background work (search index and reference index updates)
# runs immediately in the request, so a deployment needs only the django-q2
# worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Accounts (allauth): residents log in with a mobile number and a code by
# text, or a password (optional); e-mail is optional and still logs in.
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
# The phone is required by the sign-up form (accounts.auth_forms), not here:
# allauth refuses any login of an account without a phone when it is listed
# as required, and staff and older e-mail accounts have none.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1", "password2"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Codes: six digits, five minutes, five tries (issue: residents by phone).
SMS_CODE_MINUTES = 5
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = ACCOUNT_PHONE_VERIFICATION_TIMEOUT = SMS_CODE_MINUTES * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 5
ACCOUNT_LOGIN_BY_CODE_FORMAT = ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {
    "numeric": True,
    "length": 6,
    "dashed": False,
}
# Texts with a code, as "amount/seconds" lists (accounts/sms_codes.py): per
# number one a minute, five an hour, ten a day; per client address enough
# for a family or an office, not for a script.
SMS_CODE_LIMITS_PER_PHONE = os.environ.get("SMS_CODE_LIMITS_PER_PHONE", "1/60,5/3600,10/86400")
SMS_CODE_LIMITS_PER_ADDRESS = os.environ.get("SMS_CODE_LIMITS_PER_ADDRESS", "5/60,30/3600")
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth warns that no login method is a required sign-up field; see above.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_FORMS = {
    "login": "accounts.auth_forms.LoginForm",
    "signup": "accounts.auth_forms.SignupForm",
    "request_login_code": "accounts.auth_forms.RequestLoginCodeForm",
    "change_phone": "accounts.auth_forms.ChangePhoneForm",
}
LOGIN_REDIRECT_URL = "/"
# /admin/login/ is allauth's login; Wagtail sends a logged-in resident without
# admin access there, so the page must show the form rather than bounce back.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False

# Security of logins (accounts/adapter.py, core/limits.py, core/captcha.py).
# The client's address is the one the trusted proxies saw: with N proxies in
# front of the site, the N-th address from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# allauth's own limits. Its "login_failed" is keyed on the account alone (and
# on the address), so anyone could lock anyone out: password failures are
# counted by accounts.adapter instead, and "login_failed" is left to what
# allauth also uses it for, the attempts at a TOTP code (keyed on the user).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key",
    "login": "30/m/ip",
    "signup": "5/m/ip,20/h/ip",
    "reset_password": "5/m/ip,20/h/ip,3/h/key",
    "reset_password_from_key": "10/m/ip",
    # Per number, accounts/sms_codes.py counts more strictly and says how long to wait.
    "request_login_code": "20/m/ip,3/m/key",
    "verify_phone": "1/m/key,10/m/ip",
}
# Password failures, as "amount/seconds": a pair (account, address) is locked
# after LOGIN_FAILURES_PER_PAIR, an address after LOGIN_FAILURES_PER_ADDRESS
# whatever the accounts; an account itself is never locked (that would let
# anyone lock it out), it asks for a captcha after LOGIN_FAILURES_BEFORE_CAPTCHA.
LOGIN_FAILURES_PER_PAIR = os.environ.get("LOGIN_FAILURES_PER_PAIR", "5/900")
LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "100/3600")
# When a captcha is asked for, per scope: after this many attempts ("amount/seconds")
# from one address, or on one account.
CAPTCHA_AFTER = {
    "login": "5/3600",
    "login_account": "5/3600",
    "signup": "2/3600",
    # A person books for herself and perhaps a parent or two; a fourth booking
    # within the hour from one account, or a tenth from one address (a
    # community worker helping neighbours), asks for a captcha first.
    "booking": "10/3600",
    "booking_account": "3/3600",
    # Texts with a code (login, sign-up, a new phone, bookings by ID number).
    "sms_code": "3/3600",
}
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10
CAPTCHA_IMAGE_SIZE = (140, 44)

# Staff and editors (accounts/middleware.py): TOTP second factor when
# STAFF_MFA_REQUIRED, and short sessions.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(30 * 60)))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(12 * 3600)))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "江苏省便民服务中心"
# Wagtail's own password reset is replaced by allauth's, which is throttled.
WAGTAIL_PASSWORD_RESET_ENABLED = False

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

# Booking rules (design: "Booking rules seen at Chinese service centres").
BOOKING_CANCEL_CUTOFF_HOURS = int(os.environ.get("BOOKING_CANCEL_CUTOFF_HOURS", "2"))
BOOKING_MAX_ACTIVE_PER_PERSON = int(os.environ.get("BOOKING_MAX_ACTIVE_PER_PERSON", "3"))
NO_SHOW_LIMIT = int(os.environ.get("NO_SHOW_LIMIT", "3"))
NO_SHOW_WINDOW_DAYS = int(os.environ.get("NO_SHOW_WINDOW_DAYS", "90"))
NO_SHOW_SUSPENSION_DAYS = int(os.environ.get("NO_SHOW_SUSPENSION_DAYS", "30"))
# Per booking account (issue: booking abuse). A family books for a few relatives;
# more than five live bookings for other people is an agency or an attack.
BOOKING_MAX_ACTIVE_FOR_OTHERS = int(os.environ.get("BOOKING_MAX_ACTIVE_FOR_OTHERS", "5"))
# Booking requests a minute: per account (a person makes one or two), and per
# client address (a family, or a centre's or office's shared address).
BOOKING_RATE_PER_ACCOUNT = int(os.environ.get("BOOKING_RATE_PER_ACCOUNT", "6"))
BOOKING_RATE_PER_ADDRESS = int(os.environ.get("BOOKING_RATE_PER_ADDRESS", "30"))
# Slot look-ups a minute per address: a person reads a few days; a scraper reads all.
SLOT_POLL_RATE_PER_ADDRESS = int(os.environ.get("SLOT_POLL_RATE_PER_ADDRESS", "120"))
# Per enterprise and day: batches and the people in them (a roster holds 500).
BATCHES_PER_ENTERPRISE_PER_DAY = int(os.environ.get("BATCHES_PER_ENTERPRISE_PER_DAY", "5"))
BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY = int(
    os.environ.get("BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY", "1000")
)

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
