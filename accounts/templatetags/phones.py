from django import template

from accounts.phones import masked

register = template.Library()


@register.filter
def masked_phone(phone: str) -> str:
    """139****5678: pages show a number in the form a person recognises it, never whole."""
    return masked(phone or "")
