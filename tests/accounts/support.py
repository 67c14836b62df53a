"""Staff accounts with a TOTP authenticator, and the codes it shows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from tests.accounts.factories import StaffFactory
from tests.appointments.factories import make_centre

PASSWORD = "a-long-staff-pass-2026"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp(secret: str = SECRET, at: float | None = None) -> str:
    """RFC 6238 with allauth's defaults (SHA-1, 30 s, 6 digits), written out independently."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def make_clerk(email="clerk@test.local", *, enrolled=True):
    clerk = StaffFactory(email=email, centre=make_centre(), password=PASSWORD)
    if enrolled:
        Authenticator.objects.create(
            user=clerk, type=Authenticator.Type.TOTP, data={"secret": encrypt(SECRET)}
        )
    return clerk


def post_login(client, email, password, url="/admin/login/?next=/counter/", **extra):
    return client.post(url, {"login": email, "password": password}, **extra)
