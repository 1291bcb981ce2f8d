"""SSRF guard: refuse to connect to private, loopback, link-local and other internal addresses.

A watcher fetches URLs that come from feeds, i.e. from strangers. Without a guard, a feed item
linking to ``http://169.254.169.254/`` (cloud metadata) or ``http://localhost:5432/`` would
make orbat probe the machine's own network. The guard sits in the HTTP transport, so it sees
every request, redirects included, and checks every address the host name resolves to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

__all__ = ["BlockedAddress", "GuardedTransport", "check_host", "is_public_address"]

Resolver = Callable[[str, int], list[str]]

# RFC 6052's well-known NAT64 prefix: a NAT64 gateway forwards 64:ff9b::a.b.c.d to a.b.c.d.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class BlockedAddress(httpx.TransportError):
    """The request's host is, or resolves to, an address the guard refuses."""


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address (IPv4 or IPv6).

    An IPv6 address that carries an IPv4 address is judged by that address too, since that
    is where its packets can end up: ``2002:7f00:1::1`` (6to4) reaches 127.0.0.1 through a
    relay, ``2002:a9fe:a9fe::1`` the cloud metadata service.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv4Address):
        return _is_public(ip)
    # IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses stand for their IPv4
    # address alone: ::ffff:127.0.0.1 is loopback, and behind DNS64 every IPv4 site has a
    # 64:ff9b:: address that must stay reachable.
    if ip.ipv4_mapped is not None:
        return _is_public(ip.ipv4_mapped)
    if ip in _NAT64:
        return _is_public(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
    # 6to4 (2002::/16) and Teredo (2001::/32, its server and its client) must be public twice.
    embedded = [ip.sixtofour] if ip.sixtofour is not None else []
    embedded += list(ip.teredo) if ip.teredo is not None else []
    return _is_public(ip) and all(_is_public(v4) for v4 in embedded)


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_host(host: str, port: int, *, resolver: Resolver = _resolve) -> None:
    """Raise ``BlockedAddress`` unless every address of ``host`` is public.

    Every address is checked, not just the first, because the connection may use any of them.
    """
    try:
        addresses = [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except OSError as err:
            raise httpx.ConnectError(f"cannot resolve {host}: {err}") from None
    if not addresses:
        raise httpx.ConnectError(f"cannot resolve {host}: no addresses")
    for address in addresses:
        if not is_public_address(address):
            raise BlockedAddress(
                f"refused {host} ({address}): private, loopback or link-local address "
                "(pass --allow-private to fetch from your own network)"
            )


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that checks each request's host before handing it on.

    httpx sends every redirect hop through the transport, so redirects to an internal address
    are refused too. (Resolution happens twice, here and when connecting; a DNS server that
    answers differently within that instant can still slip through — see docs/watch.md.)
    """

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        allow_private: bool = False,
        resolver: Resolver = _resolve,
    ) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.allow_private = allow_private
        self.resolver = resolver

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.allow_private:
            url = request.url
            port = url.port or (443 if url.scheme == "https" else 80)
            check_host(url.host, port, resolver=self.resolver)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
