"""Pages of an enterprise's officers: requests to decide, the officer list, the log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises import officers
from enterprises.models import Enterprise, Officer, OfficerStatus


def request_message(user, enterprise: Enterprise) -> str:
    """What the page says after a registration or a request to join."""
    officer = Officer.objects.get(user=user, enterprise=enterprise)
    if officer.status == OfficerStatus.APPROVED:
        return _("您已是该企业的经办人。")
    if not enterprise.officers.filter(status=OfficerStatus.APPROVED).exists():
        return _(
            "已提交企业登记。管理员核对营业执照信息后，您才能为该企业预约；结果会发到您的邮箱。"
        )
    return _("已提交申请，需该企业的经办人同意后才能为该企业预约；已通知该企业的经办人。")


def membership_context(user) -> dict:
    approved = list(officers.approved(user).select_related("enterprise"))
    return {
        "my_requests": officers.requests_of(user),
        "pending": officers.pending_for(user),
        "officer_lists": [
            (officer.enterprise, officers.officers_of(officer.enterprise)) for officer in approved
        ],
        "log": officers.log_of(user) if approved else [],
    }


@login_required
@require_POST
def decide(request, pk):
    """Approve, refuse or remove an officer of an enterprise the user is an officer of."""
    officer = get_object_or_404(
        Officer.objects.select_related("enterprise", "user"),
        pk=pk,
        enterprise__in=officers.approved(request.user).values("enterprise"),
    )
    action = request.POST.get("action", "")
    change = {
        "approve": (officers.approve, _("已同意 %(who)s 成为经办人。")),
        "refuse": (officers.refuse, _("已拒绝 %(who)s 的申请。")),
        "remove": (officers.remove, _("已将 %(who)s 移出经办人。")),
    }.get(action)
    if change is None:
        messages.error(request, _("请选择同意、拒绝或移除。"))
        return redirect("enterprise_home")
    function, done = change
    try:
        function(officer=officer, by=request.user)
    except officers.OfficerError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done % {"who": officer.user.email})
    return redirect("enterprise_home")
