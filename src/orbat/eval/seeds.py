"""Score orbat's events on the founding corpus against the hand-annotated gold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, select

from orbat.eval.metrics import EventScores
from orbat.store.schema import documents, event_mentions

__all__ = ["GoldEvent", "SeedScores", "load_gold", "score_seed_events"]

# How far an extracted date may be from the gold date, by the gold's ACLED time precision.
_DATE_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}


@dataclass(frozen=True)
class GoldEvent:
    file: str
    title: str | None
    quote: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    time_precision: int
    country: str
    location: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    optional: bool


def load_gold() -> list[GoldEvent]:
    path = resources.files("orbat.eval") / "gold" / "seed_events.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GoldEvent(
            file=str(item["file"]),
            title=item.get("title"),
            quote=item["quote"],
            event_type=item["event_type"],
            sub_event_type=item["sub_event_type"],
            date=item.get("date"),
            time_precision=int(item.get("time_precision") or 3),
            country=item["country"],
            location=item.get("location"),
            actor1=item.get("actor1"),
            actor2=item.get("actor2"),
            fatalities=item.get("fatalities"),
            optional=bool(item.get("optional", False)),
        )
        for item in items
    ]


@dataclass
class SeedScores(EventScores):
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)


def _key(name: str | None) -> str:
    """Spelling-insensitive comparison of place names (Mayadeen = Mayadin = al-Mayadin)."""
    from orbat.nlp.gazetteer import place_key

    return place_key(name or "")


def _article_ids(articles: list[Any], gold: GoldEvent) -> set[int]:
    """Ids of the stored articles a gold event names (by seed file and a piece of title)."""
    return {
        r.id
        for r in articles
        if Path(r.origin).name.startswith(gold.file) and _title_ok(gold.title, r.title)
    }


def _title_ok(wanted: str | None, title: str | None) -> bool:
    """The gold names an article by a piece of its title; ``None`` means the untitled one."""
    if wanted is None:
        return title is None
    return wanted in (title or "")


def _date_ok(gold: GoldEvent, value: dt.date | None) -> bool:
    if gold.date is None:
        return True
    if value is None:
        return False
    return abs((value - gold.date).days) <= _DATE_TOLERANCE_DAYS[gold.time_precision]


def _place_ok(gold: GoldEvent, mention: Any) -> bool:
    """Same place: the gold name is the mention's location, admin1 or admin2 (spelling-
    insensitively), or a gazetteer place of that name is the mention's place."""
    if gold.location is None:
        return mention.country == gold.country or mention.country is None
    if gold.location == gold.country:
        return bool(mention.country == gold.country)
    wanted = _key(gold.location)
    names = (mention.location, mention.admin1, mention.admin2)
    if any(_key(n) == wanted for n in names if n):
        return True
    return mention.place_id is not None and mention.place_id in _place_ids(gold.location)


@lru_cache(maxsize=256)
def _place_ids(name: str) -> frozenset[str]:
    from orbat.nlp.gazetteer import load_gazetteer

    return frozenset(p.id for p in load_gazetteer().lookup(name))


def _matches(gold: GoldEvent, mention: Any) -> bool:
    return (
        mention.event_type == gold.event_type
        and _place_ok(gold, mention)
        and _date_ok(gold, mention.event_date)
    )


def score_seed_events(engine: Engine) -> SeedScores:
    """Match the extracted event mentions of each article one-to-one to its gold events.

    Recall counts required gold events found; precision counts extracted mentions that match
    any gold event (optional ones included) — an optional event is never a false positive.
    Precision is over every article of the corpus: the annotator read all of them, so an
    article without gold events is one where nothing is codable and each event extracted
    from it is a false positive.
    """
    gold = load_gold()
    with engine.connect() as conn:
        mentions = list(conn.execute(select(event_mentions).order_by(event_mentions.c.id)))
        articles = list(conn.execute(select(documents.c.id, documents.c.origin, documents.c.title)))
    # The unit is the event as each article reports it: several sentences of one article
    # that the extractor merged into one event count once (its first mention stands for it).
    by_doc: dict[int, list[Any]] = {}
    seen: set[tuple[int, int]] = set()
    # The article's toll for each of its events: the lowest figure any of its sentences gives,
    # 0 when none gives one (ACLED: "no mention of deaths → 0"), as the event store merges it.
    figures: dict[tuple[int, int], list[int]] = {}
    for mention in mentions:
        toll = figures.setdefault((mention.document_id, mention.event_id), [])
        if mention.fatalities is not None:
            toll.append(mention.fatalities)
    tolls = {key: min(values) if values else 0 for key, values in figures.items()}
    for mention in mentions:
        if (mention.document_id, mention.event_id) not in seen:
            seen.add((mention.document_id, mention.event_id))
            by_doc.setdefault(mention.document_id, []).append(mention)
    scores = SeedScores()
    used: set[int] = set()
    # Required events claim their match first, so an optional twin never steals it.
    for event in sorted(gold, key=lambda g: g.optional):
        doc_ids = _article_ids(articles, event)
        if not event.optional:
            scores.required += 1
        candidates = [
            m for d in doc_ids for m in by_doc.get(d, []) if m.id not in used and _matches(event, m)
        ]
        if not candidates:
            if not event.optional:
                scores.missed.append(event)
            continue
        best = max(candidates, key=lambda m: m.sub_event_type == event.sub_event_type)
        used.add(best.id)
        if not event.optional:
            scores.found_required += 1
        _score_fields(scores, event, best, tolls[(best.document_id, best.event_id)])
    for doc_id in sorted(by_doc):
        for mention in by_doc[doc_id]:
            scores.extracted += 1
            if mention.id in used:
                scores.matched += 1
            else:
                scores.spurious.append(
                    {
                        "document_id": mention.document_id,
                        "quote": mention.quote,
                        "type": mention.sub_event_type,
                        "date": mention.event_date,
                    }
                )
    return scores


def _score_fields(scores: SeedScores, gold: GoldEvent, mention: Any, toll: int) -> None:
    checks: dict[str, bool | None] = {
        "sub_event_type": mention.sub_event_type == gold.sub_event_type,
        "event_date": (mention.event_date == gold.date) if gold.date else None,
        "location": _place_ok(gold, mention) if gold.location else None,
        "actor1": (mention.actor1 == gold.actor1) if gold.actor1 else None,
        "actor2": (mention.actor2 == gold.actor2) if gold.actor2 else None,
        "fatalities": (toll == gold.fatalities) if gold.fatalities is not None else None,
    }
    for name, ok in checks.items():
        if ok is None:
            continue
        scores.field_totals[name] = scores.field_totals.get(name, 0) + 1
        scores.field_hits[name] = scores.field_hits.get(name, 0) + int(ok)


def run_seed_eval(db: str = ":memory:") -> SeedScores:
    """Ingest the bundled founding corpus into ``db``, extract as `orbat ingest` does, and score
    its events."""
    from orbat.pipeline import Pipeline
    from orbat.resources import example_corpus

    pipeline = Pipeline(db)
    pipeline.run([str(example_corpus())])  # what `orbat ingest` runs
    return score_seed_events(pipeline.engine)
