"""WARC archives built in the test: a record cut short is kept as far as it goes, and said."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from orbat.ingest import read_inputs

from .helpers import split


def _page(n: int) -> bytes:
    body = "".join(
        f"<p>Paragraph {i} of report {n} on strikes near Deir ez-Zor, officials said.</p>"
        for i in range(20)
    )
    return f"<html><head><title>Report {n}</title></head><body><article>{body}</article>".encode()


def _warc(gzipped: bool, pages: int = 2) -> bytes:
    """An archive of ``pages`` HTML responses, each record its own gzip member if ``gzipped``."""
    records = []
    for n in range(1, pages + 1):
        body = _page(n)
        block = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: https://news.example/{n}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
            "WARC-Date: 2021-08-26T10:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n"
        )
        record = head.encode() + block + b"\r\n\r\n"
        records.append(gzip.compress(record) if gzipped else record)
    return b"".join(records)


@pytest.mark.issue(17)
def test_record_cut_short_is_kept_and_reported(tmp_path: Path) -> None:
    raw = _warc(gzipped=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(raw[: raw.rindex(b"Paragraph 12 of report 2")])
    records = list(read_inputs([str(path)]))
    docs, skips = split(records)
    assert [d.title for d in docs] == ["Report 1", "Report 2"]
    assert "Paragraph 11 of report 2" in docs[1].text  # what the cut left is kept
    assert "Paragraph 12" not in docs[1].text
    (skip,) = skips
    assert records[-1] is skip and skip.locator == docs[1].locator
    assert "truncated" in skip.reason and "bytes" in skip.reason


@pytest.mark.issue(17)
def test_gzipped_record_cut_short_is_reported(tmp_path: Path) -> None:
    raw = _warc(gzipped=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(raw[:-150])
    docs, skips = split(read_inputs([str(path)]))
    assert [d.title for d in docs][:1] == ["Report 1"]
    (skip,) = skips
    assert skip.locator.startswith("record 2") and "truncated" in skip.reason


def test_whole_archive_has_no_skips(tmp_path: Path) -> None:
    for gzipped in (False, True):
        path = tmp_path / f"whole{'.gz' if gzipped else ''}.warc"
        path.write_bytes(_warc(gzipped))
        docs, skips = split(read_inputs([str(path)]))
        assert [d.title for d in docs] == ["Report 1", "Report 2"] and not skips
