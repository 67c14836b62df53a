"""Admin: subscribed systems, policy rules, and the dead-letter list with retry."""

from django.contrib import messages
from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from flowback import admin_views
from flowback.forms import SubscriberForm
from flowback.models import Rule, Subscriber
from flowback.sms import admin_views as sms_admin_views


class SecretShownOnce:
    """After a save that made a new secret, show it once; it is stored encrypted only."""

    def save_instance(self):
        instance = super().save_instance()
        secret = getattr(self.form, "new_secret", "")
        if secret:
            messages.warning(
                self.request,
                _("新的签名密钥（只显示这一次，请立即安全地交给对方系统）：%(secret)s")
                % {"secret": secret},
            )
        return instance


class SubscriberCreateView(SecretShownOnce, CreateView):
    pass


class SubscriberEditView(SecretShownOnce, EditView):
    pass


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    add_view_class = SubscriberCreateView
    edit_view_class = SubscriberEditView
    icon = "link-external"
    menu_label = _("订阅系统")
    list_display = ["name", "url", "active"]
    search_fields = ["name", "url"]
    form_fields = [
        "name",
        "url",
        "event_types",
        "matters",
        "personal_fields",
        "active",
        "max_attempts",
        "timeout_seconds",
    ]

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=SubscriberForm,
            fields=[*self.form_fields, "rotate_secret"] if for_update else self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


class RuleViewSet(ModelViewSet):
    model = Rule
    icon = "tick-inverse"
    menu_label = _("主动服务规则")
    list_display = ["name", "matter", "emit_type", "benefits", "active"]
    form_fields = ["name", "matter", "emit_type", "benefits", "sms_text", "active"]


class FlowbackGroup(ViewSetGroup):
    menu_label = _("数据回流")
    menu_icon = "resubmit"
    menu_order = 240
    items = (SubscriberViewSet("subscribers"), RuleViewSet("flowback_rules"))


@hooks.register("register_admin_viewset")
def register_flowback():
    return FlowbackGroup()


class DeadLetterMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_retry(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("flowback/dead/", admin_views.dead_letters, name="flowback_dead_letters")]


@hooks.register("register_reports_menu_item")
def register_dead_letter_menu_item():
    return DeadLetterMenuItem(
        _("投递失败的事件"),
        reverse("flowback_dead_letters"),
        name="flowback-dead-letters",
        icon_name="warning",
        order=1400,
    )


class SmsLogMenuItem(MenuItem):
    def is_shown(self, request):
        return sms_admin_views.may_read_log(request.user)


@hooks.register("register_admin_urls")
def register_sms_log_urls():
    return [
        path("flowback/sms/", sms_admin_views.SmsLogView.as_view(), name="flowback_sms_log"),
        path(
            "flowback/sms/results/",
            sms_admin_views.SmsLogView.as_view(results_only=True),
            name="flowback_sms_log_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_sms_log_menu_item():
    return SmsLogMenuItem(
        _("短信记录"), reverse("flowback_sms_log"), name="sms-log", icon_name="mail", order=1410
    )


@hooks.register("send_sms")
def queue_text_message(phone, text="", *, template="", params=None):
    # The apps below flowback send through core.messages; this is what it reaches.
    from flowback.sms import send_sms

    return send_sms(phone, text, template=template, params=params)
