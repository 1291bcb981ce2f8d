"""Benchmark what analysts' reviews cost readers, on a 10,000-event database (issue 14 §1).

Every event read lays the reviews over the machine's rows (orbat.store.reviewed) and leaves out
rejected and merged events (a NOT IN over the reviews). This measures a listing page (50
events, newest first, with its total) and a whole ACLED CSV export, with no reviews and with
``--reviews`` of them (a fifth rejects, the rest fatality corrections), on the database
api_latency.py builds (the founding corpus's events copied with variations to 10,000).

Run: `python benchmarks/review_overhead.py [--reviews 1000] [--repeat 20]`; with `--baseline`
and an orbat from before reviews on PYTHONPATH (`git archive 1277039 src | tar -x -C /tmp/base`),
the same database's times without any review code, for comparison.
Results are printed and written to benchmarks/results/review_overhead.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import RESULTS, build_database

from orbat.export.events import write_acled_csv
from orbat.store import open_engine
from orbat.store.events import EventStore
from orbat.store.schema import events


def _median_ms(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 2)


def measure(engine: Engine, repeat: int) -> dict[str, float]:
    """Median times; each piece of work runs once untimed first (caches warm)."""
    store = EventStore(engine)

    def page() -> None:
        store.events(limit=50)
        store.count()

    def export() -> None:
        write_acled_csv(engine, io.StringIO())

    page()
    export()
    return {
        "listing_page_ms": _median_ms(page, repeat),
        "acled_export_ms": _median_ms(export, max(3, repeat // 5)),
    }


def add_reviews(engine: Engine, count: int) -> None:
    """``count`` reviews spread over the events: every fifth a reject, the rest corrections."""
    with engine.connect() as conn:
        ids = list(conn.execute(select(events.c.id).order_by(events.c.id)).scalars())
    from orbat.store.reviews import ReviewStore

    step = max(1, len(ids) // count)
    store = ReviewStore(engine)
    for n, event_id in enumerate(ids[::step][:count]):
        if n % 5 == 0:
            store.reject("event", event_id, by="bench")
        else:
            store.correct(event_id, "fatalities", str(n % 7), by="bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="Only the no-review times (for an orbat from before reviews, on PYTHONPATH).",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        built = build_database(db)
        engine = open_engine(str(db))
        without = measure(engine, args.repeat)
        if not args.baseline:
            add_reviews(engine, args.reviews)
            with_reviews = measure(engine, args.repeat)
        exported = len(_csv(engine).splitlines()) - 1
    if args.baseline:  # an orbat from before reviews (see the docstring)
        print(json.dumps({"before_reviews_existed": without, "rows_exported": exported}))
        return
    result = {
        "database": built,
        "reviews": args.reviews,
        "repeat": args.repeat,
        "no_reviews": without,
        "with_reviews": with_reviews,
        "rows_exported_with_reviews": exported,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "review_overhead.json").write_text(json.dumps(result, indent=2) + "\n")


def _csv(engine: Engine) -> str:
    out = io.StringIO()
    write_acled_csv(engine, out)
    return out.getvalue()


if __name__ == "__main__":
    main()
