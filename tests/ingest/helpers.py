"""Helpers for the ingest tests: where the copied data lives, and a record splitter."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from orbat.models import RawDocument, Skip

DATA = Path(__file__).parent / "data"


def split(records: Iterable[object]) -> tuple[list[RawDocument], list[Skip]]:
    """Documents and skips, asserting nothing else comes out."""
    docs: list[RawDocument] = []
    skips: list[Skip] = []
    for record in records:
        if isinstance(record, RawDocument):
            docs.append(record)
        else:
            assert isinstance(record, Skip), f"unexpected record {record!r}"
            skips.append(record)
    return docs, skips
