"""Governorate (admin-1) borders the user supplies: stored in the cache folder, drawn on the map.

No border file ships with orbat: the redistributable ones (geoBoundaries, Natural Earth, OCHA's
COD-AB) come with their own terms, so, like the village gazetteer, a user imports the file they
chose: ``orbat borders import FILE.geojson``. The polygons are kept in
``$ORBAT_CACHE_DIR/borders/admin1.geojson`` (each feature's name and country only, coordinates
rounded to about 10 m), beside ``manifest.json``: the file's name, sha256, features, countries,
import time and the attribution the map shows. Importing again replaces the borders; a file that
is no GeoJSON of polygons is refused and the stored borders stay as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from orbat.errors import BordersError

__all__ = ["BordersInfo", "borders_dir", "clear_borders", "import_borders", "load_borders"]

#: Property names that hold a region's name and its country, by source, most specific first.
_NAME_KEYS = ("shapeName", "ADM1_EN", "name_en", "name", "NAME_1", "NAME", "admin1")
_COUNTRY_KEYS = ("shapeGroup", "ADM0_EN", "admin", "adm0_a3", "iso_a2", "COUNTRY", "country")
#: Attribution when the file says where it comes from and the user did not.
_SOURCES = {
    "geoboundaries": "Boundaries: geoBoundaries (www.geoboundaries.org), CC BY 4.0",
    "natural_earth": "Boundaries: Made with Natural Earth (naturalearthdata.com), public domain",
    "ocha": "Boundaries: OCHA Common Operational Datasets (data.humdata.org)",
}
_DIGITS = 4  # about 11 m at the equator: plenty for a governorate's outline


@dataclass(frozen=True, slots=True)
class BordersInfo:
    """What ``orbat borders info`` reports: the imported file and what the map credits."""

    name: str
    sha256: str
    features: int
    countries: dict[str, int]
    source: str
    attribution: str
    imported_at: str


def borders_dir() -> Path:
    """Where imported borders live: ``borders/`` in orbat's cache folder."""
    from orbat.nlp.gazetteer_store import cache_dir

    return cache_dir() / "borders"


def import_borders(path: Path, *, attribution: str | None = None) -> BordersInfo:
    """Read admin-1 polygons from a GeoJSON file and store them for the map.

    1. Parse the file: a FeatureCollection (or one Feature) with Polygon or MultiPolygon
       geometries; other geometries are passed over, none at all is an error.
    2. Keep each feature's name and country (geoBoundaries', Natural Earth's, OCHA's
       property names) and its rounded coordinates.
    3. Write the polygons and the manifest (a temporary file renamed into place each).
    """
    # 1.
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BordersError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BordersError(f"{path.name} is not GeoJSON (not JSON: {exc})") from None
    features = _features(doc, path.name)
    # 2.
    kept: list[dict[str, Any]] = []
    source = _source(features)
    for feature in features:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        props = feature.get("properties") or {}
        kept.append(
            {
                "type": "Feature",
                "properties": {
                    "name": _first(props, _NAME_KEYS) or f"region {len(kept) + 1}",
                    "country": _first(props, _COUNTRY_KEYS),
                },
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _rounded(geometry.get("coordinates")),
                },
            }
        )
    if not kept:
        raise BordersError(f"{path.name} has no Polygon or MultiPolygon features")
    countries = Counter(str(f["properties"].get("country") or "?") for f in kept)
    info = BordersInfo(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        features=len(kept),
        countries=dict(countries.most_common()),
        source=source,
        attribution=(attribution or _SOURCES.get(source) or f"Boundaries: {path.name}").strip(),
        imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    # 3.
    folder = borders_dir()
    folder.mkdir(parents=True, exist_ok=True)
    collection = {"type": "FeatureCollection", "attribution": info.attribution, "features": kept}
    _write(folder / "admin1.geojson", json.dumps(collection, ensure_ascii=False))
    _write(folder / "manifest.json", json.dumps(asdict(info), ensure_ascii=False, indent=2))
    return info


def load_borders() -> tuple[BordersInfo, Path] | None:
    """The imported borders' manifest and polygon file, or None when none are imported."""
    folder = borders_dir()
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        info = BordersInfo(**manifest)
    except (OSError, ValueError, TypeError):
        return None
    polygons = folder / "admin1.geojson"
    return (info, polygons) if polygons.is_file() else None


def clear_borders() -> bool:
    """Remove the imported borders; whether there were any."""
    found = False
    for name in ("admin1.geojson", "manifest.json"):
        try:
            (borders_dir() / name).unlink()
            found = True
        except FileNotFoundError:
            pass
    return found


def _features(doc: Any, name: str) -> list[dict[str, Any]]:
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        features = doc.get("features")
        if isinstance(features, list):
            return [f for f in features if isinstance(f, dict)]
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return [doc]
    if isinstance(doc, dict) and doc.get("type") == "Topology":
        raise BordersError(f"{name} is TopoJSON; export it as GeoJSON (e.g. with mapshaper)")
    raise BordersError(f"{name} is no GeoJSON FeatureCollection")


def _source(features: list[dict[str, Any]]) -> str:
    """Which publisher's property names the file uses, if any."""
    keys = {k for f in features[:5] for k in (f.get("properties") or {})}
    if {"shapeName", "shapeGroup"} & keys:
        return "geoboundaries"
    if {"adm0_a3", "iso_3166_2", "featurecla"} & keys:
        return "natural_earth"
    if any(k.startswith("ADM1_PCODE") or k == "ADM1_EN" for k in keys):
        return "ocha"
    return "unknown"


def _first(props: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _rounded(value: Any) -> Any:
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), _DIGITS)
    raise BordersError("a polygon's coordinates are not numbers")


def _write(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
