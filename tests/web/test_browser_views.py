"""Issue 14 §2-§3 in a real browser: the filtered download, the monthly charts, the map's
filters and sized markers, the network's colours, focus, filters and uncluttered labels."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path
from typing import Any

import pytest

from .test_browser import Watched, web  # noqa: F401 - the fixture, shared with those tests

pytestmark = pytest.mark.issue(14)


def test_events_page_downloads_the_filtered_view(web: Watched) -> None:  # noqa: F811
    web.open("/events")
    page = web.page
    page.fill("input[name=country]", "Iraq")
    page.fill("input[name=fatalities]", "1")
    page.select_option("select[name=sort]", "fatalities")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    total = int(page.inner_text("#total"))
    assert total > 0
    shown = page.locator("table.events tbody tr[data-event-id]").evaluate_all(
        "rows => rows.map(r => Number(r.dataset.eventId))"
    )
    with page.expect_download() as info:
        page.click("#download-acled")
    path = info.value.path()
    assert info.value.suggested_filename.endswith(".csv")
    with Path(path).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["country"] for r in rows} == {"Iraq"}
    assert all(int(r["fatalities"]) >= 1 for r in rows)
    # The same events as the page, in its order (worst first); undated ones have no CSV row.
    dated = page.locator("table.events tbody tr[data-event-id]").evaluate_all(
        "rows => rows.filter(r => !r.innerText.startsWith('undated'))"
        ".map(r => Number(r.dataset.eventId))"
    )
    assert [int(r["event_id_cnty"][3:]) for r in rows][: len(dated)] == dated
    assert len(rows) <= total and shown
    with page.expect_download() as info:
        page.click("#download-jsonl")
    with Path(info.value.path()).open(encoding="utf-8") as f:
        assert sum(1 for _ in f) == total
    web.shot("events-download")


def _labels_inside(page: Any, selector: str) -> bool:
    """Whether every text of the SVG lies inside its drawing (no clipped label)."""
    result: bool = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel + ' svg')].every(svg => {
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('text')].every(t => {
                const b = t.getBBox();
                return b.x >= box.x - 0.5 && b.y >= box.y - 0.5 &&
                       b.x + b.width <= box.x + box.width + 0.5 &&
                       b.y + b.height <= box.y + box.height + 0.5;
            });
        })""",
        selector,
    )
    return result


def test_overview_charts_cover_every_month_and_switch_split(web: Watched) -> None:  # noqa: F811
    stats = web.page.request.get(web.base + "/api/stats").json()
    web.open("/")
    page = web.page
    caption = page.inner_text("#chart-1 figcaption")
    first, last = stats["event_date_from"][:7], stats["event_date_to"][:7]
    assert f"{first} to {last}" in caption  # the whole range, not 26 weeks
    assert page.locator("#chart-1 rect.bar").count() >= 5
    assert "Fatalities per month" in page.inner_text("#chart-2 figcaption")
    assert _labels_inside(page, "#charts")
    web.shot("overview")
    page.click("#charts >> text=governorate")
    page.wait_for_load_state("networkidle")
    assert "by governorate" in page.inner_text("#chart-1 figcaption")
    keys = page.locator("#chart-1 g.key text").all_inner_texts()
    assert len(keys) >= 3 and "Battles" not in keys
    assert _labels_inside(page, "#charts")
    page.click("#charts >> text=actor")
    page.wait_for_load_state("networkidle")
    assert "by actor" in page.inner_text("#chart-1 figcaption")
    assert _labels_inside(page, "#charts")
    web.shot("overview-by-actor")


def test_actor_page_has_its_monthly_charts(web: Watched) -> None:  # noqa: F811
    web.open("/actors/kataib-hezbollah")
    page = web.page
    bars = page.locator("#actor-chart-1 rect.bar").count()
    assert bars >= 2
    listed = page.locator("table.events tbody tr[data-event-id]").evaluate_all(
        "rows => rows.filter(r => !r.innerText.startsWith('undated')).length"
    )
    assert f"— {listed} dated events" in page.inner_text("#actor-chart-1 figcaption")
    assert _labels_inside(page, "#actor-charts")
    web.shot("actor")


def _points(watched: Watched) -> int:
    return int(watched.page.get_attribute("#map", "data-points") or 0)


def test_map_filters_on_the_page_and_sizes_markers(web: Watched) -> None:  # noqa: F811
    web.open("/map")
    page = web.page
    web.until("document.getElementById('map').dataset.points !== undefined")
    everything = _points(web)
    # The view fits the events (the theatre), not the whole world.
    bounds = page.evaluate("window.orbatMap.getBounds().toBBoxString()").split(",")
    west, south, east, north = (float(v) for v in bounds)
    assert east - west < 120 and north - south < 80
    page.select_option("#map-filters select[name=type]", "Battles")
    page.click("#map-filters button[type=submit]")
    web.until(f"Number(document.getElementById('map').dataset.points) < {everything}")
    assert "type=Battles" in page.url
    types = page.evaluate(
        "window.orbatPoints.getLayers().map(l => l.feature.properties.event_type)"
    )
    assert types and set(types) == {"Battles"}
    page.select_option("#map-filters select[name=type]", "")
    page.fill("#map-filters input[name=since]", "2025-01-01")
    page.fill("#map-filters input[name=actor]", "Kata'ib Hizballah")  # a spelling, not the name
    page.click("#map-filters button[type=submit]")
    web.until("document.getElementById('map').dataset.query.includes('actor=')")
    dates = page.evaluate(
        "window.orbatPoints.getLayers().map(l => l.feature.properties.event_date)"
    )
    assert dates and all(d >= "2025-01-01" for d in dates)
    page.click("#map-filters >> text=clear")
    page.wait_for_load_state("networkidle")
    web.until(f"Number(document.getElementById('map').dataset.points) === {everything}")
    radii = page.evaluate(
        """window.orbatPoints.getLayers().map(l =>
            [l.feature.properties.fatalities || 0, l.getRadius()])"""
    )
    by_toll = sorted(radii)
    assert by_toll[0][1] < by_toll[-1][1]  # the deadliest point is drawn bigger
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(by_toll))
    assert page.evaluate("window.orbatMap.getMaxZoom()") <= 12
    assert page.locator(".leaflet-tile").count() == 0  # no tiles: none can be blank
    web.shot("map")


def test_network_colours_focus_filters_and_labels(web: Watched) -> None:  # noqa: F811
    web.open("/network")
    page = web.page
    web.until("document.getElementById('network').dataset.nodes !== undefined")
    net = "window.orbatNetwork"
    colours = page.evaluate(f"[...new Set({net}.nodes().map(n => n.style('background-color')))]")
    assert len(colours) >= 4  # one per actor kind
    sizes = page.evaluate(f"{net}.nodes().map(n => [n.data('degree'), n.width()])")
    assert min(sizes)[1] < max(sizes)[1]  # more relations, a bigger node
    # No two shown labels overlap.
    overlaps = page.evaluate(
        f"""(() => {{
        const boxes = {net}.nodes(':visible').filter(n => !n.hasClass('quiet'))
            .map(n => n.boundingBox(
                {{includeNodes: false, includeEdges: false, includeLabels: true}}));
        let n = 0;
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {{
            const a = boxes[i], b = boxes[j];
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) n++;
        }}
        return [n, boxes.length];
    }})()"""
    )
    assert overlaps[0] == 0 and overlaps[1] >= 10, overlaps
    web.shot("network")
    all_edges = int(page.get_attribute("#network", "data-edges") or 0)
    # Only hostility: every visible edge is hostile-to.
    for box in page.locator("#edge-legend input[type=checkbox]").all():
        if box.get_attribute("data-type") != "hostile-to":
            box.uncheck()
    types = page.evaluate(f"[...new Set({net}.edges(':visible').map(e => e.data('type')))]")
    assert types == ["hostile-to"]
    for box in page.locator("#edge-legend input[type=checkbox]").all():
        box.check()
    page.select_option("#stance", "alleged")
    stances = page.evaluate(f"[...new Set({net}.edges(':visible').map(e => e.data('stance')))]")
    assert stances == ["alleged"]
    page.select_option("#stance", "")
    # Focus: the actor and its neighbours only.
    page.fill("#focus", "kataib-hezbollah")
    page.dispatch_event("#focus", "change")
    visible = set(page.evaluate(f"{net}.nodes(':visible').map(n => n.id())"))
    neighbours = set(
        page.evaluate(f"{net}.$id('kataib-hezbollah').neighborhood('node').map(n => n.id())")
    )
    assert "kataib-hezbollah" in visible and visible - {"kataib-hezbollah"} <= neighbours
    assert 3 <= len(visible) < int(page.get_attribute("#network", "data-nodes") or 0) + 100
    web.shot("network-focus")
    page.click("#clear-focus")
    assert int(page.get_attribute("#network", "data-edges") or 0) == all_edges


def test_network_date_leaves_out_undated_relations_unless_asked(web: Watched) -> None:  # noqa: F811
    web.open("/network")
    page = web.page
    web.until("document.getElementById('network').dataset.nodes !== undefined")
    page.uncheck("#all-dates")
    page.wait_for_load_state("networkidle")
    web.until("document.getElementById('date-label').textContent !== 'all dates'")
    web.until("document.getElementById('network-status').textContent !== 'loading…'")
    without = int(page.get_attribute("#network", "data-edges") or 0)
    page.check("#include-undated")
    page.wait_for_load_state("networkidle")
    web.until(f"Number(document.getElementById('network').dataset.edges) > {without}")


def test_actor_page_links_to_its_focused_network(web: Watched) -> None:  # noqa: F811
    web.open("/actors/kataib-hezbollah")
    web.page.click("#actor-network")
    web.page.wait_for_load_state("networkidle")
    web.until("document.getElementById('network').dataset.nodes !== undefined")
    assert web.page.evaluate("window.orbatNetwork.$id('kataib-hezbollah').hasClass('focus')")
    assert int(web.page.get_attribute("#network", "data-nodes") or 0) < 40
