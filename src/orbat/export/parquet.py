"""Events as Parquet (pandas, DuckDB, Arrow, Spark): ACLED's columns, typed, one row per event,
plus orbat's extras and each event's sources with their evidence as a nested list.

pyarrow writes it (the ``parquet`` extra). The schema is fixed here rather than inferred, so
every file has the same column types whatever the rows hold (a page of events with no
fatalities known must not make the column null-typed), and rows are written in row groups of
one store page each, so a large database streams.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from sqlalchemy import Engine

from orbat.errors import require
from orbat.export.events import ACLED_CSV_COLUMNS, acled_values, events_pages
from orbat.store.events import EventFilter

__all__ = ["PARQUET_INTS", "write_events_parquet"]

#: ACLED's integer columns (the rest are text, but for dates, coordinates and confidence).
PARQUET_INTS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
     "fatalities", "timestamp"}
)  # fmt: skip
_FLOATS = frozenset({"latitude", "longitude", "confidence"})
_SOURCE_FIELDS = ("document_id", "start", "end", "quote", "url", "outlet", "stance", "extractor")


def _schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name == "event_date":
            return pa.date32()
        if name in PARQUET_INTS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        return pa.string()

    source = pa.struct(
        [(f, pa.int64() if f in ("document_id", "start", "end") else pa.string())
         for f in _SOURCE_FIELDS]
    )  # fmt: skip
    return pa.schema(
        [("event_id", pa.int64())]
        + [(name, kind(name)) for name in ACLED_CSV_COLUMNS]
        + [
            ("fatalities_reported", pa.string()),
            ("contested", pa.bool_()),
            ("extractor", pa.string()),
            ("sources", pa.list_(source)),
        ]
    )


def write_events_parquet(engine: Engine, out: IO[bytes], filters: EventFilter | None = None) -> int:
    """Every event ``filters`` keeps (dated or not) as a Parquet file written to ``out``."""
    require("pyarrow", "the Parquet export", "parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for rows, mentions in events_pages(engine, filters):
            records = [_record(row, mentions[row.id]) for row in rows]
            writer.write_table(pa.Table.from_pylist(records, schema=schema))
            count += len(records)
    return count


def _record(row: Any, mentions: list[Any]) -> dict[str, Any]:
    values = acled_values(row)
    day = values["event_date"]
    values["event_date"] = dt.date.fromisoformat(day) if day else None
    values["tags"] = values["tags"] or None
    return {
        "event_id": row.id,
        **values,
        "fatalities_reported": row.fatalities_reported,
        "contested": bool(row.contested),
        "extractor": row.extractor,
        "sources": [
            {
                "document_id": m.document_id,
                "start": m.char_start,
                "end": m.char_end,
                "quote": m.quote,
                "url": m.url,
                "outlet": m.outlet,
                "stance": m.stance,
                "extractor": m.extractor,
            }
            for m in mentions
        ],
    }
