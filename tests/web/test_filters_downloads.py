"""Issue 14 §2: the API's country/admin1/fatalities/sort filters, actor paging and filters, and
the filtered downloads (ACLED CSV, GeoJSON, JSON lines) holding exactly the listed events."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient

from orbat.read.events import EVENT_SORTS
from orbat.web.api import SortName

pytestmark = pytest.mark.issue(14)


def _get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    found = _get(client, "/api/events", limit=500, **params)
    assert found["total"] == len(found["items"])
    items: list[dict[str, Any]] = found["items"]
    return items


def test_every_sort_the_store_knows_is_offered_by_the_api() -> None:
    assert set(get_args(get_args(SortName)[0])) == set(EVENT_SORTS)


def test_country_and_admin1_keep_only_that_place(client: TestClient) -> None:
    everything = _all(client)
    syria = _all(client, country="syria")  # any case
    assert syria and {e["country"] for e in syria} == {"Syria"}
    assert len(syria) < len(everything)
    governorate = next(e["admin1"] for e in everything if e["country"] == "Iraq" and e["admin1"])
    inside = _all(client, country="Iraq", admin1=governorate)
    assert inside and {e["admin1"] for e in inside} == {governorate}
    assert _all(client, country="Syria", admin1=governorate) == []


def test_fatalities_filter_and_sort(client: TestClient) -> None:
    deadly = _all(client, fatalities=10)
    assert deadly and all(e["fatalities"] >= 10 for e in deadly)
    assert len(deadly) < len(_all(client))
    worst_first = _all(client, sort="fatalities")
    known = [e["fatalities"] for e in worst_first if e["fatalities"] is not None]
    assert known == sorted(known, reverse=True) and known[0] > known[-1]
    oldest = [e["event_date"] for e in _all(client, sort="oldest") if e["event_date"]]
    assert oldest == sorted(oldest)
    for bad in ({"sort": "random"}, {"fatalities": -1}, {"fatalities": "many"}):
        assert client.get("/api/events", params=bad).status_code == 422, bad
    # An HTML form sends its empty fields: empty means "no filter", default order.
    blank = {"fatalities": "", "sort": "", "country": "", "admin1": ""}
    assert _get(client, "/api/events", limit=500, **blank)["total"] == len(_all(client))


def test_actors_are_paged_and_filtered_by_kind_and_country(client: TestClient) -> None:
    whole = _get(client, "/api/actors", limit=500)
    first = _get(client, "/api/actors", limit=5)
    second = _get(client, "/api/actors", limit=5, offset=5)
    assert first["total"] == second["total"] == whole["total"] == len(whole["items"]) > 10
    assert [a["id"] for a in first["items"] + second["items"]] == [
        a["id"] for a in whole["items"][:10]
    ]
    militias = _get(client, "/api/actors", kind="political_militia", limit=500)["items"]
    assert militias and {a["kind"] for a in militias} == {"political_militia"}
    unknown = _get(client, "/api/actors", kind="unknown", limit=500)["items"]
    assert unknown and not any(a["in_pack"] for a in unknown)
    syrians = _get(client, "/api/actors", country="syria", limit=500)["items"]
    assert syrians and {a["country"] for a in syrians} == {"Syria"}


FILTERS = {"country": "Iraq", "since": "2019-01-01", "sort": "fatalities"}


def test_csv_download_holds_exactly_the_filtered_dated_events(client: TestClient) -> None:
    listed = [e for e in _all(client, **FILTERS) if e["event_date"]]
    response = client.get("/api/events/download", params={**FILTERS, "format": "acled"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    # event_id_cnty is the country's ISO3 and the event id; the rows keep the page's order.
    assert [r["event_id_cnty"] for r in rows] == [f"IRQ{e['id']}" for e in listed]
    assert {r["country"] for r in rows} == {"Iraq"}
    assert all(r["event_date"] >= "2019-01-01" for r in rows)


def test_geojson_and_jsonl_downloads_follow_the_same_filters(client: TestClient) -> None:
    listed = _all(client, **FILTERS)
    response = client.get("/api/events/download", params={**FILTERS, "format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    with_points = [e["id"] for e in listed if e["latitude"] is not None]
    assert [f["id"] for f in features] == with_points
    response = client.get("/api/events/download", params={**FILTERS, "format": "jsonl"})
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["event_id"] for r in records] == [e["id"] for e in listed]
    assert all(r["sources"] and r["sources"][0]["quote"] for r in records)  # with evidence
    assert client.get("/api/events/download", params={"format": "xls"}).status_code == 422


def test_events_page_links_its_downloads_with_its_filters(client: TestClient) -> None:
    page = client.get("/events", params={"country": "Iraq", "fatalities": "5"}).text
    assert 'id="download-acled"' in page
    assert "/api/events/download?country=Iraq&amp;fatalities=5&amp;format=acled" in page


def test_events_page_charts_the_filtered_events_by_month(client: TestClient) -> None:
    dated = [e for e in _all(client, country="Syria") if e["event_date"]]
    page = client.get("/events", params={"country": "Syria"}).text
    assert 'id="events-chart"' in page
    assert f"— {len(dated)} dated events" in page
    months = sorted({e["event_date"][:7] for e in dated})
    assert f"{months[0]} to {months[-1]}" in page
