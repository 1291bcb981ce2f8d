"""Export stage: every output format, registered in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from sqlalchemy import Engine

from orbat.export.documents import document_record, write_documents_jsonl
from orbat.export.events import (
    event_record,
    write_acled_csv,
    write_events_geojson,
    write_events_jsonl,
)

__all__ = [
    "EXPORTERS",
    "Exporter",
    "document_record",
    "event_record",
    "write_acled_csv",
    "write_documents_jsonl",
    "write_events_geojson",
    "write_events_jsonl",
]

Exporter = Callable[[Engine, IO[str]], int]

# Format name (as typed after --format) → writer. Later stages add events, actors, graphs.
EXPORTERS: dict[str, Exporter] = {
    "documents-jsonl": write_documents_jsonl,
    "events-jsonl": write_events_jsonl,
    "acled": write_acled_csv,
    "geojson": write_events_geojson,
}
