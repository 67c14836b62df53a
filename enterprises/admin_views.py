"""Admin: officers waiting for approval, with the licence details to check, approve or refuse."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from enterprises import officers
from enterprises.models import Officer, OfficerStatus


@require_http_methods(["GET", "POST"])
def officer_requests(request):
    if not officers.is_admin(request.user):
        raise PermissionDenied
    if request.method == "POST":
        pk = request.POST.get("officer", "")
        officer = get_object_or_404(
            Officer.objects.select_related("enterprise", "user"), pk=pk if pk.isdigit() else 0
        )
        decide = {"approve": officers.approve, "refuse": officers.refuse}.get(
            request.POST.get("action", "")
        )
        if decide is None:
            messages.error(request, _("请选择通过或拒绝。"))
        else:
            try:
                decide(officer=officer, by=request.user)
            except officers.OfficerError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("已处理：%(who)s（%(enterprise)s）。")
                    % {"who": officer.user.email, "enterprise": officer.enterprise.name},
                )
        return redirect("enterprise_officer_requests")
    status = request.GET.get("status", OfficerStatus.PENDING)
    rows = Officer.objects.select_related("enterprise", "user", "user__profile", "decided_by")
    if status in OfficerStatus.values:
        rows = rows.filter(status=status)
    rows = rows.order_by("joined_at")
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "enterprises/admin/officer_requests.html",
        {"page": page, "status": status, "statuses": OfficerStatus.choices},
    )
