"""Benchmark `/api/events` latency under concurrent requests on a 10,000-event database.

The database: the founding corpus ingested and event-extracted (real events, real mentions,
real evidence), then each real event copied with generated variations until there are 10,000
events: a date drawn over the two years before the corpus's latest event, the place jittered by
up to ±0.3° and an ``event_key`` of its own; each copy gets copies of its original's source
mentions (same document, offsets and quote), so event pages and source counts behave as real.

The server: `orbat serve` in a child process on a free loopback port (uvicorn, one worker,
read-only SQLite), as a user runs it. The load: ``--concurrency`` clients (httpx async) sending
``--requests`` GETs in total, each drawn from a mix of what the /events page asks: first page,
deep pages, a type filter, an actor filter, a place filter, a date range, a text search.

Run: `python benchmarks/api_latency.py [--requests 2000] [--concurrency 4 16] [--workers 2]`.
Results are printed and written to benchmarks/results/api_latency_workers<N>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_events
from orbat.store import open_engine
from orbat.store.schema import event_mentions, events

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGET_EVENTS = 10_000


def build_database(path: Path, target: int = TARGET_EVENTS) -> dict[str, int]:
    """The founding corpus's events plus generated copies up to ``target`` events."""
    ingest([str(example_corpus())], str(path))
    engine = open_engine(str(path))
    extract_events(engine)
    rng = random.Random(5)
    with engine.begin() as conn:
        real = [dict(r._mapping) for r in conn.execute(select(events))]
        mentions: dict[int, list[dict[str, Any]]] = {}
        for m in conn.execute(select(event_mentions)):
            mentions.setdefault(m.event_id, []).append(dict(m._mapping))
        latest = max(e["event_date"] for e in real if e["event_date"])
        next_id = max(e["id"] for e in real) + 1
        batch_events: list[dict[str, Any]] = []
        batch_mentions: list[dict[str, Any]] = []
        for i in range(target - len(real)):
            original = real[i % len(real)]
            copy = dict(original)
            copy["id"] = next_id
            copy["event_key"] = f"{original['event_key']}|bench{i}"
            copy["event_date"] = latest - dt.timedelta(days=rng.randrange(730))
            if copy["latitude"] is not None:
                copy["latitude"] += rng.uniform(-0.3, 0.3)
                copy["longitude"] += rng.uniform(-0.3, 0.3)
            batch_events.append(copy)
            for j, mention in enumerate(mentions.get(original["id"], [])):
                m = dict(mention)
                del m["id"]
                m["event_id"] = next_id
                m["event_date"] = copy["event_date"]
                # The evidence-uniqueness key needs a distinct place id per copy.
                m["place_id"] = f"{mention['place_id'] or '?'}#bench{i}.{j}"
                batch_mentions.append(m)
            next_id += 1
        conn.execute(insert(events), batch_events)
        conn.execute(insert(event_mentions), batch_mentions)
    with engine.connect() as conn:
        counts = {
            "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
            "real_events": len(real),
            "event_mentions": conn.execute(
                select(func.count()).select_from(event_mentions)
            ).scalar_one(),
        }
    engine.dispose()
    return counts


def request_mix(rng: random.Random, n: int) -> list[str]:
    """``n`` request paths, in the proportions an analyst's browsing produces."""
    kinds = [
        (30, lambda: "/api/events?limit=50"),
        (20, lambda: f"/api/events?limit=50&offset={rng.randrange(0, 9950, 50)}"),
        (15, lambda: f"/api/events?type={rng.choice(['Battles', 'Riots', 'Protests'])}"),
        (10, lambda: "/api/events?actor=Unidentified%20Armed%20Group%20(Iraq)"),
        (10, lambda: f"/api/events?place={rng.choice(['Baghdad', 'Latakia', 'Syria'])}"),
        (10, lambda: "/api/events?since=2024-06-01&until=2024-09-30"),
        (5, lambda: "/api/events?q=drone"),
    ]
    weights = [w for w, _ in kinds]
    return [rng.choices(kinds, weights)[0][1]() for _ in range(n)]


async def hammer(base: str, paths: list[str], concurrency: int) -> tuple[list[float], float]:
    """Send ``paths`` with ``concurrency`` clients; latencies (s) and wall time."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                path = queue.get_nowait()
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, wall


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` and its live children so far (Linux /proc)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _summary(latencies: list[float], wall: float, concurrency: int) -> dict[str, Any]:
    ms = [x * 1000 for x in latencies]
    return {
        "concurrency": concurrency,
        "requests": len(ms),
        "p50_ms": round(_percentile(ms, 50), 1),
        "p95_ms": round(_percentile(ms, 95), 1),
        "p99_ms": round(_percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
        "requests_per_s": round(len(ms) / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--workers", type=int, default=1, help="orbat serve --workers")
    parser.add_argument("--note", default="", help="Recorded with the result (e.g. 'contended').")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        counts = build_database(db)
        print(f"built {counts} in {time.perf_counter() - started:.1f} s", flush=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        with subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from orbat.cli.app import main; main()",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        ) as server:
            try:
                deadline = time.monotonic() + 120
                while True:
                    try:
                        httpx.get(base + "/api/stats", timeout=30).raise_for_status()
                        break
                    except httpx.TransportError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise SystemExit("orbat serve did not start") from None
                        time.sleep(0.3)
                paths = request_mix(random.Random(11), args.requests)
                asyncio.run(hammer(base, paths[:100], 4))  # warm-up
                runs = []
                for concurrency in args.concurrency:
                    cpu_before = _cpu_seconds(server.pid)
                    latencies, wall = asyncio.run(hammer(base, paths, concurrency))
                    runs.append(_summary(latencies, wall, concurrency))
                    cpu = _cpu_seconds(server.pid) - cpu_before
                    # The server's own CPU time per request does not depend on what else runs
                    # on the machine: it says what an idle core would sustain.
                    runs[-1]["server_cpu_ms_per_request"] = round(1000 * cpu / len(paths), 2)
                    print(json.dumps(runs[-1]), flush=True)
            finally:
                server.terminate()
                server.wait(timeout=30)
    result = {
        "benchmark": "api_latency",
        "endpoint": "/api/events",
        "database": counts,
        "workers": args.workers,
        "runs": runs,
        "target_p95_ms": 100,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_1m": round(os.getloadavg()[0], 2),
        "note": args.note,
        "date": dt.date.today().isoformat(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"api_latency_workers{args.workers}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
