"""The walk-in registration form: matters or a bundle, the situation, the applicant."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.exceptions import CounterError
from guides.selectors import live_bundles, live_matters


class WalkInForm(forms.Form):
    bundle = forms.ChoiceField(label=_("一件事（可选）"), required=False)
    matters = forms.MultipleChoiceField(
        label=_("办理事项"), required=False, widget=forms.CheckboxSelectMultiple
    )
    situations = forms.MultipleChoiceField(
        label=_("情形（有多个情形的事项选一项）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    name = forms.CharField(label=_("申请人姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("居民身份证号（可用读卡器）"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("手机号码（没有可不填）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    queue_number = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matters = list(live_matters().prefetch_related("situations"))
        self.bundles = {b.code: b for b in live_bundles()}
        self.fields["bundle"].choices = [
            ("", _("不选")),
            *((c, b.title) for c, b in self.bundles.items()),
        ]
        self.fields["matters"].choices = [(m.code, f"{m.title}（{m.code}）") for m in matters]
        self.fields["situations"].choices = [
            (s.code, f"{m.title}：{s.name}") for m in matters for s in m.situations.all()
        ]

    def walk_in(self) -> dict:
        """The arguments of ``services.register_walk_in``, a bundle opened into its matters."""
        data = self.cleaned_data
        matters, situations = list(data["matters"]), list(data["situations"])
        bundle = self.bundles.get(data["bundle"])
        if bundle is not None:
            rows = list(bundle.bundle_matters.all())
            matters += [row.matter.code for row in rows if row.matter.code not in matters]
            situations += [row.situation_code for row in rows if row.situation_code]
        return {
            "matters": matters,
            "situations": situations,
            "applicant": {
                "name": data["name"],
                "id_number": data["id_number"],
                "phone": data["phone"],
            },
            "queue_number": data["queue_number"],
        }

    def add_domain_errors(self, exc: CounterError) -> None:
        fields = {
            "applicant.name": "name",
            "applicant.id_number": "id_number",
            "applicant.phone": "phone",
            "queue_number": None,
        }
        for key, messages in (exc.errors or {None: [exc.message]}).items():
            field = fields.get(key, key if key in self.fields else None)
            for message in messages:
                self.add_error(field, message)
