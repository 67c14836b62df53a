"""The person whose ID number was used sees and cancels the bookings made with it.

She proves it by a code sent to the phone numbers given on those bookings (a
booking made with her ID number by someone else still carries her number, or
the booker's, and she can see the ones whose phone she holds). Codes are six
digits, live ``CODE_SECONDS``, allow ``CODE_TRIES`` tries and are kept only as a
keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from appointments import limits
from appointments.exceptions import BookingError, TooFast
from appointments.models import Appointment
from core.messages import send_sms
from core.personal_data import person_hash

CODE_SECONDS = 300
CODE_TRIES = 5


def code_minutes() -> int:
    """A code's life as the text and the page tell it, rounded down."""
    return max(1, CODE_SECONDS // 60)


class CodeRefused(BookingError):
    status = 400


def _digest(token: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{token}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def active_bookings(id_hash: str):
    return (
        Appointment.objects.active()
        .filter(person__id_hash=id_hash)
        .select_related("centre")
        .prefetch_related("matters__matter")
        .order_by("start")
    )


def send_code(*, id_number: str, address: str) -> str:
    """Text a code to the phones on this ID number's live bookings; the token to check it by.

    The answer is the same whether or not there are bookings, so the page
    tells nobody whether an ID number has any.
    """
    id_hash = person_hash(id_number)
    for scope, key, limit, window in (
        ("owner-code-id-minute", id_hash, 1, 60),
        ("owner-code-id-hour", id_hash, 5, 3600),
        ("owner-code-address", address, 10, 3600),
    ):
        if wait := limits.hit(scope, key, limit=limit, window=window):
            raise TooFast(
                _("验证码发送太频繁，请 %(s)s 秒后再试。") % {"s": wait}, retry_after=wait
            )
    token = secrets.token_urlsafe(16)
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(
        f"owner-code:{token}",
        {"hash": id_hash, "digest": _digest(token, code), "tries": 0},
        CODE_SECONDS,
    )
    params = {"code": code, "minutes": code_minutes()}
    phones = set(active_bookings(id_hash).values_list("applicant_phone", flat=True))
    for phone in sorted(p for p in phones if p):
        send_sms(
            phone,
            _(
                "【便民服务】验证码 %(code)s，用于查看用您身份证号所做的预约，"
                "%(minutes)s 分钟内有效。"
            )
            % params,
            template="owner_code",
            params=params,
        )
    return token


def check_code(*, token: str, code: str) -> str:
    """The ID hash a right code proves; CodeRefused for a wrong, expired or spent one."""
    key = f"owner-code:{token}"
    entry = cache.get(key)
    if entry is None:
        raise CodeRefused(_("验证码已过期，请重新获取。"))
    if entry["tries"] >= CODE_TRIES:
        cache.delete(key)
        raise CodeRefused(_("验证码错误次数太多，请重新获取。"))
    if not hmac.compare_digest(entry["digest"], _digest(token, code.strip())):
        entry["tries"] += 1
        cache.set(key, entry, CODE_SECONDS)
        left = CODE_TRIES - entry["tries"]
        raise CodeRefused(_("验证码不对，还可以再试 %(n)s 次。") % {"n": left})
    cache.delete(key)
    return entry["hash"]
