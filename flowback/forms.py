"""Admin forms: lists of event types, matters and personal fields as checkboxes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from flowback.constants import EventType, PersonalField


def event_type_choices():
    from flowback.models import Rule

    derived = set(Rule.objects.values_list("emit_type", flat=True)) - set(EventType.values)
    return [*EventType.choices, *((t, t) for t in sorted(derived))]


def matter_choices():
    from guides.models import MatterPage

    return [(p.code, f"{p.code} {p.title}") for p in MatterPage.objects.live().order_by("code")]


class SubscriberForm(WagtailAdminModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("订阅的事件类型"), widget=forms.CheckboxSelectMultiple
    )
    matters = forms.MultipleChoiceField(
        label=_("限定事项"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("留空表示全部事项。"),
    )
    personal_fields = forms.MultipleChoiceField(
        label=_("可接收的个人信息"),
        required=False,
        choices=PersonalField.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("只勾选对方履职必需的信息（数据最小化）。"),
    )

    rotate_secret = forms.BooleanField(
        label=_("更换签名密钥"),
        required=False,
        help_text=_("保存后显示新的密钥（只显示一次），旧密钥随即失效。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_secret = ""
        self.fields["event_types"].choices = event_type_choices()
        self.fields["matters"].choices = matter_choices()

    def save(self, commit=True):
        instance = super().save(commit=False)
        # A new subscriber gets a secret; an existing one only when asked.
        if not instance.pk or self.cleaned_data.get("rotate_secret"):
            self.new_secret = instance.rotate_secret()
        if commit:
            instance.save()
            self.save_m2m()
        return instance

    def clean(self):
        cleaned = super().clean()
        personal = set(cleaned.get("personal_fields") or [])
        if {PersonalField.ID_NUMBER, PersonalField.ID_NUMBER_MASKED} <= personal:
            self.add_error("personal_fields", _("完整身份证号和脱敏身份证号只能选一个。"))
        return cleaned
