"""The client's address, the one function that audit entries, login records (django-axes) and rate limits
(django-ratelimit) take it from.

GB/T 22239-2019 8.1.4.3 安全审计 b): 审计记录应包括事件的日期和时间、用户、事件类型……; an address anyone can write
into a header is no record. ``X-Forwarded-For`` is believed only as far as it was written by a proxy we trust
(``settings.FAZHI_TRUSTED_PROXIES``, addresses or CIDR networks): the client is the rightmost hop that is not a
trusted proxy — every hop left of it was written by the client itself. Without trusted proxies, or for a request
that did not come from one, the address is the socket's (``REMOTE_ADDR``) and the header is ignored.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def parse_networks(value: str | tuple[str, ...]) -> tuple[Network, ...]:
    """``"10.0.0.1, 172.16.0.0/12"`` (or the same as a tuple) → networks; a bad entry is a configuration error."""
    items = value.split(",") if isinstance(value, str) else value
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"FAZHI_TRUSTED_PROXIES: {item!r} is not an address or network") from exc
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    value = getattr(settings, "FAZHI_TRUSTED_PROXIES", ())
    return parse_networks(value if isinstance(value, str) else tuple(value))


def _address(text: str) -> Address | None:
    """An address from a header hop, with a port (``1.2.3.4:5``, ``[::1]:5``) or brackets removed; None if bad."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port; an IPv6 address has several colons
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    if not networks or not _trusted(_address(remote), networks):
        return remote
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([h for h in hops if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # a malformed hop: nothing left of it can be believed; the last proxy we trust is the answer
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def from_trusted_proxy(request) -> bool:
    """True when the socket's peer is a trusted proxy (its other X-Forwarded-* headers may be believed)."""
    networks = trusted_proxies()
    return bool(networks) and _trusted(_address(request.META.get("REMOTE_ADDR", "") or ""), networks)
