"""The client's address, as seen by the trusted proxies in front of the site."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address limits are keyed on.

    With ``TRUSTED_PROXY_COUNT`` proxies in front of the site, each appends the
    address it received the request from to X-Forwarded-For, so the client is
    the N-th entry from the right; anything further left was written by the
    client and is not believed. A request with fewer entries did not come
    through the proxies: its peer address is used. IPv6 clients are keyed on
    their /64, which one subscriber usually holds whole.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            candidate = hops[-count]
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)
