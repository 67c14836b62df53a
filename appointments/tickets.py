"""QR tickets: a signed token carrying only the appointment reference."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core import signing

SALT = "appointments.ticket"


def ticket_token(reference: str) -> str:
    # Signer (not dumps): "REFERENCE:signature" stays short enough for a
    # small QR code, and the reference is no personal data.
    return signing.Signer(salt=SALT).sign(reference)


def reference_from_token(token: str) -> str:
    """The reference a token was signed for; raises signing.BadSignature if forged."""
    return signing.Signer(salt=SALT).unsign(token.strip())


def ticket_path(reference: str) -> str:
    return f"/t/{ticket_token(reference)}"


def ticket_url(reference: str) -> str:
    return settings.SITE_URL.rstrip("/") + ticket_path(reference)


def qr_svg(data: str) -> bytes:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_png(data: str) -> bytes:
    image = qrcode.make(data, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
