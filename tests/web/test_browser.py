"""Every page in a real browser (Debian's Chromium via Playwright) against a real uvicorn.

Each test fails on a console error, an uncaught script error, a failed request, or any
request to a host other than loopback; each saves a screenshot (``screenshots`` fixture).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class Watched:
    """A page plus what it did: console errors, script errors, outside or failed requests."""

    def __init__(self, page: Any, base: str, screenshots: Path) -> None:
        self.page, self.base, self.screenshots = page, base, screenshots
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.errors.append(f"failed: {req.url}"))
        page.on("request", self._request)

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def _request(self, request: Any) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in _LOCAL_HOSTS:
            self.outside.append(request.url)

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        return response

    def until(self, expression: str, seconds: float = 15) -> None:
        """Wait until ``expression`` is true in the page.

        Not ``wait_for_function``: it evaluates its predicate with ``eval`` inside the page,
        which the Content-Security-Policy refuses; ``evaluate`` runs outside its reach.
        """
        deadline = time.monotonic() + seconds
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"never true: {expression}"
            self.page.wait_for_timeout(50)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=False)

    def check(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside}"
        assert not self.errors, self.errors


@pytest.fixture
def web(browser: Any, server: str, screenshots: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    # Anything not on loopback is refused outright (and recorded by Watched), so a stray CDN
    # reference can never pass just because the machine happens to be offline.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).hostname in _LOCAL_HOSTS
            or route.request.url.startswith("data:")
            else route.abort()
        ),
    )
    watched = Watched(context.new_page(), server, screenshots)
    yield watched
    context.close()
    watched.check()


def _contested_event_id(web: Watched) -> int:
    data = web.page.request.get(
        web.base + "/api/events?actor=Kataib%20Hezbollah&type=Explosions"
    ).json()
    return int(next(e["id"] for e in data["items"] if e["contested"]))


def test_overview_shows_counts_chart_latest_and_actors(web: Watched) -> None:
    web.open("/")
    page = web.page
    assert int(page.inner_text("[data-count=events]")) > 20
    assert int(page.inner_text("[data-count=documents]")) == 21
    assert page.locator("#chart-1 rect.bar").count() >= 1
    assert page.locator("table.events tbody tr").count() == 10
    assert page.locator("table.top-actors a.actor").count() == 10
    web.shot("overview")


def test_events_table_filters_and_timeline(web: Watched) -> None:
    web.open("/events")
    page = web.page
    total = int(page.inner_text("#total"))
    assert page.locator("#timeline circle").count() > 10
    page.select_option("select[name=type]", "Battles")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "type=Battles" in page.url
    battles = int(page.inner_text("#total"))
    assert 0 < battles < total
    types = page.locator("table.events tbody td:nth-child(2) .type").all_inner_texts()
    assert types and set(types) == {"Battles"}
    web.shot("events")


def test_event_page_shows_date_place_sources_evidence_and_contested(web: Watched) -> None:
    event_id = _contested_event_id(web)
    web.open(f"/events/{event_id}")
    page = web.page
    assert page.inner_text("#event-date").startswith("2025-03-03")
    assert "Jurf al-Sakhar" in page.inner_text("#event-place")  # not the dateline
    assert page.locator(".badge.contested").is_visible()
    # Two reports of the strike, and the first report's "The strike hit a vehicle.", one
    # more mention of the same event.
    sources = page.locator("#sources > li")
    assert sources.count() == 3
    assert "The strike hit a vehicle." in page.inner_text("#sources")
    outlets = page.inner_text("#sources")
    assert "Second Wire" in outlets and "Test Wire <b>bold</b>" in outlets  # shown as text
    marks = page.locator(".doc-text mark").all_inner_texts()
    assert any("drone strike killed five fighters" in m for m in marks)
    assert any("drone strike killed three fighters" in m for m in marks)
    assert page.locator("table.claims tbody tr").count() >= 3
    assert page.evaluate("window.__orbat_xss") is None
    web.shot("event")


def test_actor_page_shows_aliases_relations_and_events(web: Watched) -> None:
    web.open("/actors/kataib-hezbollah")
    page = web.page
    assert page.inner_text("#actor-name") == "Kata'ib Hezbollah"
    aliases = page.locator("#aliases li").all_inner_texts()
    assert any(a.startswith("Kata'ib Hizballah") for a in aliases)
    assert any("كتائب حزب الله" in a for a in aliases)
    assert page.locator("#relations tbody tr").count() >= 5
    assert page.locator("table.events .badge.contested").count() >= 1
    web.shot("actor")


def test_map_has_points_and_a_point_opens_its_event(web: Watched) -> None:
    web.open("/map")
    page = web.page
    web.until("document.getElementById('map').dataset.points !== undefined")
    assert int(page.get_attribute("#map", "data-points") or 0) > 10
    # Borders drawn from the shipped world-atlas file, and clusters or points on top.
    page.wait_for_selector("path.leaflet-interactive, .marker-cluster", timeout=10_000)
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country outlines
    assert (
        page.locator(".marker-cluster").count() + page.locator("path.leaflet-interactive").count()
        > 0
    )
    web.shot("map")
    # A place read from an article is shown as text in the tooltip, never parsed as HTML.
    tooltip = page.evaluate(
        """(() => {
        const layer = window.orbatPoints.getLayers()[0];
        layer.feature.properties.location = '<b id="injected">x</b>';
        const content = layer.getTooltip()._content;
        const tip = typeof content === "function" ? content(layer) : content;
        return typeof tip === "string" ? tip : tip.outerHTML;
    })()"""
    )
    assert '&lt;b id="injected"&gt;' in tooltip and "<b" not in tooltip
    # A click opens the point's popup (out of its cluster first); its link opens the event.
    page.evaluate(
        """new Promise((done) => {
        const point = window.orbatPoints.getLayers()[0];
        window.orbatCluster.zoomToShowLayer(point, () => { point.openPopup(); done(true); });
    })"""
    )
    page.click(".leaflet-popup a.event-link")
    page.wait_for_url("**/events/*")
    assert page.locator("#event-date").is_visible()


def test_network_has_nodes_slider_and_click_opens_actor(web: Watched) -> None:
    web.open("/network")
    page = web.page
    web.until("document.getElementById('network').dataset.nodes !== undefined")
    all_nodes = page.evaluate("window.orbatNetwork.nodes().length")
    all_edges = page.evaluate("window.orbatNetwork.edges().length")
    assert all_nodes >= 80 and all_edges > 100
    styles = page.evaluate(
        "[...new Set(window.orbatNetwork.edges().map(e => e.style('line-style')))]"
    )
    assert {"solid", "dashed"} <= set(styles)
    web.shot("network")
    # The network as it stood in January 2010: fewer relations.
    page.uncheck("#all-dates")
    # Its request answered and drawn before the slider asks for another day.
    web.until("!['all', undefined].includes(document.getElementById('network').dataset.on)")
    page.evaluate(
        "(() => { const s = document.getElementById('date-slider');"
        " s.value = String((2010 - 1979) * 12); s.dispatchEvent(new Event('input')); })()"
    )
    web.until("document.getElementById('date-label').textContent === '2010-01-01'")
    # The label moves at once, the fetch 250 ms later: wait for the network drawn for that day,
    # or the click below navigates away while its request is in flight (a failed request).
    web.until("document.getElementById('network').dataset.on === '2010-01-01'")
    web.until(f"Number(document.getElementById('network').dataset.edges) < {all_edges}")
    assert page.evaluate("window.orbatNetwork.edges(':visible').length") < all_edges
    page.evaluate("setTimeout(() => window.orbatNetwork.$id('kataib-hezbollah').emit('tap'), 0)")
    page.wait_for_url("**/actors/kataib-hezbollah")


def test_documents_and_hostile_document_render_markup_as_text(web: Watched) -> None:
    web.open("/documents")
    page = web.page
    assert page.locator("table.documents tbody tr").count() == 21
    web.shot("documents")
    page.click("text=Drone strike <script>window.__orbat_xss = 1</script> report")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#doc-title").startswith("Drone strike <script>")
    text = page.inner_text("#doc-text")
    assert "<script>window.__orbat_xss = 2</script>" in text
    assert '<img src=x onerror="window.__orbat_xss = 3">' in text
    assert page.evaluate("window.__orbat_xss") is None  # nothing from the article ran
    assert page.locator("#doc-text mark").count() >= 1
    web.shot("document")


def test_search_finds_actor_article_and_event(web: Watched) -> None:
    web.open("/search?q=Jurf%20al-Sakhar")
    page = web.page
    assert "Strike on militia vehicle near Baghdad" in page.inner_text("#found-documents")
    assert page.locator("table.events tbody tr[data-event-id]").count() >= 1
    web.open("/search?q=Hizballah")
    assert "Kata'ib Hezbollah" in page.inner_text("#found-actors")
    web.shot("search")


def test_swagger_ui_works_offline(web: Watched) -> None:
    web.open("/docs")
    page = web.page
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "orbat" in page.inner_text(".swagger-ui .info")
    web.shot("api-docs")


def test_unknown_page_is_a_readable_404(web: Watched, server: str) -> None:
    response = web.page.goto(server + "/events/999999")
    assert response is not None and response.status == 404
    assert "no event 999999" in web.page.inner_text("main")
    # The browser logs a console error for any 404 document; that one is expected here.
    web.errors.clear()
