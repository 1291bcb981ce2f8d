"""Plain-text dumps are streamed in chunks cut at blank lines."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest

from orbat.ingest import ReadOptions, read_inputs
from orbat.ingest.text import iter_chunks
from orbat.models import RawDocument

from .helpers import split


def test_chunks_end_at_blank_lines() -> None:
    data = b"".join(f"Paragraph {i} about the strike.\n\n".encode() for i in range(1000))
    chunks = list(iter_chunks(io.BytesIO(data), 1000))
    assert b"".join(chunks) == data
    assert len(chunks) > 10
    assert all(c.endswith(b"\n\n") for c in chunks)
    assert all(len(c) <= 1000 for c in chunks)


def test_one_huge_line_is_still_cut() -> None:
    data = b"x" * 10_000
    chunks = list(iter_chunks(io.BytesIO(data), 1000))
    assert b"".join(chunks) == data
    assert max(len(c) for c in chunks) <= 1000


def test_single_chunk_has_no_locator(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("One article.\n\nAnother paragraph.\n", encoding="utf-8")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, RawDocument)
    assert (doc.locator, doc.format) == ("", "text")


def test_latin1_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Les forces armées ont frappé une position près de la frontière. " * 20
    path.write_bytes(text.encode("latin-1"))
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, RawDocument)
    assert "armées" in doc.text and "frontière" in doc.text


def test_50_mb_dump_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    paragraph = (
        b"BAGHDAD - A drone strike hit a convoy of the Popular Mobilization Forces near "
        b"al-Qaim on Tuesday, killing three fighters, officials said.\n\n"
    )
    with path.open("wb") as fh:
        block = paragraph * 1000
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    size = path.stat().st_size
    assert size >= 50_000_000
    options = ReadOptions(text_chunk_bytes=4_000_000)
    tracemalloc.start()
    try:
        total = chunks = 0
        locators = []
        for record in read_inputs([str(path)], options):
            assert isinstance(record, RawDocument)
            total += len(record.text)
            chunks += 1
            locators.append(record.locator)
            del record
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size  # ASCII: one character per byte, nothing lost or repeated
    assert chunks >= 12
    assert locators[:2] == ["chunk 1", "chunk 2"]
    assert peak < 100_000_000


def test_chunk_size_comes_from_settings(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORBAT_TEXT_CHUNK_BYTES", "100")
    path = tmp_path / "dump.txt"
    path.write_text("A paragraph of some length here.\n\n" * 20, encoding="utf-8")
    docs, skips = split(read_inputs([str(path)]))
    assert not skips
    assert len(docs) > 5
    assert [d.locator for d in docs[:2]] == ["chunk 1", "chunk 2"]


@pytest.mark.issue(17)
@pytest.mark.parametrize("chunk_bytes", [None, 2000])
def test_truncated_gzip_keeps_the_text_before_the_break(
    tmp_path: Path, chunk_bytes: int | None
) -> None:
    text = "".join(f"Paragraph {i} about the strike near al-Qaim.\n\n" for i in range(400))
    packed = gzip.compress(text.encode(), compresslevel=1)
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    records = list(read_inputs([str(path)], ReadOptions(text_chunk_bytes=chunk_bytes)))
    docs, skips = split(records)
    read = "".join(d.text for d in docs)
    assert text.startswith(read)
    assert len(read) > len(text) // 2  # all that the cut left readable, give or take a block
    (skip,) = skips
    assert records[-1] is skip
    assert "truncated" in skip.reason and "before it was read" in skip.reason


@pytest.mark.issue(17)
def test_nul_bytes_past_the_head_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    head = b"A paragraph about the strike.\n\n" * 3000  # past the 64 KB detection reads
    path.write_bytes(head + b"Last\x00 paragraph.\n")
    docs, skips = split(read_inputs([str(path)]))
    assert not skips
    assert docs[-1].text.endswith("Last paragraph.\n")
