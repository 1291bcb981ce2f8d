"""Events out: JSON lines with every source's evidence, ACLED-column CSV, GeoJSON points."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import Engine, Row

from orbat.extract.records import ACLED_FIELDS
from orbat.store.events import EventStore, acled_row

__all__ = ["event_record", "write_acled_csv", "write_events_geojson", "write_events_jsonl"]

_PAGE = 500


def _pages(engine: Engine) -> Iterator[tuple[list[Row[Any]], dict[int, list[Row[Any]]]]]:
    """Events in pages with their mentions, so a large database streams."""
    store = EventStore(engine)
    offset = 0
    while True:
        rows = store.events(limit=_PAGE, offset=offset)
        if not rows:
            return
        yield rows, store.mentions([r.id for r in rows])
        offset += len(rows)


def event_record(row: Row[Any], mentions: list[Row[Any]]) -> dict[str, Any]:
    """One event as a JSON object: ACLED's fields, orbat's extras, and its sources."""
    record: dict[str, Any] = {"event_id": row.id, **acled_row(row)}
    record["fatalities_reported"] = row.fatalities_reported
    record["contested"] = bool(row.contested)
    record["confidence"] = row.confidence
    record["extractor"] = row.extractor
    record["sources"] = [
        {
            "document_id": m.document_id,
            "document_external_id": m.external_id,
            "url": m.url,
            "title": m.title,
            "outlet": m.outlet,
            "start": m.char_start,
            "end": m.char_end,
            "quote": m.quote,
            "stance": m.stance,
            "fatalities": m.fatalities,
            "confidence": m.confidence,
            "extractor": m.extractor,
        }
        for m in mentions
    ]
    return record


def write_events_jsonl(engine: Engine, out: IO[str]) -> int:
    count = 0
    for rows, mentions in _pages(engine):
        for row in rows:
            out.write(json.dumps(event_record(row, mentions[row.id]), ensure_ascii=False) + "\n")
            count += 1
    return count


def write_acled_csv(engine: Engine, out: IO[str]) -> int:
    """ACLED's columns (plus ``event_id_cnty``-style id) so the CSV lines up with ACLED's, and
    orbat's ``confidence`` last (see :mod:`orbat.extract.confidence`)."""
    writer = csv.DictWriter(out, fieldnames=["event_id_cnty", *ACLED_FIELDS, "confidence"])
    writer.writeheader()
    count = 0
    for rows, _ in _pages(engine):
        for row in rows:
            values = acled_row(row)
            values["event_id_cnty"] = f"ORBAT{row.id}"
            values["confidence"] = row.confidence
            writer.writerow({k: "" if v is None else v for k, v in values.items()})
            count += 1
    return count


def write_events_geojson(engine: Engine, out: IO[str]) -> int:
    """A GeoJSON FeatureCollection of the events that have coordinates (QGIS, web maps)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for rows, mentions in _pages(engine):
        for row in rows:
            if row.latitude is None or row.longitude is None:
                continue
            properties = event_record(row, mentions[row.id])
            feature = {
                "type": "Feature",
                "id": row.id,
                "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
                "properties": properties,
            }
            out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
            count += 1
    out.write("\n]}\n")
    return count
