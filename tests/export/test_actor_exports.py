"""actors-jsonl, relations-jsonl, claims-jsonl, mentions-jsonl: every actor and statement, each
read-from-text one with evidence that points at the exact quote in the stored article."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from sqlalchemy import Engine, select

from actor_corpus import CANDIDATE, ActorDb
from orbat.export import EXPORTERS
from orbat.packs import load_pack
from orbat.store.schema import documents

EVIDENCE_KEYS = {
    "document_id",
    "document_external_id",
    "url",
    "title",
    "published",
    "start",
    "end",
    "quote",
    "extractor",
}


def export(engine: Engine, name: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    count = EXPORTERS[name](engine, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records)
    return records


def assert_evidence_is_exact(engine: Engine, evidence: dict[str, Any]) -> None:
    """The quote is the stored text at the offsets, and the document fields are its own."""
    assert set(evidence) == EVIDENCE_KEYS
    with engine.connect() as conn:
        doc = conn.execute(select(documents).where(documents.c.id == evidence["document_id"])).one()
    assert doc.text[evidence["start"] : evidence["end"]] == evidence["quote"]
    assert (evidence["url"], evidence["title"]) == (doc.url, doc.title)
    assert evidence["extractor"] == "orbat.statements.v1"


def test_actors_jsonl_lists_the_pack_then_candidates_with_counts(actor_db: ActorDb) -> None:
    records = export(actor_db.engine, "actors-jsonl")
    pack = load_pack()
    assert [r["id"] for r in records[: len(pack)]] == [a.id for a in pack.actors]
    kh = next(r for r in records if r["id"] == "kataib-hezbollah")
    assert kh["acled_name"] == "Kataib Hezbollah" and kh["inter"] == 3
    assert {"name": "KH", "weak": True}.items() <= next(
        a for a in kh["aliases"] if a["name"] == "KH"
    ).items()
    assert any(a["script"] == "Arab" for a in kh["aliases"])
    assert all(s["url"].startswith("http") and s["title"] for s in kh["sources"])
    assert kh["event_count"] == 1  # named only as assoc_actor_2, next to another group
    jabbarin = next(r for r in records if r["id"] == "qasem-al-jabbarin")
    assert jabbarin["mention_count"] == 2 and not jabbarin["candidate"]
    pmf = next(r for r in records if r["id"] == "popular-mobilization-forces")
    assert pmf["event_count"] == 1
    # Pack relations of the PMF plus the one an article states.
    assert pmf["relation_count"] == len(pack.relations_of("popular-mobilization-forces")) + 1
    (candidate,) = records[len(pack) :]
    assert candidate["id"] == actor_db.candidate and candidate["name"] == CANDIDATE
    assert candidate["candidate"] is True and candidate["status"] == "candidate"
    assert candidate["mention_count"] == 1
    assert_evidence_is_exact(actor_db.engine, candidate["evidence"])


def test_relations_jsonl_has_pack_sources_and_text_evidence(actor_db: ActorDb) -> None:
    records = export(actor_db.engine, "relations-jsonl")
    pack = load_pack()
    from_pack = [r for r in records if r["origin"] == "pack"]
    from_text = [r for r in records if r["origin"] == "text"]
    assert len(from_pack) == len(pack.relations) and len(from_text) == 3
    assert len({frozenset(r) for r in records}) == 1  # one shape, ready for a DataFrame
    assert all(r["source"]["url"].startswith("http") and r["evidence"] is None for r in from_pack)
    dated = next(r for r in from_pack if r["subject_id"] == "popular-mobilization-forces")
    assert dated["subject_name"] == "Popular Mobilization Forces" and dated["object_name"]
    for record in from_text:
        assert record["source"] is None
        assert_evidence_is_exact(actor_db.engine, record["evidence"])
    front = next(r for r in from_text if r["type"] == "front-for")
    assert (front["subject_id"], front["object_id"]) == ("qasem-al-jabbarin", "kataib-hezbollah")
    assert front["stance"] == "attributed" and front["speaker_text"] == "US officials"
    assert (
        front["date"] == "2021-08-26" and "front for Kataib Hezbollah" in front["evidence"]["quote"]
    )
    assert front["evidence"]["url"] == (
        "https://iraqwarnews.net/iraqi-militias-claim-to-attack-eight-us-logistics-convoys-in-24-hours/"
    )
    leader = next(r for r in from_text if r["type"] == "led-by")
    assert leader["object_id"] is None and leader["object_text"] == "Qais Khazali"


def test_claims_jsonl_links_claims_to_the_contested_event(actor_db: ActorDb) -> None:
    records = export(actor_db.engine, "claims-jsonl")
    assert sorted(r["predicate"] for r in records) == ["accused", "claimed", "denied"]
    for record in records:
        assert_evidence_is_exact(actor_db.engine, record["evidence"])
    about_strike = [r for r in records if r["event_id"] == actor_db.strike_event]
    assert {(r["predicate"], r["stance"]) for r in about_strike} == {
        ("accused", "attributed"),
        ("denied", "denied"),
    }
    events = export(actor_db.engine, "events-jsonl")
    strike = next(e for e in events if e["event_id"] == actor_db.strike_event)
    assert strike["contested"] is True


def test_mentions_jsonl_quotes_the_span(actor_db: ActorDb) -> None:
    records = export(actor_db.engine, "mentions-jsonl")
    assert len(records) == 6
    for record in records:
        assert record["evidence"]["quote"] == record["surface"]
        assert_evidence_is_exact(actor_db.engine, record["evidence"])
    names = {r["actor_id"]: r["actor_name"] for r in records}
    assert names[actor_db.candidate] == CANDIDATE
    assert names["harakat-hezbollah-al-nujaba"] == "Harakat Hezbollah al-Nujaba"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("actors-jsonl", len(load_pack())),
        ("relations-jsonl", len(load_pack().relations)),
        ("claims-jsonl", 0),
        ("mentions-jsonl", 0),
    ],
)
def test_an_empty_database_exports_the_pack_alone(
    empty_db: Engine, name: str, expected: int
) -> None:
    assert len(export(empty_db, name)) == expected
