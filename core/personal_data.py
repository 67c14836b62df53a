"""Resident ID numbers at rest: encrypted with rotatable keys, plus a keyed hash.

The encryption keys are ``PERSONAL_DATA_KEYS`` (Fernet keys, newest first; the
rest only decrypt, so a key is rotated by putting a new one in front and
running ``manage.py rotate_personal_data``). The hash key is
``PERSONAL_DATA_HASH_KEY``; it stays fixed, since the per-person rules rest on it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.PERSONAL_DATA_KEYS])


def protect(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def reveal(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode()


def compact_id_number(raw: str) -> str:
    """An ID number as typed, compacted: full-width digits and Ｘ (Chinese input
    methods type them) become ASCII, spaces and hyphens go, x is upper case."""
    text = unicodedata.normalize("NFKC", raw or "")
    return re.sub(r"[\s\-]", "", text).upper()


def person_hash(id_number: str) -> str:
    key = settings.PERSONAL_DATA_HASH_KEY.encode()
    return hmac.new(key, id_number.upper().encode(), hashlib.sha256).hexdigest()


def mask_id_number(id_number: str) -> str:
    """3201**********123X: the region and the last four, nothing of the birth date."""
    if len(id_number) < 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone[-11:]
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]
