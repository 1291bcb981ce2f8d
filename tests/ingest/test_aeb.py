"""Quality floor of the HTML reader on Zyte's article-extraction benchmark (181 pages)."""

from __future__ import annotations

from pathlib import Path

from orbat.eval.aeb import evaluate, score_page, summarize

# Mean F1 (the benchmark's own definition, 4-token shingles) measured at 0.963 with trafilatura
# 2.3.1 and orbat.ingest.html.EXTRACTION_OPTIONS. Never lower this floor silently: a drop below
# it is a regression in extraction quality; raise it when the extractor improves.
AEB_F1_FLOOR = 0.90


def test_aeb_f1_floor(data: Path) -> None:
    result, pages = evaluate(data / "aeb")
    assert result.pages == len(pages) == 181
    assert result.f1 >= AEB_F1_FLOOR, (
        f"aeb F1 {result.f1:.4f} fell below the floor {AEB_F1_FLOOR} "
        f"(precision {result.precision:.4f}, recall {result.recall:.4f})"
    )


def test_scoring_matches_the_benchmark_definition() -> None:
    true = "one two three four five six"
    perfect = score_page("k", true, true)
    assert (perfect.tp, perfect.fp, perfect.fn) == (1.0, 0.0, 0.0)
    # Extra boilerplate adds false-positive shingles; nothing predicted is all false negatives.
    noisy = score_page("k", true, true + " subscribe now to our newsletter")
    assert noisy.fp > 0 and noisy.fn == 0
    empty = score_page("k", true, "")
    assert (empty.tp, empty.fp, empty.fn) == (0.0, 0.0, 1.0)
    result = summarize([perfect, empty])
    # Precision averages only pages with a prediction; recall averages all pages with a truth.
    assert result.precision == 1.0 and result.recall == 0.5
    assert abs(result.f1 - 2 / 3) < 1e-9
