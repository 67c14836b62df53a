"""Validation of what residents type: one place for the HTML flow and the API."""

from __future__ import annotations

import datetime
import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric

from appointments.constants import PERSONAL_RELATIONSHIPS, Relationship
from appointments.personal_data import compact_id_number
from appointments.services import Applicant

# Chinese names, names of minority nationalities with the middle dot, and
# Latin names of foreign residents; nothing that could be markup.
NAME_PATTERN = re.compile(
    r"^[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z·•．. ]{0,48}[\u3400-\u9fffA-Za-z]$"
)


def clean_id_number(raw: str) -> str:
    """A resident ID number (GB 11643), checked by python-stdnum's parts.

    Not ``ric.validate`` as a whole: it also rejects a region code that was
    created after the birth year, yet codes are given at registration, so a
    resident born in 1950 and registered in a district formed in 1983 holds a
    valid number that it would refuse.
    """
    value = ric.compact(compact_id_number(raw))
    if len(value) != 18:
        raise ValidationError(_("居民身份证号应为18位，请核对。"), code="length")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(
            _("身份证号格式不正确：前17位应为数字，最后一位为数字或X。"), code="format"
        )
    if value[-1] != ric.calc_check_digit(value):
        raise ValidationError(
            _("身份证号最后一位（校验位）不对，请对照身份证逐位核对。"), code="checksum"
        )
    try:
        birth = ric.get_birth_date(value)
    except stdnum_errors.InvalidComponent:
        birth = None
    if birth is None or birth > datetime.date.today() or birth.year < 1890:
        raise ValidationError(_("身份证号中的出生日期不存在，请核对第7到14位。"), code="birth_date")
    region = {
        k: v for _part, props in numdb.get("cn/loc").info(value[:6]) for k, v in props.items()
    }
    if "county" not in region:
        raise ValidationError(_("身份证号前6位（地区码）不存在，请核对。"), code="region")
    return value


def clean_mobile(raw: str) -> str:
    try:
        number = phonenumbers.parse((raw or "").strip(), "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("请输入11位手机号码。"), code="format") from None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "CN"
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise ValidationError(_("请输入中国大陆的11位手机号码（不支持座机）。"), code="not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).replace(
        " ", ""
    )


def clean_person_name(raw: str) -> str:
    name = " ".join((raw or "").split())
    if not NAME_PATTERN.match(name):
        raise ValidationError(
            _("姓名请按身份证填写，只能包含汉字、字母和间隔号“·”，2到50个字。"), code="name"
        )
    return name


class ApplicantForm(forms.Form):
    relationship = forms.ChoiceField(
        label=_("为谁预约"), choices=PERSONAL_RELATIONSHIPS, initial=Relationship.SELF
    )
    name = forms.CharField(label=_("申请人姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("居民身份证号"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_name(self):
        return clean_person_name(self.cleaned_data["name"])

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data["id_number"])

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            relationship=data["relationship"],
        )
