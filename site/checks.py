"""Deployment checks (``manage.py check --deploy``): nothing personal may land in a log.

With no mail or SMS gateway configured, password-reset links, rating links
and phone numbers would be printed to the server's and worker's logs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

LOGGING_BACKENDS = {
    "EMAIL_BACKEND": (
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ),
    "SMS_BACKEND": (
        "console",
        "file",
        "flowback.sms.ConsoleBackend",
        "flowback.sms.FileBackend",
        "flowback.sms.backends.ConsoleBackend",
        "flowback.sms.backends.FileBackend",
    ),
}


@register(Tags.security, deploy=True)
def check_production_backends(app_configs=None, **kwargs):
    errors = []
    for setting, refused in LOGGING_BACKENDS.items():
        value = getattr(settings, setting, "")
        if value in refused:
            errors.append(
                Error(
                    f"{setting} is {value}: messages with personal data and login links "
                    "would be written to the log instead of being sent.",
                    hint=f"Set {setting} to a real gateway in the environment.",
                    id="portal.E001",
                )
            )
    if not getattr(settings, "SITE_URL_CONFIGURED", False):
        errors.append(
            Error(
                "SITE_URL is not set: links in e-mails, text messages and QR codes "
                "would point at the development address.",
                hint="Set SITE_URL to the public https:// address of the site.",
                id="portal.E002",
            )
        )
    elif not settings.SITE_URL.startswith("https://"):
        errors.append(
            Error(
                "SITE_URL must be an https:// address in production.",
                id="portal.E003",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def check_sms_gateway(app_configs=None, **kwargs):
    """A cloud SMS gateway needs its key pair, signature and a template id for every kind."""
    from flowback.sms.kinds import KINDS

    backend = getattr(settings, "SMS_BACKEND", "")
    if backend not in ("tencent", "aliyun"):
        return []
    needed = ["SMS_SECRET_ID", "SMS_SECRET_KEY", "SMS_SIGN_NAME"]
    if backend == "tencent":
        needed.append("SMS_APP_ID")
    missing = [name for name in needed if not getattr(settings, name, "")]
    kinds = [kind for kind in KINDS if not settings.SMS_TEMPLATE_IDS.get(kind)]
    if kinds:
        missing.append("SMS_TEMPLATE_IDS (" + ", ".join(kinds) + ")")
    if not missing:
        return []
    return [
        Error(
            f"SMS_BACKEND is {backend} but these are not set: {'; '.join(missing)}. "
            "Texts of those kinds would fail at the gateway.",
            hint="Set them in the environment (deploy/env.example).",
            id="portal.E004",
        )
    ]
