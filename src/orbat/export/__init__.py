"""Export stage: every output format, registered in one place.

Every writer is imported on first use: this registry is imported by every `orbat` command,
and the writers bring SQLAlchemy, followthemoney and networkx (seconds to import).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    "BINARY_FORMATS",
    "EVENT_FORMATS",
    "EXPORTERS",
    "PACK_FORMATS",
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

Exporter = Callable[..., int]  # (engine, out, **options) -> records written

# Where each public name lives (imported by :func:`__getattr__` when first asked for).
_HOMES = {
    "write_actors_jsonl": "orbat.export.actors",
    "document_record": "orbat.export.documents",
    "write_documents_jsonl": "orbat.export.documents",
    "event_record": "orbat.export.events",
    "write_acled_csv": "orbat.export.events",
    "write_events_geojson": "orbat.export.events",
    "write_events_jsonl": "orbat.export.events",
    "write_claims_jsonl": "orbat.export.statements",
    "write_mentions_jsonl": "orbat.export.statements",
    "write_relations_jsonl": "orbat.export.statements",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'orbat.export' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


def _lazy(module: str, name: str, needs: tuple[str, str] | None = None) -> Exporter:
    """An exporter imported when first used; ``needs`` names the library it cannot do
    without and the extra that installs it (a one-line message if it is missing)."""

    def export(engine: Engine, out: IO[Any], **options: Any) -> int:
        if needs is not None:
            from orbat.errors import require

            require(needs[0], f"the {name.removeprefix('write_')} export", needs[1])
        writer: Callable[..., int] = getattr(importlib.import_module(module), name)
        return writer(engine, out, **options)

    export.__doc__ = f"{module}.{name}, imported on first use."
    return export


#: Formats of events, which take ``filters`` (an EventFilter) as well.
EVENT_FORMATS = frozenset({"events-jsonl", "acled", "geojson", "parquet"})
#: Formats of the theatre pack's actors and relations, which take ``pack`` (a Pack) as well.
PACK_FORMATS = frozenset(
    {"actors-jsonl", "relations-jsonl", "claims-jsonl", "mentions-jsonl", "graphml", "gexf", "ftm"}
)
#: Formats written as bytes (the others are text, UTF-8).
BINARY_FORMATS = frozenset({"parquet"})

# Format name (as typed after --format) → writer; every stage registers its formats here.
EXPORTERS: dict[str, Exporter] = {
    "documents-jsonl": _lazy("orbat.export.documents", "write_documents_jsonl"),
    "events-jsonl": _lazy("orbat.export.events", "write_events_jsonl"),
    "acled": _lazy("orbat.export.events", "write_acled_csv"),
    "geojson": _lazy("orbat.export.events", "write_events_geojson"),
    "actors-jsonl": _lazy("orbat.export.actors", "write_actors_jsonl"),
    "relations-jsonl": _lazy("orbat.export.statements", "write_relations_jsonl"),
    "claims-jsonl": _lazy("orbat.export.statements", "write_claims_jsonl"),
    "mentions-jsonl": _lazy("orbat.export.statements", "write_mentions_jsonl"),
    "graphml": _lazy("orbat.export.graph", "write_graphml"),
    "gexf": _lazy("orbat.export.graph", "write_gexf"),
    "parquet": _lazy("orbat.export.parquet", "write_events_parquet", needs=("pyarrow", "parquet")),
    "ftm": _lazy("orbat.export.ftm", "write_ftm", needs=("followthemoney", "ftm")),
}
