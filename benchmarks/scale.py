"""Benchmark how orbat scales: articles/s and peak memory by corpus size and number of workers.

Corpus: real documents — the founding corpus's 19 articles, the 181 aeb news pages, the 1,019
CASE 2021 event snippets, CENTCOM strike reports (the lines of one day as one release) — from
``../shared/data`` beside the clone (never copied into the repository), or from ``--data DIR``,
a folder laid out like it. They are shuffled with a fixed seed so any prefix has the same mix. Sizes
beyond the real pool are filled with *variants* of real documents: the sentences shuffled,
place names substituted from a fixed list of Iraqi and Syrian towns, numbers changed, the
publication date moved by up to a year, a new outlet — so no variant is an exact copy, some
stay near-duplicates of their original (as syndicated copies do), and events spread over
days and places as a real archive's would.

Wall time on a shared machine depends on the neighbours, so each run also reports its CPU time
(user + system, the child and its finished descendants): articles per CPU-second is the
per-core throughput, and stays meaningful when the cores are contended.

Each (size, mode) runs in a child process of its own (``--one``): a fresh SQLite database,
the corpus as JSONL files of 250 articles, then ingest + event and statement extraction — all
that ``orbat ingest`` does (or ingest only with ``--no-events``). Modes: ``single`` (one
process, ``orbat ingest``), ``dask1``/``dask2`` (a local Dask cluster of 1 or 2 worker
processes, ``orbat ingest --workers N``). Peak memory is the largest total resident set size
of the child and all its descendants (Dask workers), as the OS reports it, sampled every 0.2 s.

Run: ``python benchmarks/scale.py --sizes 1000 10000 --modes single dask2``; results are printed
and merged into benchmarks/results/scale.json (one entry per size, mode and events setting).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "scale.json"
SHARED = ROOT.parent / "shared" / "data"
FILE_SIZE = 250

_TOWNS = [
    "Baghdad", "Mosul", "Kirkuk", "Tikrit", "Samarra", "Fallujah", "Ramadi", "Baqubah",
    "Basra", "Erbil", "Sinjar", "Tal Afar", "Raqqa", "Deir ez-Zor", "Abu Kamal", "Aleppo",
    "Homs", "Idlib", "Hasakah", "Qamishli", "Palmyra", "Manbij", "Al-Qaim", "Hit",
]  # fmt: skip
_TOWN = re.compile(r"\b(" + "|".join(re.escape(t) for t in _TOWNS) + r")\b")
_NUMBER = re.compile(r"\b\d{1,3}\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


# -- the corpus -------------------------------------------------------------------------------
def real_documents(data: Path | None = None) -> list[dict[str, Any]]:
    """Every real document, as {title, text, date, source}, shuffled with a fixed seed; read
    from ``data`` (a folder laid out like ../shared/data), by default ../shared/data itself."""
    from orbat.cli.app import example_corpus
    from orbat.ingest import read_inputs
    from orbat.models import Skip
    from orbat.pipeline import segment_or_skip

    data = data or SHARED
    aeb = data / "aeb" / "html"
    case = data / "case2021"
    centcom = data / "centcom" / "strikes.csv"
    docs: list[dict[str, Any]] = []
    for item in read_inputs([str(example_corpus()), str(aeb)]):
        if isinstance(item, Skip):
            continue
        articles = segment_or_skip(item)
        for a in [] if isinstance(articles, Skip) else articles:
            date = a.published.isoformat() if a.published else None
            docs.append({"title": a.title, "text": a.text, "date": date, "source": a.source})
    with (case / "task2_test_with_labels.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            docs.append({"title": None, "text": row["EventSnippet"], "date": None, "source": None})
    by_day: dict[str, list[str]] = defaultdict(list)
    with centcom.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_day[row["date"]].append(row["line"].lstrip("- "))
    for day, lines in by_day.items():
        date = dt.datetime.strptime(day, "%m/%d/%Y").date()
        text = (
            f"SOUTHWEST ASIA, {date:%B %d, %Y} — Coalition military forces conducted strikes "
            "against ISIL terrorists in Syria and Iraq. " + " ".join(lines)
        )
        docs.append({"title": f"Strikes {day}", "text": text, "date": date.isoformat(),
                     "source": "CENTCOM"})  # fmt: skip
    random.Random(6).shuffle(docs)
    return docs


def variant(doc: dict[str, Any], n: int) -> dict[str, Any]:
    """A new document made from a real one: see the module docstring."""
    rng = random.Random(n)
    sentences = _SENTENCE.split(doc["text"])
    if len(sentences) > 2:
        head, rest = sentences[0], sentences[1:]
        rng.shuffle(rest)
        sentences = [head, *rest]
    town = {t: rng.choice(_TOWNS) for t in _TOWNS}
    text = _TOWN.sub(lambda m: town[m.group(1)], " ".join(sentences))
    text = _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-3, 9))), text)
    date = doc["date"]
    if date:
        date = (dt.date.fromisoformat(date) + dt.timedelta(days=rng.randint(1, 365))).isoformat()
    return {"title": doc["title"], "text": text, "date": date, "source": f"Outlet {n % 97}"}


def write_corpus(folder: Path, size: int, pool: list[dict[str, Any]]) -> None:
    """``size`` documents as JSONL files of FILE_SIZE: the real pool first, then variants."""
    for first in range(0, size, FILE_SIZE):
        lines = []
        for i in range(first, min(size, first + FILE_SIZE)):
            base = pool[i % len(pool)]
            doc = base if i < len(pool) else variant(base, i)
            lines.append(json.dumps({"id": f"doc-{i}", **doc}))
        (folder / f"part-{first // FILE_SIZE:05d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


# -- one measured run (child process) ---------------------------------------------------------
class PeakMemory:
    """Largest total RSS of this process and its descendants, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except Exception:  # a worker that just exited
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def one(corpus: str, mode: str, events: bool) -> dict[str, Any]:
    from orbat.distributed import ingest_distributed
    from orbat.pipeline import ingest
    from orbat.pipeline.extract import extract_articles
    from orbat.store import open_engine

    memory = PeakMemory()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        if events:  # load the models before timing, as a long-running worker would have them
            from orbat.distributed.work import analyser

            analyser()
        started = time.perf_counter()
        cpu_before = _cpu_seconds()
        statements = 0
        if mode == "single":  # what `orbat ingest` does: articles, then events and statements
            summary = ingest([corpus], db)
            articles, mentions = summary.articles_seen, 0
            if events:
                done = extract_articles(open_engine(db))
                mentions = done.events.mentions
                statements = done.statements.relations + done.statements.claims
        else:
            workers = int(mode.removeprefix("dask"))
            result = ingest_distributed([corpus], db, workers=workers, events=events)
            articles, mentions = result.ingest.articles_seen, result.mentions
            statements = result.statements.relations + result.statements.claims
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
    return {"articles": articles, "mentions": mentions, "statements": statements,
            "seconds": seconds, "cpu_seconds": cpu,
            "peak_rss_mib": memory.stop() / 2**20}  # fmt: skip


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished descendants (Dask workers
    are waited for when the cluster closes): on a shared machine, wall time depends on the
    neighbours, CPU time much less."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# -- the driver -------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", default=["single", "dask1", "dask2"])
    parser.add_argument("--no-events", action="store_true", help="ingest only, no NLP")
    parser.add_argument(
        "--data", type=Path, help="a folder laid out like ../shared/data (default: that folder)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="results JSON to merge into")
    parser.add_argument("--one", nargs=2, metavar=("CORPUS", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    events = not args.no_events
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], events)))
        return
    pool = real_documents(args.data)
    print(f"real documents in the pool: {len(pool)}", file=sys.stderr)
    out: Path = args.out
    stored = json.loads(out.read_text()) if out.exists() else {"runs": []}
    runs = {(r["size"], r["mode"], r["events"]): r for r in stored["runs"]}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(Path(tmp), size, pool)
            for mode in args.modes:
                load_before = os.getloadavg()[0]
                command = [sys.executable, __file__, "--one", tmp, mode]
                command += [] if events else ["--no-events"]
                child = subprocess.run(command, capture_output=True, text=True, check=False)
                if child.returncode != 0:
                    sys.exit(f"{size} {mode} failed:\n{child.stderr[-3000:]}")
                got = json.loads(child.stdout.strip().splitlines()[-1])
                run = {
                    "size": size,
                    "mode": mode,
                    "events": events,
                    "real_documents": min(size, len(pool)),
                    "articles": got["articles"],
                    "event_mentions": got["mentions"],
                    "statements": got["statements"],
                    "seconds": round(got["seconds"], 1),
                    "articles_per_s": round(got["articles"] / got["seconds"], 1),
                    "ms_per_article": round(1000 * got["seconds"] / got["articles"], 2),
                    "cpu_seconds": round(got["cpu_seconds"], 1),
                    "articles_per_cpu_s": round(got["articles"] / got["cpu_seconds"], 1),
                    "peak_rss_mib": round(got["peak_rss_mib"]),
                    # The machine's 1-minute load average before and after: how contended.
                    "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
                    "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                }
                print(json.dumps(run), flush=True)
                runs[(size, mode, events)] = run
                out.write_text(
                    json.dumps(
                        {
                            "machine": platform.platform(),
                            "python": platform.python_version(),
                            "note": "2 cores shared with other jobs: see each run's load_average",
                            "runs": sorted(
                                runs.values(), key=lambda r: (not r["events"], r["size"], r["mode"])
                            ),
                        },
                        indent=2,
                    )
                    + "\n",
                    encoding="utf-8",
                )


if __name__ == "__main__":
    main()
