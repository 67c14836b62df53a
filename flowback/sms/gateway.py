"""What both cloud gateways are configured by: one set of settings, read from the environment.

``SMS_ENDPOINT`` may be a bare host (``sms.tencentcloudapi.com``) or a URL
with a scheme and port (``http://127.0.0.1:8200`` for a local stand-in).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from flowback.sms.errors import SmsRefused


@dataclass(frozen=True)
class GatewayConfig:
    secret_id: str
    secret_key: str
    app_id: str
    sign_name: str
    region: str
    scheme: str
    host: str
    timeout: int
    template_ids: dict[str, str]

    def template_id(self, template: str) -> str:
        """The provider's approved template id for a kind; a kind without one cannot be sent."""
        template_id = self.template_ids.get(template, "")
        if not template_id:
            raise SmsRefused(
                f"no approved template id for {template or 'a free text'} (SMS_TEMPLATE_IDS)",
                code="NoTemplate",
            )
        return template_id


def gateway_config(*, default_host: str, default_region: str) -> GatewayConfig:
    endpoint = settings.SMS_ENDPOINT or default_host
    parts = urlsplit(endpoint if "//" in endpoint else f"https://{endpoint}")
    return GatewayConfig(
        secret_id=settings.SMS_SECRET_ID,
        secret_key=settings.SMS_SECRET_KEY,
        app_id=settings.SMS_APP_ID,
        sign_name=settings.SMS_SIGN_NAME,
        region=settings.SMS_REGION or default_region,
        scheme=parts.scheme,
        host=parts.netloc,
        timeout=settings.SMS_TIMEOUT_SECONDS,
        template_ids=dict(settings.SMS_TEMPLATE_IDS),
    )


def mainland(phone: str) -> str:
    """A mainland mobile without country code (13912345678)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-11:] if len(digits) >= 11 and digits.startswith("86") else digits
