"""The dead-letter list: events a subscriber never accepted, and the retry button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from flowback import services
from flowback.constants import DeliveryStatus
from flowback.models import Delivery


def may_retry(user) -> bool:
    return user.is_active and user.has_perm("flowback.change_delivery")


@require_http_methods(["GET", "POST"])
def dead_letters(request):
    if not may_retry(request.user):
        raise PermissionDenied
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("delivery") if pk.isdigit()]
        if not ids:
            messages.error(request, _("请先勾选要重新投递的事件。"))
        else:
            count = services.retry_dead(delivery_ids=ids)
            messages.success(request, _("已重新排队投递 %(n)s 条。") % {"n": count})
        return redirect("flowback_dead_letters")
    dead = (
        Delivery.objects.filter(status=DeliveryStatus.DEAD)
        .select_related("event", "subscriber")
        .order_by("subscriber__name", "event_id")
    )
    page = Paginator(dead, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "flowback/admin/dead_letters.html", {"page": page, "total": dead.count()}
    )
