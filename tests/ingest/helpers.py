"""Helpers for the ingest tests: where their data lives, and a record splitter."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from orbat.models import RawDocument, Skip

#: Fixtures written by the orbat project itself (e.g. ``telegram/``). The real feeds, WARC files
#: and aeb pages are third-party data, read from ``../shared/data`` (``shared_data.shared``).
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
