"""Residents choose who gets the day-before reminder text: themselves and the people they book for.

Found from "我的预约", where a daughter manages her mother's bookings. Only
reminders can be turned off: codes and messages about a change to a booking
or a case always go.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from appointments.constants import Relationship
from appointments.personal_data import mask_phone
from flowback.sms.optout import set_reminders, wants_reminders


def _phones(user) -> list[dict]:
    """The account's own phone, then each phone it booked for (newest booking's name)."""
    rows = []
    own = getattr(getattr(user, "profile", None), "phone", "") or ""
    if own:
        rows.append({"phone": own, "name": _("我自己")})
    seen = {own}
    bookings = (
        user.appointments.exclude(relationship__in=[Relationship.SELF, Relationship.ENTERPRISE])
        .order_by("-created_at")
        .values_list("applicant_phone", "applicant_name")
    )
    for phone, name in bookings:
        if phone and phone not in seen:
            seen.add(phone)
            rows.append({"phone": phone, "name": name})
    for n, row in enumerate(rows):
        row.update(
            key=str(n), masked=mask_phone(row["phone"]), wanted=wants_reminders(row["phone"])
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request):
    rows = _phones(request.user)
    if request.method == "POST":
        chosen = set(request.POST.getlist("remind"))
        for row in rows:
            set_reminders(phone=row["phone"], wanted=row["key"] in chosen)
        messages.success(request, _("已保存。验证码和预约、办件的变动通知仍会照常发送。"))
        return redirect("sms_reminders")
    return render(request, "flowback/sms_reminders.html", {"rows": rows})
