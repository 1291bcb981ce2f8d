"""Events out: JSON lines with every source's evidence, ACLED-column CSV, GeoJSON points."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import Engine, Row

from orbat.export.countries import countries
from orbat.store.events import EventFilter, EventStore, acled_row
from orbat.taxonomy import interaction

__all__ = [
    "ACLED_CSV_COLUMNS",
    "acled_values",
    "event_record",
    "events_pages",
    "review_fields",
    "write_acled_csv",
    "write_events_geojson",
    "write_events_jsonl",
]

_PAGE = 500


def events_pages(
    engine: Engine, filters: EventFilter | None = None
) -> Iterator[tuple[list[Row[Any]], dict[int, list[Row[Any]]]]]:
    """Events (those ``filters`` keep) in pages with their mentions, so a large database
    streams."""
    store = EventStore(engine)
    offset = 0
    while True:
        rows = store.events(filters, limit=_PAGE, offset=offset)
        if not rows:
            return
        yield rows, store.mentions([r.id for r in rows])
        offset += len(rows)


def review_fields(row: Any) -> dict[str, Any]:
    """How analysts reviewed an event (see :class:`~orbat.store.reviewed.ReviewedEvent`)."""
    return {
        "reviewed": bool(row.reviewed),
        "review_status": row.review_status,
        "corrected": list(row.corrected),
        "machine_values": dict(row.machine_values),
        "reviewed_by": row.reviewed_by,
        "reviewed_at": row.reviewed_at,
        "merged_from": list(row.merged_from),
        "split_off": list(row.split_off),
        "split_from": row.split_from,
    }


def event_record(row: Row[Any], mentions: list[Row[Any]]) -> dict[str, Any]:
    """One event as a JSON object: ACLED's fields, orbat's extras, how analysts reviewed it
    (corrected values in ACLED's fields), and its sources (those a split took out left out)."""
    record: dict[str, Any] = {"event_id": row.id, **acled_row(row)}
    record["fatalities_reported"] = row.fatalities_reported
    record["contested"] = bool(row.contested)
    record["confidence"] = row.confidence
    record["extractor"] = row.extractor
    record.update(review_fields(row))
    split_off = {(s["document_id"], s["char_start"], s["char_end"]) for s in row.split_off}
    mentions = [m for m in mentions if (m.document_id, m.char_start, m.char_end) not in split_off]
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


def write_events_jsonl(engine: Engine, out: IO[str], filters: EventFilter | None = None) -> int:
    count = 0
    for rows, mentions in events_pages(engine, filters):
        for row in rows:
            out.write(json.dumps(event_record(row, mentions[row.id]), ensure_ascii=False) + "\n")
            count += 1
    return count


#: ACLED's export columns, in ACLED's order (its codebook, 2024), then orbat's confidence and
#: whether an analyst reviewed the row (its values are then the reviewed ones).
ACLED_CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp", "confidence", "reviewed",
)  # fmt: skip


def write_acled_csv(engine: Engine, out: IO[str], filters: EventFilter | None = None) -> int:
    """Every dated event as a row of ACLED's export (all its columns, in its order), so the CSV
    lines up with ACLED's own: ``year`` from the date, ``iso`` the country's ISO 3166 number,
    ``region`` ACLED's region, ``interaction`` recomputed from the merged inter codes,
    ``timestamp`` when orbat last changed the event (Unix time), ``event_id_cnty`` the
    country's ISO3 and orbat's event id. ACLED records no undated event; neither does this."""
    writer = csv.DictWriter(out, fieldnames=list(ACLED_CSV_COLUMNS))
    writer.writeheader()
    count = 0
    for rows, _ in events_pages(engine, filters):
        for row in rows:
            if row.event_date is None:
                continue
            writer.writerow({k: "" if v is None else v for k, v in acled_values(row).items()})
            count += 1
    return count


def acled_values(row: Row[Any]) -> dict[str, Any]:
    """One event as ACLED's export columns (see :func:`write_acled_csv`)."""
    values = acled_row(row)
    country = countries().get(row.country or "")
    inters = [c for c in (row.inter1, row.inter2) if c is not None]
    values.update(
        event_id_cnty=f"{country.iso3 if country else 'XXX'}{row.id}",
        year=row.event_date.year if row.event_date else None,
        interaction=interaction(*inters) if inters else None,
        iso=country.numeric if country else None,
        region=country.region if country else None,
        tags="",
        timestamp=int(row.updated_at.timestamp()) if row.updated_at else None,
        confidence=row.confidence,
        reviewed=row.review_status or "",
    )
    return {name: values.get(name) for name in ACLED_CSV_COLUMNS}


def write_events_geojson(engine: Engine, out: IO[str], filters: EventFilter | None = None) -> int:
    """A GeoJSON FeatureCollection of the events that have coordinates (QGIS, web maps)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for rows, mentions in events_pages(engine, filters):
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
