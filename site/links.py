"""The addresses that the header and footer of every page link to, reversed once.

base.html links to the same named URLs on every page; reversing them one by
one was about a tenth of the time to render a guide. An address changes only
with the URL configuration and the script prefix, which are the cache's key.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

NAMES = (
    "elder_mode",
    "switch_language",
    "my_appointments",
    "enterprise_home",
    "counter_workbench",
    "dashboard",
    "account_logout",
    "account_login",
    "account_signup",
    "search",
    "site_map",
    "accessibility_statement",
    "contact_us",
)


@cache
def addresses(prefix: str, urlconf: str) -> dict[str, str]:
    # reverse() puts the current script prefix in front: the one in the key.
    return {name: reverse(name, urlconf=urlconf) for name in NAMES}


def site_urls(request) -> dict:
    return {"site_urls": addresses(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)}
