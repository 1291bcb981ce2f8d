"""Crash safety: `orbat ingest` killed with SIGKILL while it writes, then re-run.

After the re-run every record is stored exactly once, none is lost, and SQLite's own
integrity check passes. The kill lands while documents are being committed (at least one
batch in, not all of them), which the test checks rather than assumes.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .corpus import write_jsonl
from .helpers import ORBAT, count, env

RECORDS = 1200
# Extraction commits every 50 documents; a few more than that lets the kill land between.
EXTRACTED = 60


def _kill_when(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float = 240
) -> None:
    deadline = time.monotonic() + limit
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready():
                break
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_kill_during_ingest_then_rerun_stores_every_record_once(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "orbat.db"
    ids = write_jsonl(corpus, RECORDS)
    command = [*ORBAT, "ingest", str(corpus), "--db", str(db), "--no-events"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    _kill_when(process, lambda: count(db) > 0)
    at_kill = count(db)
    assert process.returncode == -signal.SIGKILL
    assert 0 < at_kill < RECORDS, f"the kill should land mid-ingest ({at_kill} stored)"

    rerun = subprocess.run(command, capture_output=True, text=True, env=env(), timeout=600)
    assert rerun.returncode == 0, rerun.stderr

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = Counter(row[0] for row in conn.execute("SELECT external_id FROM documents"))
        fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        runs = conn.execute("SELECT count(*), count(finished_at) FROM ingest_runs").fetchone()
    assert set(stored) == set(ids), "no record lost"
    assert max(stored.values()) == 1, "no record stored twice"
    assert fts == RECORDS, "the search index matches the documents"
    assert runs == (2, 1), "the killed run is left unfinished, the re-run finished"


def test_kill_during_event_extraction_then_rerun_extracts_each_document_once(
    tmp_path: Path,
) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "orbat.db"
    write_jsonl(corpus, EXTRACTED, seed=11)
    command = [*ORBAT, "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    # Extraction (events and statements of each document) commits every 50 documents: kill
    # after the first batch, before the last.
    extracted = "(SELECT DISTINCT document_id FROM extraction_runs)"
    _kill_when(process, lambda: count(db, extracted) > 0)
    at_kill = count(db, extracted)
    assert 0 < at_kill < EXTRACTED, f"the kill should land mid-extraction ({at_kill} extracted)"

    rerun = subprocess.run(command, capture_output=True, text=True, env=env(), timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_extractor = conn.execute(
            "SELECT extractor, count(*), count(DISTINCT document_id) FROM extraction_runs "
            "GROUP BY extractor"
        ).fetchall()
        mismatched = conn.execute(
            "SELECT count(*) FROM events e WHERE e.mention_count != "
            "(SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)"
        ).fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM event_mentions m LEFT JOIN events e ON e.id = m.event_id "
            "WHERE e.id IS NULL"
        ).fetchone()[0]
    # Events and statements: each read every document exactly once.
    assert len(per_extractor) == 2
    assert all(rows == docs == EXTRACTED for _, rows, docs in per_extractor), per_extractor
    assert mismatched == 0 and orphans == 0
