"""Issue 13: every event carries a confidence, stored, merged and exported."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from orbat.export.events import write_acled_csv, write_events_jsonl
from orbat.extract.confidence import WEIGHTS, event_confidence
from orbat.extract.events import ArticleView, EventExtractor
from orbat.extract.records import EventRecord, Evidence
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_articles
from orbat.store import open_engine

pytestmark = pytest.mark.issue(13)


def _record(**fields: object) -> EventRecord:
    base: dict[str, object] = {
        "event_date": dt.date(2024, 5, 1),
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "evidence": Evidence(1, 0, 5, "words"),
        "extractor": "test",
        "actor1": "Military Forces of Israel (2022-)",
        "geo_precision": 1,
        "extra": {"classifier_score": 4.0},
    }
    base.update(fields)
    return EventRecord(**base)  # type: ignore[arg-type]


def test_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_a_fully_supported_event_is_sure_and_each_doubt_lowers_it() -> None:
    sure = event_confidence(_record(), own_date=True, in_theatre=True)
    assert sure == pytest.approx(1.0)
    doubts = [
        event_confidence(_record(extra={"classifier_score": 1.0}), own_date=True, in_theatre=True),
        event_confidence(_record(geo_precision=3), own_date=True, in_theatre=True),
        event_confidence(_record(), own_date=True, in_theatre=False),
        event_confidence(_record(), own_date=False, in_theatre=True),
        event_confidence(_record(actor1="Unidentified Armed Group (Syria)"), own_date=True,
                         in_theatre=True),
        event_confidence(_record(stance="denied"), own_date=True, in_theatre=True),
    ]  # fmt: skip
    assert all(0.0 < d < sure for d in doubts)


def test_extracted_events_carry_it() -> None:
    text = "Israeli airstrikes hit a weapons depot near Damascus on Sunday, killing two fighters."
    [event] = EventExtractor().extract(ArticleView(1, text, dt.date(2024, 5, 6)))
    assert event.confidence is not None and event.confidence > 0.75


def test_stored_and_exported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "news.jsonl"
    row = {
        "id": "a1",
        "date": "2024-05-06",
        "text": "Israeli airstrikes hit a weapons depot near Damascus on Sunday, killing two.",
    }
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = str(tmp_path / "orbat.db")
    ingest([str(source)], db)
    engine = open_engine(db)
    extract_articles(engine)  # what `orbat ingest` runs after storing
    jsonl = io.StringIO()
    write_events_jsonl(engine, jsonl)
    [event] = [json.loads(line) for line in jsonl.getvalue().splitlines()]
    assert event["confidence"] == event["sources"][0]["confidence"] > 0.75
    csv_out = io.StringIO()
    write_acled_csv(engine, csv_out)
    header, first = csv_out.getvalue().splitlines()[:2]
    assert header.split(",")[-2:] == ["confidence", "reviewed"]
    assert float(first.split(",")[-2]) == event["confidence"]
