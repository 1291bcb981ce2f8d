"""Issue 17: a big file is read for minutes; progress says how far through it reading is."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from orbat.pipeline import IngestSummary, ingest

pytestmark = pytest.mark.issue(17)


def test_progress_reports_the_position_in_the_file_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORBAT_TEXT_CHUNK_BYTES", "40000")  # many chunks, as in a big dump
    rng = random.Random(17)  # varied words: gzip must not shrink the file to one buffer
    words = [f"w{rng.randrange(10**9)}" for _ in range(120_000)]
    articles = [" ".join(words[i : i + 400]) + "." for i in range(0, len(words), 400)]
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(gzip.compress("\n\n\n".join(articles).encode(), compresslevel=1))
    seen: list[tuple[int, int]] = []

    def progress(summary: IngestSummary) -> None:
        seen.append((summary.file_bytes_read, summary.file_bytes))

    ingest([str(path)], str(tmp_path / "orbat.db"), on_progress=progress)
    size = path.stat().st_size
    during = [(read, total) for read, total in seen if total]
    assert len(during) > 10 and all(total == size for _, total in during)
    positions = [read for read, _ in during]
    assert positions == sorted(positions) and 0 < positions[0] < positions[-1] <= size
