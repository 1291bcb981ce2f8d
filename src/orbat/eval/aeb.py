"""Score article-body extraction on Zyte's article-extraction benchmark (aeb)."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from orbat.eval.metrics import f1_score

__all__ = [
    "AebScore",
    "PageScore",
    "evaluate",
    "load_ground_truth",
    "main",
    "orbat_extractor",
    "score_page",
    "summarize",
]

# The benchmark's own tokenizer: runs of word characters, in any script.
_TOKEN = re.compile(r"\w+")
# The benchmark compares 4-token shingles, not single tokens, so that extra boilerplate made of
# common words still counts as a false positive.
SHINGLE_SIZE = 4

Extractor = Callable[[bytes, str], str]


@dataclass(frozen=True, slots=True)
class PageScore:
    """True/false positive and false negative shingle shares for one page (they sum to 1)."""

    key: str
    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class AebScore:
    """The benchmark's figures: mean precision and recall over pages, and F1 of those means."""

    precision: float
    recall: float
    f1: float
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    # A text shorter than one shingle still counts as one (shorter) shingle, as upstream does.
    last = max(1, len(tokens) - SHINGLE_SIZE + 1)
    return Counter(shingle for i in range(last) if (shingle := tuple(tokens[i : i + SHINGLE_SIZE])))


def score_page(key: str, true: str, pred: str) -> PageScore:
    """Compare the shingle multisets of the true and predicted bodies of one page.

    Counts are divided by their total so that every page weighs the same, whatever its length.
    """
    true_counts, pred_counts = _shingles(true), _shingles(pred)
    tp = float(sum((true_counts & pred_counts).values()))
    fp = float(sum((pred_counts - true_counts).values()))
    fn = float(sum((true_counts - pred_counts).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(key, tp, fp, fn)


def _precision(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp)


def _recall(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn)


def summarize(scores: Sequence[PageScore], seconds: float = 0.0) -> AebScore:
    """Aggregate as the benchmark does.

    Precision is averaged over pages where something was predicted, recall over pages that have
    a true body, and F1 is the harmonic mean of the two averages (not a mean of page F1s).
    """
    precisions = [_precision(s) for s in scores if s.tp + s.fp > 0]
    recalls = [_recall(s) for s in scores if s.tp + s.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = f1_score(precision, recall)
    return AebScore(precision, recall, f1, len(scores), seconds)


def load_ground_truth(data_dir: Path) -> dict[str, dict[str, str]]:
    """``ground-truth.json``: page key → ``{"articleBody": ..., "url": ...}``."""
    with (data_dir / "ground-truth.json").open(encoding="utf-8") as fh:
        truth: dict[str, dict[str, str]] = json.load(fh)
    return truth


def orbat_extractor(html: bytes, url: str) -> str:
    """The body orbat's HTML reader extracts from one page (empty when it finds none)."""
    from orbat.ingest.html import extract_html

    doc = extract_html(html, origin=url, url=url)
    return doc.text if doc is not None else ""


def evaluate(
    data_dir: Path,
    extractor: Extractor = orbat_extractor,
    keys: Iterable[str] | None = None,
) -> tuple[AebScore, list[PageScore]]:
    """Run ``extractor`` over the benchmark pages in ``data_dir`` and score it.

    1. Load the ground truth.
    2. Extract each page from ``html/<key>.html.gz`` (timed: extraction only).
    3. Score each page and aggregate.
    """
    # 1. Load the ground truth.
    truth = load_ground_truth(data_dir)
    scores: list[PageScore] = []
    seconds = 0.0
    for key in sorted(keys if keys is not None else truth):
        page = truth[key]
        # 2. Extract each page.
        html = gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())
        start = time.perf_counter()
        pred = extractor(html, page.get("url", ""))
        seconds += time.perf_counter() - start
        # 3. Score each page.
        scores.append(score_page(key, page.get("articleBody", ""), pred))
    return summarize(scores, seconds), scores


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m orbat.eval.aeb DATA_DIR``: print the scores and the worst pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path, help="folder with ground-truth.json and html/")
    parser.add_argument("--worst", type=int, default=5, help="list the N worst pages")
    args = parser.parse_args(argv)
    result, pages = evaluate(args.data_dir)
    print(
        f"pages={result.pages} precision={result.precision:.4f} recall={result.recall:.4f} "
        f"F1={result.f1:.4f} speed={result.pages_per_second:.1f} pages/s"
    )
    for s in sorted(pages, key=lambda s: s.tp)[: args.worst]:
        print(f"  {s.key[:16]} tp={s.tp:.2f} fp={s.fp:.2f} fn={s.fn:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
