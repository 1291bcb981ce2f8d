"""Score orbat's Arabic path on Arabic texts it was not written against (`orbat eval news-ar`).

The gold (``tests/eval/gold/news_ar/*.yaml``, its format in the folder's README) holds short
Arabic texts the developers wrote themselves in the formats Arabic conflict news comes in
(faction claim posts, denials, relay-channel lines, wire copy, observatory bulletins), each
coded by hand before orbat read it. Items split into a development and a held-out half by the
parity of the SHA-256 of their id (:func:`orbat.eval.news.half_of`), as for ``orbat eval news``.

Events are scored exactly as ``orbat eval news`` scores them (:func:`orbat.eval.news.score_news`).
Claims: a gold claim (claimant, ``claimed``/``denied``) is found when a claim statement of that
document has that predicate and that pack actor as its subject; precision counts the stored
claims of the gold documents that match a gold claim.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, select

from orbat.eval.news import HALVES, NewsScores, score_news
from orbat.eval.news_data import GoldDocument, gold_event, half_of
from orbat.store.schema import documents, statements

__all__ = [
    "ArabicItem",
    "ClaimScores",
    "default_arabic_gold_path",
    "load_arabic_gold",
    "run_news_ar_eval",
    "score_claims",
]


@dataclass(frozen=True)
class ArabicItem:
    """One gold text: what orbat is given, and the events and claims coded by hand."""

    id: str
    kind: str
    published: dt.date
    text: str
    gold: GoldDocument
    claims: tuple[tuple[str, str], ...]  # (claimant pack id, claimed | denied)


@dataclass
class ClaimScores:
    gold: int = 0
    found: int = 0
    stored: int = 0
    correct: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.stored if self.stored else 0.0

    def absorb(self, other: ClaimScores) -> None:
        self.gold += other.gold
        self.found += other.found
        self.stored += other.stored
        self.correct += other.correct
        self.missed += other.missed
        self.spurious += other.spurious


def default_arabic_gold_path() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "eval" / "gold" / "news_ar"


def load_arabic_gold(path: Path | None = None) -> list[ArabicItem]:
    """The items of one YAML file, or of every ``*.yaml`` of a folder (by name)."""
    path = path or default_arabic_gold_path()
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    out = []
    for f in files:
        for item in yaml.safe_load(f.read_text(encoding="utf-8")) or ():
            events = tuple(gold_event(item["id"], e) for e in item.get("events") or ())
            claims = tuple((c["claimant"], c["predicate"]) for c in item.get("claims") or ())
            gold = GoldDocument(item["id"], item["published"], events)
            out.append(
                ArabicItem(item["id"], item["kind"], item["published"], item["text"], gold, claims)
            )
    return out


def run_news_ar_eval(
    gold_path: Path | None = None, db: str | None = None
) -> tuple[dict[str, NewsScores], dict[str, ClaimScores]]:
    """Ingest the gold texts as one JSONL file into a fresh database, extract as
    ``orbat ingest`` does, and score events and claims per half and in all."""
    from orbat.pipeline import Pipeline

    items = load_arabic_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "arabic.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for item in items:
                row = {"id": item.id, "text": item.text, "date": item.published.isoformat()}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        target = db or str(folder / "news_ar.db")
        pipeline = Pipeline(target)
        pipeline.run([str(source)])  # what `orbat ingest` runs
        engine = pipeline.engine
        events = score_news(engine, [i.gold for i in items], {i.id: i.id for i in items})
        return events, score_claims(engine, items)


def score_claims(engine: Engine, items: list[ArabicItem]) -> dict[str, ClaimScores]:
    """Claims found with the right claimant, and stored claims that are right, per half."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                documents.c.external_id,
                statements.c.predicate,
                statements.c.subject_id,
                statements.c.quote,
            )
            .join(documents, documents.c.id == statements.c.document_id)
            .where(statements.c.kind == "claim")
        ).all()
    stored: dict[str, set[tuple[str | None, str]]] = {}
    quotes: dict[tuple[str, str | None, str], str] = {}
    for row in rows:
        stored.setdefault(row.external_id, set()).add((row.subject_id, row.predicate))
        quotes[(row.external_id, row.subject_id, row.predicate)] = row.quote
    results = {half: ClaimScores() for half in HALVES}
    for item in items:
        scores = results[half_of(item.id)]
        mine = stored.get(item.id, set())
        wanted = set(item.claims)
        scores.gold += len(wanted)
        scores.found += len(wanted & mine)
        scores.stored += len(mine)
        scores.correct += len(mine & wanted)
        scores.missed += [{"doc": item.id, "claimant": c, "predicate": p} for c, p in wanted - mine]
        scores.spurious += [
            {"doc": item.id, "claimant": c, "predicate": p, "quote": quotes[(item.id, c, p)]}
            for c, p in mine - wanted
        ]
    total = ClaimScores()
    for half in HALVES:
        total.absorb(results[half])
    results["all"] = total
    return results
