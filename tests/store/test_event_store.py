"""The event store on SQLite and PostgreSQL: merged views, re-runs, extractor upgrades."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from orbat.cli.app import example_corpus
from orbat.extract.events import events_version
from orbat.packs import load_pack
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_events
from orbat.store import open_engine
from orbat.store.events import EventStore
from orbat.store.schema import event_mentions, events, extraction_runs

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


# Two outlets' own reports (not copies) of one attack, with different tolls.
_REPORTS = [
    {
        "id": "wire-1",
        "date": "2021-08-20",
        "source": "Wire One",
        "title": "IS kills militiamen near Baghdad",
        "text": "Three fighters from a pro-Iranian militia were killed in Iraq on Friday when "
        "Islamic State group militants attacked their base in Tarmiyah, north of Baghdad, a "
        "security source said.",
    },
    {
        "id": "paper-2",
        "date": "2021-08-20",
        "source": "Paper Two",
        "title": "Attack on Hashd base",
        "text": "Five Hashd al-Shaabi fighters were killed on Friday when Islamic State "
        "militants attacked their base in Tarmiyah, police said. Residents in the town "
        "heard gunfire for hours.",
    },
]


@pytest.fixture
def engine(db_url: str, tmp_path: Path) -> Engine:
    engine = with_two_reports(db_url, tmp_path)
    extract_events(engine)
    return engine


def with_two_reports(db_url: str, tmp_path: Path) -> Engine:
    """The founding corpus and the two outlets' reports, ingested (nothing extracted yet)."""
    reports = tmp_path / "reports.jsonl"
    reports.write_text("\n".join(json.dumps(r) for r in _REPORTS), encoding="utf-8")
    ingest([str(example_corpus()), str(reports)], db_url)
    return open_engine(db_url)


def _events(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(events).order_by(events.c.event_key)).mappings().all()
    return [{k: v for k, v in row.items() if k not in ("id", "updated_at")} for row in rows]


def test_merged_views_equal_a_full_recount(engine: Engine) -> None:
    """Mentions are folded into events one at a time; the result must be what re-deriving
    every event from all its mentions gives."""
    folded = _events(engine)
    store = EventStore(engine)
    with engine.begin() as conn:
        for event_id in conn.execute(select(events.c.id)).scalars().all():
            store._refresh(conn, event_id)
    assert folded == _events(engine)
    assert any(e["mention_count"] > 1 for e in folded)  # some events are merged across articles
    assert any(e["fatalities_reported"] for e in folded)


def test_rerun_adds_nothing_and_a_new_version_replaces_the_old(engine: Engine) -> None:
    before = _events(engine)
    assert extract_events(engine).mentions == 0
    assert _events(engine) == before
    # Pretend the stored mentions came from an older version of the extractor.
    with engine.begin() as conn:
        conn.execute(event_mentions.update().values(extractor="orbat.events.v0"))
        conn.execute(extraction_runs.update().values(extractor="orbat.events.v0"))
    again = extract_events(engine)
    assert again.mentions > 0
    with engine.connect() as conn:
        kinds = set(conn.execute(select(event_mentions.c.extractor).distinct()).scalars())
    assert kinds == {events_version(load_pack())}
    assert _events(engine) == before
