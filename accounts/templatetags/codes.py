"""What the code pages say about a code, from the settings that decide it (accounts.sms_codes)."""

from django import template

from accounts import sms_codes

register = template.Library()


@register.simple_tag
def code_rules(flow: str) -> sms_codes.CodeRules:
    """``{% code_rules "login" as rules %}``: ``rules.minutes``, ``rules.attempts``."""
    return sms_codes.code_rules(flow)


@register.simple_tag
def code_resend_minutes() -> int | None:
    return sms_codes.resend_minutes()
