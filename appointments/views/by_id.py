"""/appointments/by-id/: bookings made with my ID number, proved by a code to the booking's phone."""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from appointments import id_owner, limits, services
from appointments.exceptions import BookingError
from appointments.forms import clean_id_number
from core.captcha import SMS_CODE_SCOPE as CAPTCHA_SCOPE
from core.captcha import captcha_field, needs_captcha, note_attempt

SESSION_KEY = "owner_id_hash"
SESSION_SECONDS = 15 * 60


def _proved(request) -> str | None:
    held = request.session.get(SESSION_KEY)
    if not held or held["until"] < time.time():
        return None
    return held["hash"]


def _captcha_form(request, data=None) -> forms.Form | None:
    """A captcha once this address has asked for many codes (any code by text counts)."""
    if not needs_captcha(request, CAPTCHA_SCOPE):
        return None
    form = forms.Form(data)
    form.fields["captcha"] = captcha_field()
    return form


@never_cache
def bookings_by_id(request):
    error = ""
    token = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "send":
                captcha = _captcha_form(request, request.POST)
                if captcha is not None and not captcha.is_valid():
                    raise ValidationError(_("请输入图片中的字符（验证码）后再获取短信验证码。"))
                id_number = clean_id_number(request.POST.get("id_number", ""))
                token = id_owner.send_code(
                    id_number=id_number, address=limits.client_address(request)
                )
                note_attempt(request, CAPTCHA_SCOPE)
            elif action == "verify":
                token = request.POST.get("token", "")[:64]
                found = id_owner.check_code(token=token, code=request.POST.get("code", "")[:12])
                request.session[SESSION_KEY] = {
                    "hash": found,
                    "until": time.time() + SESSION_SECONDS,
                }
                return redirect("bookings_by_id")
            elif action == "cancel" and (held := _proved(request)):
                reference = request.POST.get("reference", "")[:12]
                appointment = id_owner.active_bookings(held).get(reference=reference)
                services.cancel_appointment(appointment=appointment)
                messages.success(request, _("已取消预约 %(ref)s。") % {"ref": reference})
                return redirect("bookings_by_id")
        except ValidationError as exc:
            error = exc.messages[0]
        except BookingError as exc:
            error = exc.message
        except id_owner.Appointment.DoesNotExist:
            error = _("没有找到这个预约。")
    held = _proved(request)
    return render(
        request,
        "appointments/by_id.html",
        {
            "token": token,
            "code_minutes": id_owner.code_minutes(),
            "error": error,
            "bookings": list(id_owner.active_bookings(held)) if held else None,
            "captcha_form": None if token or held else _captcha_form(request),
        },
        status=422 if error else 200,
    )
