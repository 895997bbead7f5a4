"""The address of the client a request came from, believing forwarding headers only from the
proxy.

Behind the TLS proxy every request comes from the proxy's address, so the real client is in
X-Forwarded-For. That header is whatever the sender wrote, so it counts only when the peer is a
trusted proxy (``settings.FORWARDED_ALLOW_IPS``), and then only the entries the trusted proxies
appended: walking from the right, the first address that is not a trusted proxy is the client.
A client that reaches gunicorn directly and sends its own X-Forwarded-For gets its real address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in settings.FORWARDED_ALLOW_IPS)


def client_ip(request) -> str | None:
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not _trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _parse(entry)
        if address is None:
            break  # a garbled hop: stop at the last address we can vouch for
        if not _trusted(address):
            return str(address)
        peer = address
    return str(peer)
