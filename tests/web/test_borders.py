"""Governorate borders the user supplies (issue 14 §3): `orbat borders import|info|clear`, the
/api/borders file and the map's layer. The GeoJSON is made up here: two rectangles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from orbat.borders import clear_borders, import_borders, load_borders
from orbat.cli.app import app as cli
from orbat.errors import BordersError

from .test_browser import Watched, web  # noqa: F401 - the fixture, shared with those tests

pytestmark = pytest.mark.issue(14)


def _rectangle(name: str, west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Feature",
        "properties": {"shapeName": name, "shapeGroup": "IRQ", "shapeType": "ADM1"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


@pytest.fixture
def borders_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two made-up governorates in a geoBoundaries-shaped file; the cache folder a temp one."""
    monkeypatch.setenv("ORBAT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "made-up-adm1.geojson"
    collection = {
        "type": "FeatureCollection",
        "features": [
            _rectangle("Northmost", 41.123456789, 34.0, 45.0, 37.0),
            _rectangle("Southmost", 41.0, 30.0, 45.0, 34.0),
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [1, 2]},
            },
        ],
    }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_import_keeps_the_polygons_names_and_attribution(borders_file: Path) -> None:
    assert load_borders() is None
    info = import_borders(borders_file)
    assert (info.features, info.countries, info.source) == (2, {"IRQ": 2}, "geoboundaries")
    assert "geoBoundaries" in info.attribution
    found = load_borders()
    assert found is not None and found[0] == info
    stored = json.loads(found[1].read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in stored["features"]] == ["Northmost", "Southmost"]
    assert stored["features"][0]["geometry"]["coordinates"][0][0] == [41.1235, 34.0]
    assert stored["attribution"] == info.attribution
    # A credit of the user's own, and a second import replaces the first.
    again = import_borders(borders_file, attribution="Boundaries: my own survey")
    assert again.attribution == "Boundaries: my own survey"
    assert clear_borders() and load_borders() is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('{"type": "Topology", "objects": {}}', "TopoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "no Polygon"),
        ("[1, 2]", "no GeoJSON"),
    ],
)
def test_a_bad_file_is_refused_and_the_stored_borders_stay(
    borders_file: Path, tmp_path: Path, content: str, message: str
) -> None:
    import_borders(borders_file)
    bad = tmp_path / "bad.geojson"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BordersError, match=message):
        import_borders(bad)
    found = load_borders()
    assert found is not None and found[0].name == borders_file.name


def test_cli_import_info_clear(borders_file: Path) -> None:
    runner = CliRunner()
    assert "No governorate borders" in runner.invoke(cli, ["borders", "info"]).output
    done = runner.invoke(cli, ["borders", "import", str(borders_file)])
    assert done.exit_code == 0, done.output
    info = runner.invoke(cli, ["borders", "info"])
    assert "regions: 2" in info.output and "geoBoundaries" in info.output
    manifest = json.loads(runner.invoke(cli, ["borders", "info", "--json"]).output)
    assert manifest["features"] == 2 and manifest["name"] == borders_file.name
    assert runner.invoke(cli, ["borders", "clear"]).exit_code == 0
    assert "No governorate borders" in runner.invoke(cli, ["borders", "info"]).output


def test_api_serves_the_borders_and_the_map_names_them(
    borders_file: Path, client: TestClient
) -> None:
    assert client.get("/api/borders").status_code == 404
    assert "none imported" in client.get("/map").text
    import_borders(borders_file)
    served = client.get("/api/borders").json()
    assert len(served["features"]) == 2
    page = client.get("/map").text
    assert 'data-admin1-url="/api/borders"' in page and 'id="admin1-credit"' in page


def test_the_map_draws_the_imported_governorates(
    borders_file: Path,
    web: Watched,  # noqa: F811
) -> None:
    import_borders(borders_file)
    web.open("/map")
    page = web.page
    web.until("document.getElementById('map').dataset.admin1 !== undefined")
    assert page.get_attribute("#map", "data-admin1") == "2"
    assert page.locator("path.admin1-border").count() == 2
    assert page.is_visible(".leaflet-control-layers")
    assert "geoBoundaries" in page.inner_text(".leaflet-control-attribution")
    assert "geoBoundaries" in page.inner_text("#admin1-credit")
