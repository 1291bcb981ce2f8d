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


class BlockedAddress(httpx.TransportError):
    """The request's host is, or resolves to, an address the guard refuses."""


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address (IPv4 or IPv6)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
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
