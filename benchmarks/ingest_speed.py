"""Benchmark read → segment → dedup → store (no NLP): pages/s, articles/s and peak memory.

Corpora: the 181 aeb HTML pages and the RSS/Atom fixtures (both from ``../shared/data`` beside
the clone; never copied into the repository), and plain-text articles generated from the
founding corpus's paragraphs (so dedup has real work). Each corpus is ingested into a fresh
SQLite file by a child process of its own (`--one`), so the timing carries no profiler
overhead and the peak memory (the child's maximum resident set size, as the OS counts it,
including the interpreter and libraries) belongs to that corpus alone.

Run: `make bench` or `python benchmarks/ingest_speed.py`. Results are printed and written to
benchmarks/results/ingest_speed.json.
"""

from __future__ import annotations

import gzip
import json
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
AEB = SHARED / "aeb" / "html"
FEEDS = SHARED / "feeds"


def _aeb_pages(target: Path) -> int:
    """Unzip the aeb pages to plain .html files (ingest reads .gz too, but this isolates HTML)."""
    count = 0
    for page in sorted(AEB.glob("*.html.gz")):
        (target / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
        count += 1
    return count


def _text_articles(target: Path, n: int) -> int:
    """``n`` distinct plain-text articles built from the seed articles' paragraphs.

    Each file is one article: a title line, a blank line, then 6-12 paragraphs drawn at random
    from the founding corpus with a unique numbered sentence, so no two are exact copies.
    """
    rng = random.Random(7)
    paragraphs = [
        p.strip()
        for f in sorted(example_corpus().glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 25
    ]
    for i in range(n):
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(6, 12)))
        header = f"Report number {i} on militia activity\n\nDispatch {i}: {rng.random():.6f}."
        text = f"{header}\n\n{body}\n"
        (target / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
    return n


def _one(folder: str) -> None:
    """Child: ingest ``folder`` into a fresh database and print seconds, counts, peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = ingest([folder], str(Path(tmp) / "bench.db"))
        seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps([seconds, summary.articles_seen, summary.skipped, peak_kib]))


def _run(name: str, folder: Path, units: int, unit: str) -> dict[str, object]:
    child = subprocess.run(
        [sys.executable, __file__, "--one", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, articles, skipped, peak_kib = json.loads(child.stdout.strip().splitlines()[-1])
    result = {
        "corpus": name,
        unit: units,
        "articles": articles,
        "skipped": skipped,
        "seconds": round(seconds, 2),
        f"{unit}_per_s": round(units / seconds, 1),
        "articles_per_s": round(articles / seconds, 1),
        "peak_rss_mib": round(peak_kib / 1024, 1),
    }
    print(json.dumps(result))
    return result


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        html_dir = Path(tmp) / "aeb"
        html_dir.mkdir()
        pages = _aeb_pages(html_dir)
        results.append(_run("aeb HTML pages", html_dir, pages, "pages"))
        feeds_dir = Path(tmp) / "feeds"
        shutil.copytree(FEEDS, feeds_dir)
        results.append(
            _run("RSS/Atom fixtures", feeds_dir, len(list(feeds_dir.iterdir())), "files")
        )
        text_dir = Path(tmp) / "text"
        text_dir.mkdir()
        n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
        results.append(_run("plain-text articles", text_dir, _text_articles(text_dir, n), "files"))
    out = ROOT / "benchmarks" / "results" / "ingest_speed.json"
    out.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "results": results,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        _one(sys.argv[2])
    else:
        main()
