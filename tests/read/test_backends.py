"""Issue 14 §2-§4 on SQLite and PostgreSQL: the new filters and sorts, the charts, the actor
listing, the downloads and ``orbat.open`` ask the same questions of either database."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

import orbat
from orbat.extract.records import EventRecord, Evidence
from orbat.pipeline import ingest
from orbat.read.charts import monthly
from orbat.store import open_engine
from orbat.store.events import EventStore
from orbat.store.schema import documents
from orbat.web import create_app

pytestmark = [pytest.mark.issue(14), pytest.mark.filterwarnings("ignore::ResourceWarning")]

REPORTS = [
    ("r1", "2025-01-05", "Rockets hit the base near Baghdad, killing four soldiers."),
    ("r2", "2025-03-02", "A drone strike near Jurf al-Sakhar killed nine fighters."),
    ("r3", "2025-03-20", "Gunmen attacked a checkpoint in Deir ez-Zor; no one was hurt."),
]
CODING = [
    ("Iraq", "Baghdad", "Baghdad", "Battles", "Armed clash", 4),
    ("Iraq", "Babil", "Jurf al-Sakhar", "Explosions/Remote violence", "Air/drone strike", 9),
    ("Syria", "Deir ez-Zor", "Deir ez-Zor", "Battles", "Armed clash", 0),
]


@pytest.fixture
def db(db_url: str, tmp_path: Path) -> str:
    """Three articles and one event planted from each (exact evidence, fixed coding)."""
    path = tmp_path / "reports.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "date": d, "text": t}) for i, d, t in REPORTS),
        encoding="utf-8",
    )
    ingest([str(path)], db_url)
    engine = open_engine(db_url)
    with engine.begin() as conn:
        ids = dict(conn.execute(select(documents.c.external_id, documents.c.id)).all())
        store = EventStore(engine)
        for (ext, day, text), (country, admin1, place, kind, sub, dead) in zip(
            REPORTS, CODING, strict=True
        ):
            record = EventRecord(
                event_date=date.fromisoformat(day),
                time_precision=1,
                disorder_type="Political violence",
                event_type=kind,
                sub_event_type=sub,
                actor1="Kataib Hezbollah",
                inter1=3,
                country=country,
                admin1=admin1,
                location=place,
                latitude=33.0,
                longitude=44.0,
                fatalities=dead,
                evidence=Evidence(ids[ext], 0, len(text), text),
                extractor="orbat.events.v1",
            )
            store.save(conn, ids[ext], "orbat.events.v1", [record])
    engine.dispose()
    return db_url


def test_filters_sorts_and_charts_agree_on_both_databases(db: str) -> None:
    reader = orbat.open(db)
    worst = reader.events(sort="fatalities")
    assert [e["fatalities"] for e in worst] == [9, 4, 0]
    assert [e["event_date"] for e in reader.events(sort="oldest")] == [
        "2025-01-05",
        "2025-03-02",
        "2025-03-20",
    ]
    assert [e["location"] for e in reader.events(country="iraq", min_fatalities=5)] == [
        "Jurf al-Sakhar"
    ]
    assert [e["location"] for e in reader.events(admin1="deir ez-zor")] == ["Deir ez-Zor"]
    assert [e["location"] for e in reader.events(actor="Kata'ib Hizballah", limit=1)] == [
        "Deir ez-Zor"
    ]
    series = monthly(reader.engine, split="admin1", measure="fatalities")
    assert series.months == ["2025-01", "2025-02", "2025-03"]
    assert series.rows == [{"Baghdad": 4}, {}, {"Babil": 9}]
    kh = [a for a in reader.actors(kind="political_militia") if a["id"] == "kataib-hezbollah"]
    assert kh and kh[0]["events"] == 3


def test_downloads_hold_the_filtered_events_on_both_databases(db: str) -> None:
    app = create_app(orbat.open(db).engine)
    with TestClient(app, base_url="http://localhost") as client:
        response = client.get(
            "/api/events/download", params={"country": "Iraq", "sort": "oldest", "format": "acled"}
        )
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [r["location"] for r in rows] == ["Baghdad", "Jurf al-Sakhar"]
        assert [r["event_id_cnty"][:3] for r in rows] == ["IRQ", "IRQ"]
        actors = client.get("/api/actors", params={"country": "Iraq", "limit": 5}).json()
        assert actors["total"] > 5 and len(actors["items"]) == 5
