"""Export stage: every output format, registered in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from sqlalchemy import Engine

from orbat.export.documents import document_record, write_documents_jsonl

__all__ = ["EXPORTERS", "Exporter", "document_record", "write_documents_jsonl"]

Exporter = Callable[[Engine, IO[str]], int]

# Format name (as typed after --format) → writer. Later stages add events, actors, graphs.
EXPORTERS: dict[str, Exporter] = {
    "documents-jsonl": write_documents_jsonl,
}
