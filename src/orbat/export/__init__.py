"""Export stage: every output format, registered in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from sqlalchemy import Engine

from orbat.export.actors import write_actors_jsonl
from orbat.export.documents import document_record, write_documents_jsonl
from orbat.export.events import (
    event_record,
    write_acled_csv,
    write_events_geojson,
    write_events_jsonl,
)
from orbat.export.ftm import write_ftm
from orbat.export.graph import write_gexf, write_graphml
from orbat.export.statements import (
    write_claims_jsonl,
    write_mentions_jsonl,
    write_relations_jsonl,
)

__all__ = [
    "EXPORTERS",
    "Exporter",
    "document_record",
    "event_record",
    "write_acled_csv",
    "write_actors_jsonl",
    "write_claims_jsonl",
    "write_documents_jsonl",
    "write_events_geojson",
    "write_events_jsonl",
    "write_ftm",
    "write_gexf",
    "write_graphml",
    "write_mentions_jsonl",
    "write_relations_jsonl",
]

Exporter = Callable[[Engine, IO[str]], int]

# Format name (as typed after --format) → writer. Later stages add events, actors, graphs.
EXPORTERS: dict[str, Exporter] = {
    "documents-jsonl": write_documents_jsonl,
    "events-jsonl": write_events_jsonl,
    "acled": write_acled_csv,
    "geojson": write_events_geojson,
    "actors-jsonl": write_actors_jsonl,
    "relations-jsonl": write_relations_jsonl,
    "claims-jsonl": write_claims_jsonl,
    "mentions-jsonl": write_mentions_jsonl,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "ftm": write_ftm,
}
