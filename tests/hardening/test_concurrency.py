"""Reads while `orbat ingest` writes (SQLite WAL): readers never fail and never go back in time.

Two kinds of reader, each a separate process as in real use: the JSON API (`orbat serve`,
with a bounded load test after the ingest), and processes reading through orbat's stores
(what the CLI's read commands do).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from orbat.store import open_engine

from .corpus import write_jsonl
from .helpers import ORBAT, count, env, percentiles

RECORDS = 400

READER = r"""
import json, sys, time
from pathlib import Path
from orbat.store import DocumentStore, open_engine
from orbat.store.events import EventStore
engine = open_engine(sys.argv[1], create=False)
stop, ready = Path(sys.argv[2]), Path(sys.argv[3])
docs, events = DocumentStore(engine), EventStore(engine)
seen, errors, latencies = [], [], []
while not stop.exists():
    start = time.perf_counter()
    try:
        seen.append(docs.stats()["documents"])
        docs.articles(limit=20)
        docs.snippets("Baghdad militia", limit=10)
        events.events(limit=20)
    except Exception as err:
        errors.append(f"{type(err).__name__}: {err}")
    latencies.append(time.perf_counter() - start)
    ready.touch()
print(json.dumps({"seen": seen, "errors": errors, "latencies": latencies}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus, and a database created and migrated before any reader starts."""
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "orbat.db"
    write_jsonl(corpus, RECORDS, seed=3)
    open_engine(str(db)).dispose()
    return corpus, db


def _start_ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*ORBAT, "ingest", str(corpus), "--db", str(db), "--no-events"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env(),
    )


def _wait_for(paths: list[Path], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not all(p.exists() for p in paths):
        assert time.monotonic() < deadline, "readers did not start"
        time.sleep(0.05)


def _report(capsys: pytest.CaptureFixture[str], what: str, stats: dict[str, Any]) -> None:
    with capsys.disabled():
        sys.stderr.write(f"\n{what}: {json.dumps(stats)} (machine shared: contended timings)\n")


def test_store_readers_while_ingest_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _prepare(tmp_path)
    stop = tmp_path / "stop"
    ready = [tmp_path / f"ready-{n}" for n in range(2)]
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(db), str(stop), str(flag)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for flag in ready
    ]
    _wait_for(ready)
    ingest = _start_ingest(corpus, db)
    try:
        _, ingest_err = ingest.communicate(timeout=600)
        assert ingest.returncode == 0, ingest_err
    finally:
        stop.touch()
    results = []
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        results.append(json.loads(out))
    for result in results:
        assert result["errors"] == []
        assert result["seen"], "every reader read"
        assert result["seen"] == sorted(result["seen"]), "a reader never sees rows vanish"
    assert any(0 < n < RECORDS for r in results for n in r["seen"]), "reads overlapped writes"
    assert count(db) == RECORDS
    latencies = [x for r in results for x in r["latencies"]]
    _report(capsys, "store reads during ingest", {"reads": len(latencies)} | percentiles(latencies))


def _serve(db: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    log = db.with_name("serve.log")
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*ORBAT, "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=env(),
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"orbat serve exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return base, server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise AssertionError("orbat serve did not answer within 120 s")


API_PATHS = (
    "/api/stats",
    "/api/documents?limit=20",
    "/api/events?limit=20",
    "/api/search?q=Baghdad",
)


def _hammer(
    base: str, stop: threading.Event, errors: list[str], latencies: list[float], limit: int
) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        number = 0
        while not stop.is_set() and number < limit:
            path = API_PATHS[number % len(API_PATHS)]
            number += 1
            start = time.perf_counter()
            try:
                response = client.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: HTTP {response.status_code}")
            except httpx.HTTPError as err:
                errors.append(f"{path}: {type(err).__name__}: {err}")
            latencies.append(time.perf_counter() - start)


def test_api_answers_while_ingest_writes_and_under_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _prepare(tmp_path)
    base, server = _serve(db)
    ingest = _start_ingest(corpus, db)
    try:
        # 1. While ingest writes: four clients until it is done.
        stop, errors, latencies = threading.Event(), [], []
        clients = [
            threading.Thread(target=_hammer, args=(base, stop, errors, latencies, 10**9))
            for _ in range(4)
        ]
        for client in clients:
            client.start()
        try:
            _, ingest_err = ingest.communicate(timeout=600)
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=60)
        assert ingest.returncode == 0, ingest_err
        assert errors == [], errors[:5]
        assert latencies, "the API was read during the ingest"
        _report(capsys, "API during ingest", {"requests": len(latencies)} | percentiles(latencies))

        # 2. A bounded load test on the finished database: 8 clients x 50 requests.
        stop, errors, latencies = threading.Event(), [], []
        clients = [
            threading.Thread(target=_hammer, args=(base, stop, errors, latencies, 50))
            for _ in range(8)
        ]
        started = time.perf_counter()
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=300)
        elapsed = time.perf_counter() - started
        assert errors == [], errors[:5]
        assert len(latencies) == 400
        stats = {"requests": 400, "per_s": round(400 / elapsed, 1)} | percentiles(latencies)
        _report(capsys, "API load (8 clients x 50)", stats)
    finally:
        server.terminate()
        server.wait(timeout=30)
