"""Requests no route should see are refused clearly, and every response carries the security
headers (issue 17, found by the security probe)."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from orbat.web import create_app
from orbat.web.guard import LOOPBACK_HOSTS, SECURITY_HEADERS, host_name, hosts_for

pytestmark = pytest.mark.issue(17)

TOO_BIG = str(2**63)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/search", {"q": "Baghdad\x00"}),
        ("/api/documents", {"q": "a\x00b"}),
        ("/search", {"q": "\x00"}),
        ("/api/events", {"actor": "Kataib\x00"}),
        ("/api/actors/kataib%00hezbollah", {}),
        ("/static/app.css%00", {}),
    ],
)
def test_a_nul_character_is_a_400_that_says_so(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/events", {"offset": TOO_BIG}, "offset"),
        ("/api/documents", {"offset": TOO_BIG}, "offset"),
        ("/events", {"offset": TOO_BIG}, "offset"),
        ("/documents", {"offset": TOO_BIG}, "offset"),
        (f"/api/events/{TOO_BIG}", {}, "event_id"),
        (f"/api/events/-{TOO_BIG}1", {}, "event_id"),
        (f"/api/documents/{TOO_BIG}", {}, "document_id"),
        (f"/events/{TOO_BIG}", {}, "event_id"),
        (f"/documents/{TOO_BIG}", {}, "document_id"),
    ],
)
def test_a_number_past_64_bits_is_a_422_that_names_the_field(
    client: TestClient, path: str, params: dict[str, str], field: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    if not path.startswith("/api/"):
        # A page answers with a page (issue 14 §5), naming the field all the same.
        assert response.headers["content-type"].startswith("text/html")
        assert field in response.text
        return
    [problem] = response.json()["detail"]
    assert problem["loc"][-1] == field and problem["type"] in (
        "less_than_equal",
        "greater_than_equal",
    )


def test_the_largest_64_bit_numbers_still_work(client: TestClient) -> None:
    largest = str(2**63 - 1)
    assert client.get("/api/events", params={"offset": largest}).json()["items"] == []
    assert client.get(f"/api/events/{largest}").status_code == 404
    assert client.get(f"/documents/{largest}").status_code == 404


# -- security headers (issue 17: none were sent) ------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/network",
        "/docs",
        "/api/stats",
        "/static/app.css",
        "/types.css",
        "/events/999999",
        "/api/nothing",
        "/api/search?q=%00",
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, (path, name)
    policy = headers["content-security-policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe" not in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_need_no_inline_script_or_style(client: TestClient) -> None:
    """What the policy would refuse: inline scripts, style attributes, event handlers."""
    event_id = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    for path in ("/", "/events", f"/events/{event_id}", "/map", "/network", "/docs", "/search?q=a"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<style\b|\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def test_type_colours_are_a_stylesheet(client: TestClient) -> None:
    css = client.get("/types.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".t-battles { --c: #" in css.text
    assert '<span class="type t-' in client.get("/events").text


# -- Host check (issue 17: DNS rebinding) --------------------------------------------------


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:1", "[::1]:8000", "[::1]", "LocalHost."]
)
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["rebind.example", "rebind.example:8000", "127.0.0.1.rebind.example", "[::2]:80"]
)
def test_other_names_are_refused_on_loopback(client: TestClient, host: str) -> None:
    for path in ("/api/events", "/", "/static/app.css"):
        response = client.get(path, headers={"host": host})
        assert response.status_code == 400, (host, path)
        assert "answers only to" in response.json()["detail"]
        assert response.headers["x-frame-options"] == "DENY"


def test_testclients_default_host_is_refused(app: FastAPI) -> None:
    with TestClient(app) as default:  # Host: testserver
        assert default.get("/api/stats").status_code == 400


@pytest.mark.parametrize(
    ("bind", "hosts"),
    [
        ("127.0.0.1", LOOPBACK_HOSTS),
        ("localhost", LOOPBACK_HOSTS),
        ("::1", LOOPBACK_HOSTS),
        ("[::1]", LOOPBACK_HOSTS),
        ("127.0.0.2", LOOPBACK_HOSTS | {"127.0.0.2"}),
        ("0.0.0.0", None),
        ("192.168.1.5", None),
        ("::", None),
        ("orbat.lan", None),
    ],
)
def test_hosts_answered_follow_the_interface(bind: str, hosts: frozenset[str] | None) -> None:
    assert hosts_for(bind) == hosts


def test_any_host_when_exposed_on_purpose(engine: Engine) -> None:
    with TestClient(create_app(engine, allowed_hosts=None)) as exposed:
        assert exposed.get("/api/stats", headers={"host": "orbat.lan"}).status_code == 200


def test_host_names_are_read_like_browsers_send_them() -> None:
    assert host_name("LOCALHOST:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("127.0.0.1") == "127.0.0.1"
    assert host_name("localhost.") == "localhost"
