"""The administrators' text message log: read only, with the failed ones a filter away."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from flowback.sms.kinds import KINDS
from flowback.sms.models import SmsMessage, SmsStatus

permission_policy = ModelPermissionPolicy(SmsMessage)


def may_read_log(user) -> bool:
    return permission_policy.user_has_permission(user, "view")


class SmsLogFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=SmsStatus.choices)
    template = django_filters.ChoiceFilter(
        label=_("短信模板"), choices=[(name, name) for name in KINDS]
    )
    phone_masked = django_filters.CharFilter(label=_("手机号（后四位）"), method="by_last_digits")

    class Meta:
        model = SmsMessage
        fields = ["status", "template"]

    def by_last_digits(self, queryset, name, value):
        return queryset.filter(phone_masked__endswith=value.strip()[-4:])


class SmsLogView(ReportView):
    page_title = _("短信记录")
    header_icon = "mail"
    index_url_name = "flowback_sms_log"
    index_results_url_name = "flowback_sms_log_results"
    filterset_class = SmsLogFilterSet
    permission_policy = permission_policy
    any_permission_required = ["view"]
    model = SmsMessage
    columns = [
        DateColumn("created_at", label=_("创建时间")),
        Column("phone_masked", label=_("手机号")),
        Column("template", label=_("短信模板")),
        Column("text", label=_("内容")),
        Column("get_status_display", label=_("状态")),
        Column("attempts", label=_("尝试次数")),
        Column("provider_id", label=_("服务商消息编号")),
        Column("last_error", label=_("最近错误")),
    ]
    list_export = [
        "created_at",
        "phone_masked",
        "template",
        "status",
        "attempts",
        "provider_id",
        "last_error",
    ]

    def get_queryset(self):
        return SmsMessage.objects.order_by("-created_at", "-pk")
