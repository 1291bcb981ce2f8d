"""Bounded memory on hostile and oversized inputs, in the readers and over HTTP.

``tests/ingest`` already covers billion-laughs / XXE feeds and a 50 MB text dump cut at blank
lines; these add what those leave out: a dump with no line breaks at all, inputs nested a
million deep, markup past ``max_markup_bytes``, and for ``orbat watch`` a gzip bomb, an
endless response and a hostile feed served over HTTP.
"""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from orbat.ingest import ReadOptions, read_inputs
from orbat.models import RawDocument
from orbat.watch import Fetcher, Watcher
from orbat.watch.fetch import FetchError
from watch.server import FixtureServer, Route  # tests/watch: the loopback server

MB = 1_000_000


def _measure(action: Callable[[], Any]) -> tuple[Any, int, float]:
    """``action()``'s result, its peak traced allocation in bytes, and its seconds."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak, time.perf_counter() - started


def _drain(paths: list[str], options: ReadOptions | None = None) -> list[str]:
    """Read everything, keeping only a one-line summary of each record (not the text)."""
    out = []
    for record in read_inputs(paths, options):
        out.append(f"doc {len(record.text)}" if isinstance(record, RawDocument) else str(record))
        del record
    return out


def test_a_dump_without_line_breaks_is_read_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    with path.open("wb") as fh:
        for _ in range(40):
            fh.write(b"militia " * 125_000)  # 40 MB, not one newline
    records, peak, _ = _measure(lambda: _drain([str(path)], ReadOptions(text_chunk_bytes=4 * MB)))
    assert sum(int(r.split()[1]) for r in records) == 40 * MB, "nothing lost"
    assert len(records) >= 8
    assert peak < 60 * MB


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("deep.json", b"[" * 1_000_000 + b"]" * 1_000_000),
        ("deep.jsonl", b'{"text": ' + b"[" * 500_000 + b"]" * 500_000 + b"}\n"),
        ("deep.html", b"<html><body>" + b"<div>" * 200_000 + b"</div>" * 200_000),
        (
            "deep.rss",
            b"<rss><channel>" + b"<x>" * 200_000 + b"</x>" * 200_000 + b"</channel></rss>",
        ),
    ],
)
def test_inputs_nested_a_million_deep_are_refused_or_read_quickly(
    tmp_path: Path, name: str, payload: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    records, peak, seconds = _measure(lambda: _drain([str(path)]))
    assert records and all("reader failed" not in r for r in records), records
    assert peak < 200 * MB and seconds < 30


@pytest.mark.parametrize("name", ["big.json", "big.html", "big.rss"])
def test_markup_past_the_limit_is_refused_without_reading_it_all(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    head = {
        "big.json": b'[{"text": "',
        "big.html": b"<html><body><p>",
        "big.rss": b"<rss><channel><item><description>",
    }[name]
    with path.open("wb") as fh:
        fh.write(head)
        for _ in range(30):
            fh.write(b"a" * MB)  # 30 MB against a 5 MB limit
    records, peak, _ = _measure(lambda: _drain([str(path)], ReadOptions(max_markup_bytes=5 * MB)))
    assert len(records) == 1 and "larger than max_markup_bytes" in records[0]
    assert peak < 20 * MB


# -- over HTTP (orbat watch) --------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer()
    srv.routes["/robots.txt"] = Route(b"", content_type="text/plain")
    yield srv
    srv.close()


def test_a_gzip_bomb_is_cut_off_after_max_bytes(server: FixtureServer) -> None:
    bomb = gzip.compress(b"\0" * 200 * MB, compresslevel=9)  # ~200 KB on the wire
    assert len(bomb) < MB
    server.routes["/bomb.rss"] = Route(bomb, headers={"Content-Encoding": "gzip"})

    def fetch() -> FetchError:
        with Fetcher(allow_private=True, host_delay=0.0, max_bytes=5 * MB) as fetcher:
            try:
                fetcher.get(server.url("/bomb.rss"))
            except FetchError as err:
                return err
        raise AssertionError("the bomb was accepted")

    err, peak, _ = _measure(fetch)
    assert err.kind == "too large"
    assert peak < 40 * MB


def test_a_deflate_bomb_in_a_polled_feed_is_a_reported_failure(
    server: FixtureServer, tmp_path: Path
) -> None:
    compressor = zlib.compressobj(9)
    bomb = compressor.compress(b"<rss>" + b" " * 100 * MB) + compressor.flush()
    server.routes["/feed.rss"] = Route(bomb, headers={"Content-Encoding": "deflate"})
    lines: list[str] = []
    with Fetcher(allow_private=True, host_delay=0.0, max_bytes=2 * MB) as fetcher:
        watcher = Watcher(str(tmp_path / "w.db"), fetcher, report=lines.append)
        watcher.add_feeds([server.url("/feed.rss")])
        report, peak, _ = _measure(watcher.poll)
    assert [f.status for f in report.feeds] == ["failed"]
    assert any("too large" in line for line in lines)
    assert peak < 40 * MB


def test_a_hostile_feed_over_http_is_refused_and_reported(
    server: FixtureServer, tmp_path: Path
) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    for n in range(1, 10):
        laughs += f'<!ENTITY {"a" * (n + 1)} "{("&" + "a" * n + ";") * 10}">'.encode()
    laughs += b"]><rss><channel><title>&aaaaaaaaaa;</title></channel></rss>"
    server.routes["/laughs.rss"] = Route(laughs)
    lines: list[str] = []
    with Fetcher(allow_private=True, host_delay=0.0) as fetcher:
        watcher = Watcher(str(tmp_path / "w.db"), fetcher, report=lines.append)
        watcher.add_feeds([server.url("/laughs.rss")])
        report, peak, seconds = _measure(watcher.poll)
    assert [f.status for f in report.feeds] == ["failed"]
    assert any("hostile XML refused" in line for line in lines)
    assert peak < 40 * MB and seconds < 10
