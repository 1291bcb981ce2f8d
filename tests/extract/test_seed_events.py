"""Events from the founding corpus: pinned quality floors and the facts an analyst checks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from orbat.cli.app import example_corpus
from orbat.eval.seeds import SeedScores, score_seed_events
from orbat.export import EXPORTERS
from orbat.extract.events import events_version
from orbat.extract.records import ACLED_FIELDS
from orbat.packs import load_pack
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_events
from orbat.store import open_engine
from orbat.store.events import EventFilter, EventStore

# Floors measured on the hand-annotated gold (src/orbat/eval/gold/seed_events.yaml) when they
# were set (extractor orbat.events.v3: 15/15 required events; 28 of 30 events matched, 0.933).
# Precision counts the events of all 19 articles, those without gold events included (each
# of their events is a false positive); v2 scored 0.592 (29/49) that way. Never lower one
# silently: a lower score is a regression to fix or to explain in the CHANGELOG. The issue's
# target is 0.8 for both.
RECALL_FLOOR = 1.0
PRECISION_FLOOR = 0.93


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    db = str(tmp_path_factory.mktemp("seeds") / "orbat.db")
    ingest([str(example_corpus())], db)
    engine = open_engine(db)
    extract_events(engine)
    return engine


@pytest.fixture(scope="module")
def scores(engine: Engine) -> SeedScores:
    return score_seed_events(engine)


def test_recall_floor(scores: SeedScores) -> None:
    assert scores.recall >= RECALL_FLOOR, [m.quote for m in scores.missed]


def test_precision_floor(scores: SeedScores) -> None:
    assert scores.precision >= PRECISION_FLOOR, scores.spurious


def _event(engine: Engine, **filters: Any) -> Any:
    rows = EventStore(engine).events(EventFilter(**filters))
    assert rows, f"no event for {filters}"
    return rows[0]


def test_is_attack_on_nujaba_base_in_tarmiya(engine: Engine) -> None:
    event = _event(engine, place="Tarmiyah", since=dt.date(2021, 8, 20), until=dt.date(2021, 8, 20))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.country == "Iraq" and event.fatalities == 3
    assert event.time_precision == 1 and event.geo_precision == 1
    mentions = EventStore(engine).mentions([event.id])[event.id]
    quotes = " ".join(m.quote for m in mentions)
    assert "Three fighters from a pro-Iranian militia were killed" in quotes
    assert all(m.extractor == events_version(load_pack()) for m in mentions)


def test_convoy_bombings_are_one_event_per_place(engine: Engine) -> None:
    rows = EventStore(engine).events(
        EventFilter(since=dt.date(2021, 8, 24), until=dt.date(2021, 8, 24))
    )
    places = {r.location for r in rows if r.sub_event_type == "Remote explosive/landmine/IED"}
    assert {"Nasiriyah", "Babil"} <= places


def test_background_is_not_a_new_event(engine: Engine) -> None:
    # The January 2020 strike on Soleimani is history in the 2021 articles.
    rows = EventStore(engine).events(
        EventFilter(since=dt.date(2020, 1, 1), until=dt.date(2020, 1, 31))
    )
    assert rows == []


def test_evidence_offsets_point_at_the_quote(engine: Engine) -> None:
    from sqlalchemy import select

    from orbat.store.schema import documents, event_mentions

    with engine.connect() as conn:
        rows = conn.execute(
            select(
                event_mentions.c.char_start,
                event_mentions.c.char_end,
                event_mentions.c.quote,
                documents.c.text,
            ).join(documents, documents.c.id == event_mentions.c.document_id)
        ).all()
    assert rows
    for start, end, quote, text in rows:
        assert text[start:end] == quote


def test_rerunning_extraction_adds_nothing(engine: Engine) -> None:
    before = EventStore(engine).count()
    assert extract_events(engine).mentions == 0
    assert EventStore(engine).count() == before


def _export(engine: Engine, name: str) -> str:
    out = io.StringIO()
    EXPORTERS[name](engine, out)
    return out.getvalue()


def test_events_jsonl_carries_acled_fields_and_sources(engine: Engine) -> None:
    records = [json.loads(line) for line in _export(engine, "events-jsonl").splitlines()]
    assert records
    for record in records:
        assert set(ACLED_FIELDS) <= set(record)
        assert record["sources"], record
        for source in record["sources"]:
            assert {
                "document_id",
                "document_external_id",
                "url",
                "title",
                "start",
                "end",
                "quote",
            } <= set(source)


def test_acled_csv_has_acled_columns(engine: Engine) -> None:
    reader = csv.DictReader(io.StringIO(_export(engine, "acled")))
    assert reader.fieldnames is not None and set(ACLED_FIELDS) <= set(reader.fieldnames)
    rows = list(reader)
    assert rows and all(r["event_type"] for r in rows)


def test_geojson_points_are_valid(engine: Engine, tmp_path: Path) -> None:
    collection = json.loads(_export(engine, "geojson"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_date"] is None or dt.date.fromisoformat(
            feature["properties"]["event_date"]
        )
