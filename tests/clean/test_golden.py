"""Golden-file test: the founding corpus segments into the 19 articles a reader finds in it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import orbat.clean
from orbat.clean import segment
from orbat.models import Article, RawDocument

SEEDS = Path(orbat.clean.__file__).parent.parent / "examples" / "seeds"
GOLDEN: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "golden" / "seeds.json").read_text(encoding="utf-8")
)


def _segment_file(name: str) -> list[Article]:
    path = SEEDS / name
    return segment(RawDocument(origin=str(path), format="text", text=path.read_text()))


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[Article]]:
    return {name: _segment_file(name) for name in sorted({g["file"] for g in GOLDEN})}


def test_corpus_holds_19_articles(by_file: dict[str, list[Article]]) -> None:
    assert len(GOLDEN) == 19
    assert sum(len(articles) for articles in by_file.values()) == 19
    for name, articles in by_file.items():
        expected = [g["index"] for g in GOLDEN if g["file"] == name]
        assert len(articles) == len(expected), name


@pytest.mark.parametrize("gold", GOLDEN, ids=lambda g: f"{g['file'][:3]}-{g['index']}")
def test_article_matches_golden(gold: dict[str, Any], by_file: dict[str, list[Article]]) -> None:
    article = by_file[gold["file"]][gold["index"] - 1]
    assert article.locator == f"article {gold['index']}"
    assert article.title == gold["title"]
    expected_date = date.fromisoformat(gold["published"]) if gold["published"] else None
    assert article.published == expected_date
    assert article.published_raw == gold["published_raw"]
    assert article.source == gold["source"]
    assert article.url == gold["url"]
    assert article.text[:60] == gold["first60"]
    assert article.text[-60:] == gold["last60"]
    for chrome in gold["chrome_absent"]:
        assert chrome not in article.text, chrome
    assert article.extra.get("original_source") == gold.get("original_source")
    assert article.extra.get("sources_list") == gold.get("sources_list")


def test_spans_point_into_the_raw_text(by_file: dict[str, list[Article]]) -> None:
    for name, articles in by_file.items():
        raw = (SEEDS / name).read_text()
        previous_end = 0
        for article in articles:
            assert article.raw_start is not None and article.raw_end is not None
            assert previous_end <= article.raw_start < article.raw_end <= len(raw)
            # The text is cut from inside the span (inline chrome aside, so only its start).
            assert article.text[:60] in raw[article.raw_start : article.raw_end]
            previous_end = article.raw_end


def test_raw_locator_is_kept_in_front() -> None:
    path = SEEDS / GOLDEN[0]["file"]
    raw = RawDocument(origin=str(path), format="text", text=path.read_text(), locator="chunk 2")
    assert [a.locator for a in segment(raw)][-1] == "chunk 2 / article 4"
