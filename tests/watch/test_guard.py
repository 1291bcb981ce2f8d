"""The SSRF guard: private, loopback and link-local addresses are refused, on redirects too."""

from __future__ import annotations

import httpx
import pytest

from orbat.watch import Fetcher
from orbat.watch.fetch import FetchError
from orbat.watch.guard import BlockedAddress, GuardedTransport, check_host, is_public_address

from .server import FixtureServer, Route


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # loopback hidden in an IPv4-mapped address
    ],
)
def test_address_classes(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254 (cloud metadata)
        ("2002:a00:1::", False),  # 6to4 of 10.0.0.1
        ("2002:c0a8:101:1::5", False),  # 6to4 of 192.168.1.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1
        ("2001:0:a00:1::1", False),  # Teredo, server 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b::5db8:d822", True),  # NAT64 of a public address: DNS64 networks need it
        ("64:ff9b:1::7f00:1", False),  # local-use NAT64 prefix
        ("::ffff:a9fe:a9fe", False),  # IPv4-mapped metadata address
        ("::ffff:5db8:d822", True),  # IPv4-mapped public address
        ("::127.0.0.1", False),  # IPv4-compatible (deprecated) loopback
    ],
)
def test_ipv6_addresses_are_judged_by_the_ipv4_address_they_carry(
    address: str, public: bool
) -> None:
    assert is_public_address(address) is public


@pytest.mark.issue(17)
def test_a_host_resolving_to_6to4_metadata_is_refused() -> None:
    with pytest.raises(BlockedAddress, match=r"2002:a9fe:a9fe::1"):
        check_host("sneaky.example", 80, resolver=lambda host, port: ["2002:a9fe:a9fe::1"])
    with pytest.raises(BlockedAddress):
        check_host("[2002:7f00:1::1]", 80)


def test_every_resolved_address_is_checked() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.5"]

    with pytest.raises(BlockedAddress, match=r"10\.0\.0\.5"):
        check_host("mixed.example", 80, resolver=resolver)


def test_loopback_server_is_refused_unless_allowed(server: FixtureServer) -> None:
    with Fetcher(host_delay=0.0) as fetcher, pytest.raises(FetchError) as refused:
        fetcher.get(server.url("/wire.rss"))
    assert refused.value.kind in ("refused", "robots")
    assert server.hits == [], "nothing reached the server"
    with Fetcher(allow_private=True, host_delay=0.0) as fetcher:
        assert fetcher.get(server.url("/wire.rss")).status == 200


def test_a_redirect_to_an_internal_address_is_refused() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})
        return httpx.Response(200, text="metadata secrets")

    transport = GuardedTransport(
        httpx.MockTransport(handler), resolver=lambda host, port: ["93.184.216.34"]
    )
    with (
        httpx.Client(transport=transport, follow_redirects=True) as client,
        pytest.raises(BlockedAddress, match=r"169\.254\.169\.254"),
    ):
        client.get("http://news.example/story")
    assert seen == ["http://news.example/story"]


def test_non_http_links_are_refused(server: FixtureServer) -> None:
    with Fetcher(allow_private=True, host_delay=0.0) as fetcher:
        for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/"):
            with pytest.raises(FetchError, match="not an http"):
                fetcher.get(url)


def test_oversized_responses_are_cut_off(server: FixtureServer) -> None:
    server.routes["/huge.html"] = Route(b"x" * 300_000, content_type="text/html")
    with (
        Fetcher(allow_private=True, host_delay=0.0, max_bytes=100_000) as fetcher,
        pytest.raises(FetchError, match="larger than") as err,
    ):
        fetcher.get(server.url("/huge.html"))
    assert err.value.kind == "too large" and not err.value.retry


def test_requests_to_one_host_are_spaced(server: FixtureServer) -> None:
    slept: list[float] = []
    with Fetcher(allow_private=True, host_delay=2.0, sleep=slept.append) as fetcher:
        fetcher.get(server.url("/wire.rss"))
        fetcher.get(server.url("/real.rss"))
    # robots.txt, then the first feed, then the second: each waits for the one before.
    assert len(slept) == 2 and all(1.5 < s <= 2.0 for s in slept)


def test_compressed_responses_are_inflated(server: FixtureServer) -> None:
    import gzip
    import zlib

    body = server.routes["/real.rss"].body
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    server.routes["/gz.rss"] = Route(gzip.compress(body), headers={"Content-Encoding": "gzip"})
    server.routes["/zlib.rss"] = Route(zlib.compress(body), headers={"Content-Encoding": "deflate"})
    server.routes["/raw.rss"] = Route(
        raw.compress(body) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    server.routes["/br.rss"] = Route(body, headers={"Content-Encoding": "br"})
    with Fetcher(allow_private=True, host_delay=0.0) as fetcher:
        for path in ("/gz.rss", "/zlib.rss", "/raw.rss"):
            assert fetcher.get(server.url(path)).content == body, path
        with pytest.raises(FetchError, match="unsupported content encoding"):
            fetcher.get(server.url("/br.rss"))
    assert server.requests_for("/gz.rss")[0].headers["Accept-Encoding"] == "gzip, deflate"
