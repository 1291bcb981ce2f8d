"""The events page's downloads: the filtered view as ACLED CSV, GeoJSON or JSON lines.

The file is written by the same exporters as ``orbat export`` with the page's filters (one
:class:`~orbat.store.events.EventFilter`), so a download and ``orbat export --since …`` agree
row for row. It is written to a spooled temporary file (memory up to a few MB, disk past
that) and streamed from there, so a large database does not sit in memory.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import IO

from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from orbat.export import EXPORTERS
from orbat.read.events import EventQuery

__all__ = ["DOWNLOADS", "download"]

#: Download name → (exporter name, file suffix, media type).
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "acled": ("acled", "csv", "text/csv; charset=utf-8"),
    "geojson": ("geojson", "geojson", "application/geo+json"),
    "jsonl": ("events-jsonl", "jsonl", "application/x-ndjson"),
}

_SPOOL_BYTES = 4_000_000
_CHUNK = 64 * 1024


def download(engine: Engine, query: EventQuery, name: str) -> StreamingResponse:
    """The events ``query`` keeps, as the file ``name`` (a key of :data:`DOWNLOADS`)."""
    exporter, suffix, media_type = DOWNLOADS[name]
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by _chunks once streamed
        max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
    )
    try:
        EXPORTERS[exporter](engine, spool, filters=query.to_filter())
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    filename = f"orbat-events-{dt.date.today():%Y%m%d}.{suffix}"
    return StreamingResponse(
        _chunks(spool),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _chunks(spool: IO[str]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(_CHUNK):
            yield chunk.encode("utf-8")
