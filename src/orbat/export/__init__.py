"""Export stage: every output format, registered in one place."""

from __future__ import annotations

import importlib
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
    "write_mentions_jsonl",
    "write_relations_jsonl",
]

Exporter = Callable[[Engine, IO[str]], int]


def _lazy(module: str, name: str) -> Exporter:
    """An exporter imported when first used: followthemoney and networkx take seconds to
    import, and every `orbat` command imports this registry."""

    def export(engine: Engine, out: IO[str]) -> int:
        writer: Exporter = getattr(importlib.import_module(module), name)
        return writer(engine, out)

    export.__doc__ = f"{module}.{name}, imported on first use."
    return export


# Format name (as typed after --format) → writer; every stage registers its formats here.
EXPORTERS: dict[str, Exporter] = {
    "documents-jsonl": write_documents_jsonl,
    "events-jsonl": write_events_jsonl,
    "acled": write_acled_csv,
    "geojson": write_events_geojson,
    "actors-jsonl": write_actors_jsonl,
    "relations-jsonl": write_relations_jsonl,
    "claims-jsonl": write_claims_jsonl,
    "mentions-jsonl": write_mentions_jsonl,
    "graphml": _lazy("orbat.export.graph", "write_graphml"),
    "gexf": _lazy("orbat.export.graph", "write_gexf"),
    "ftm": _lazy("orbat.export.ftm", "write_ftm"),
}
