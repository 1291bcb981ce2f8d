"""Soak: ingest thousands of real-length articles of mixed sources in one process, no stall.

Issue 17: one pathological article once stopped every ingest behind it. This run feeds one
`orbat ingest`-equivalent process a long, mixed stream and records, per window of articles,
how fast extraction went, so a stall or a slowdown over time shows as a window that takes
long, and the peak memory shows any growth.

Corpus (from ``../shared/data``; nothing is copied into the repository):

1. every real text: re3d (84 reports), Wikinews (10), the founding corpus's 19 articles, the
   aeb benchmark's 181 HTML pages (their extracted article bodies), 1,019 CASE 2021 snippets;
2. filled up to ``--articles`` (default 5,000) with articles recombined from those texts'
   paragraphs (4-12 paragraphs each, seeded random), so each is of real length and wording but
   not a duplicate (duplicates would be folded away before extraction).

Run: `python benchmarks/soak.py [--articles N]`; results go to benchmarks/results/soak.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

from orbat import extract_articles, ingest_paths, open_engine
from orbat.clean import segment
from orbat.cli.app import example_corpus
from orbat.ingest.html import extract_html
from orbat.models import RawDocument
from orbat.pipeline.extract import ArticleSummary

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
WINDOW = 500


def real_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((SHARED / "re3d").glob("*/documents.json")):
        texts += [json.loads(x)["text"] for x in path.read_text("utf-8").splitlines() if x.strip()]
    for path in sorted((SHARED / "news").glob("*.jsonl")):
        texts += [json.loads(x)["text"] for x in path.read_text("utf-8").splitlines() if x.strip()]
    for path in sorted(example_corpus().glob("*.txt")):
        raw = RawDocument(origin=str(path), format="text", text=path.read_text(encoding="utf-8"))
        texts += [article.text for article in segment(raw)]
    for page in sorted((SHARED / "aeb" / "html").glob("*.html.gz")):
        doc = extract_html(gzip.decompress(page.read_bytes()), str(page))
        if doc is not None and doc.text.strip():
            texts.append(doc.text)
    with (SHARED / "case2021" / "task2_test_with_labels.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        texts += [row["EventSnippet"] for row in rows]
    return [t for t in texts if t.strip()]


def corpus(size: int) -> list[dict[str, str]]:
    texts = real_texts()
    rows = [{"id": f"real-{i}", "text": t} for i, t in enumerate(texts)]
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if len(p.strip()) > 80]
    rng = random.Random(17)
    while len(rows) < size:
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(4, 12)))
        rows.append({"id": f"mix-{len(rows)}", "text": body})
    rng.shuffle(rows)
    return rows[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    rows = corpus(args.articles)
    chars = sum(len(r["text"]) for r in rows)
    windows: list[dict[str, float]] = []
    last = {"time": 0.0, "done": 0}

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "soak.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        db = str(Path(tmp) / "soak.db")
        started = time.perf_counter()
        stored = ingest_paths([str(source)], db)  # store only; extraction below, timed
        stored_seconds = time.perf_counter() - started
        last["time"] = time.perf_counter()

        def progress(summary: ArticleSummary) -> None:
            done = summary.events.documents + summary.skipped
            if done - last["done"] >= WINDOW:
                now = time.perf_counter()
                windows.append(
                    {
                        "articles_done": done,
                        "seconds": round(now - last["time"], 1),
                        "articles_per_s": round((done - last["done"]) / (now - last["time"]), 1),
                        "peak_rss_mib": round(
                            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                        ),
                    }
                )
                print(windows[-1], flush=True)
                last["time"], last["done"] = now, done

        summary = extract_articles(open_engine(db), on_progress=progress)
        total = time.perf_counter() - started
    result = {
        "articles": len(rows),
        "characters": chars,
        "stored_new": stored.articles_new,
        "duplicates": stored.duplicates,
        "store_seconds": round(stored_seconds, 1),
        "extracted": summary.events.documents,
        "skipped": summary.skipped,
        "event_mentions": summary.events.mentions,
        "total_seconds": round(total, 1),
        "articles_per_s": round(len(rows) / total, 1),
        "slowest_window_s": max((w["seconds"] for w in windows), default=None),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "windows": windows,
        "machine": platform.platform(),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "windows"}, indent=2))
    out = ROOT / "benchmarks" / "results" / "soak.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
