"""Statements about actors: stored with evidence, replaced per extractor version, never
duplicated, and a claim with a denial makes the event it concerns contested."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from orbat.extract.records import Evidence
from orbat.extract.statements.records import (
    CandidateActor,
    MentionRecord,
    Statement,
    candidate_id,
)
from orbat.pipeline import ingest
from orbat.store import open_engine
from orbat.store.schema import events
from orbat.store.statements import StatementStore

TEXT = (
    "The Popular Mobilization Forces blamed the United States for the strike. "
    "A Pentagon spokesman denied any US involvement. "
    "A previously unknown militia, which calls itself Ya Ali Popular Formations, claimed it."
)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    article = tmp_path / "a.txt"
    article.write_text("Strike near Baghdad\n\n" + TEXT + "\n", encoding="utf-8")
    db = str(tmp_path / "orbat.db")
    ingest([str(article)], db)
    return open_engine(db)


def _evidence(engine: Engine, phrase: str) -> Evidence:
    with engine.connect() as conn:
        text = conn.execute(select(events.metadata.tables["documents"].c.text)).scalar_one()
    start = text.index(phrase)
    return Evidence(1, start, start + len(phrase), phrase)


def _event(engine: Engine) -> int:
    with engine.begin() as conn:
        result = conn.execute(
            insert(events).values(
                event_key="2021-01-01|x|Explosions/Remote violence",
                time_precision=1,
                disorder_type="Political violence",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                notes="",
                contested=False,
                mention_count=1,
                extractor="orbat.events.v1",
                updated_at=datetime.now(UTC),
            )
        )
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])


def _claims(engine: Engine, event_id: int) -> list[Statement]:
    blame = _evidence(engine, "blamed the United States for the strike")
    denial = _evidence(engine, "denied any US involvement")
    return [
        Statement(
            "claim",
            "accused",
            "pmf",
            "Popular Mobilization Forces",
            "usa",
            "United States",
            "attributed",
            blame,
            statement_date=date(2021, 1, 1),
            event_id=event_id,
        ),
        Statement(
            "claim",
            "denied",
            "usa",
            "A Pentagon spokesman",
            None,
            "",
            "denied",
            denial,
            event_id=event_id,
        ),
    ]


def test_a_claim_and_a_denial_make_the_event_contested(engine: Engine) -> None:
    event_id = _event(engine)
    store = StatementStore(engine)
    claims = _claims(engine, event_id)
    with engine.begin() as conn:
        assert store.save(conn, 1, "orbat.statements.v1", found=claims) == 2
    with engine.connect() as conn:
        contested = conn.execute(select(events.c.contested)).scalar_one()
    assert contested is True
    rows = store.claims(event_id=event_id)
    assert [r.predicate for r in rows] == ["accused", "denied"]
    assert all(r.quote in TEXT and r.url is None for r in rows)
    assert store.claims("usa") and store.claims("pmf")[0].stance == "attributed"


def test_saving_again_replaces_instead_of_duplicating(engine: Engine) -> None:
    event_id = _event(engine)
    store = StatementStore(engine)
    name = "Ya Ali Popular Formations"
    candidate = CandidateActor(
        candidate_id(name), name, "political_militia", "Iraq", _evidence(engine, name)
    )
    mention = MentionRecord(candidate.id, name, 1.0, candidate.evidence)
    claims = _claims(engine, event_id)
    for version in ("orbat.statements.v1", "orbat.statements.v1", "orbat.statements.v2"):
        with engine.begin() as conn:
            store.save(
                conn,
                1,
                version,
                mentions=[mention, mention],
                found=claims,
                candidates=[candidate],
            )
    assert len(store.claims()) == 2
    assert {r.extractor for r in store.claims()} == {"orbat.statements.v2"}
    [found] = store.candidates()
    assert (found.id, found.mention_count, found.status) == (
        "candidate:ya-ali-popular-formations",
        1,
        "candidate",
    )
    assert store.set_candidate_status(found.id, "accepted")
    assert store.candidates("accepted")[0].quote == name
    assert store.mention_counts() == {found.id: 1}
