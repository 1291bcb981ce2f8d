"""Score orbat's events on real news it was not written against (`orbat eval news`).

The gold (``tests/eval/gold/news/*.yaml``, its format in the folder's README) names documents
of ``../shared/data`` by id and codes their events by hand, ACLED-style; the texts themselves
are never copied into the repository.
Every document is assigned to the *development* half or the *held-out* half by a hash of its
id (:func:`half_of`), so the split is fixed, needs no list, and no rule is tuned on the
held-out half. Both halves are always reported.

Matching, per document, one gold event to at most one extracted event (the event as that
article reports it: the mentions of one stored event in one document):

1. A pair is a candidate when the extracted event's evidence overlaps the gold quote, or
   when it has the gold's event type and either its place or its date agrees.
2. Pairs are taken greedily by a score (evidence overlap, then type, sub-type, place, date);
   required gold events choose before optional ones, so an optional twin never steals.
3. Recall counts required gold events matched; precision counts extracted events that match
   any gold event (optional ones included) over every extracted event of the gold documents.
4. On matched pairs, each field is scored where the gold gives it: event type, sub-event
   type, date (exact day; within the gold's precision for weeks and months), town (same name
   spelling-insensitively, or a gazetteer place of the gold's name within 10 km of the
   extracted point), admin1, actor1, actor2 (same pack actor, or the same name) and fatalities
   (the article's lowest figure for the event, 0 when it gives none).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from orbat.eval.metrics import EventScores
from orbat.eval.news_data import (
    HALVES,
    TEXTS_FILE,
    GoldDocument,
    GoldEvent,
    NewsDocument,
    gold_event,
    half_of,
    load_documents,
    load_news_gold,
)
from orbat.resolve.geometry import km_between
from orbat.store.schema import documents, event_mentions, extraction_skips

__all__ = [
    "HALVES",
    "TEXTS_FILE",
    "GoldEvent",
    "NewsDocument",
    "NewsScores",
    "gold_event",
    "half_of",
    "load_documents",
    "load_news_gold",
    "run_news_eval",
    "score_news",
]

# How far an extracted date may be from the gold date, by the gold's ACLED time precision.
_DATE_TOLERANCE_DAYS = {1: 0, 2: 7, 3: 31}
_NEAR_KM = 10.0


# -- running orbat --------------------------------------------------------------------------


def _write_inputs(folder: Path, docs: Sequence[NewsDocument]) -> dict[str, str]:
    """Write the documents as a user would hand them to orbat: one JSONL file of texts, one
    HTML file per page. Returns how to find each stored document: external id or file name."""
    locator: dict[str, str] = {}
    with (folder / "texts.jsonl").open("w", encoding="utf-8") as out:
        for doc in docs:
            if doc.html is not None:
                name = hashlib.sha1(doc.id.encode()).hexdigest()[:16] + ".html"
                (folder / name).write_bytes(doc.html)
                locator[doc.id] = name
                continue
            row = {"id": doc.id, "title": doc.title, "text": doc.text, "url": doc.url}
            if doc.published:
                row["date"] = doc.published.isoformat()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            locator[doc.id] = doc.id
    return locator


def run_news_eval(
    data: Path, gold_path: Path | None = None, db: str | None = None
) -> dict[str, NewsScores]:
    """Ingest the gold documents into a fresh database, extract as `orbat ingest` does, score.

    Returns the scores of each half and of both together (``all``)."""
    from orbat.pipeline import Pipeline

    gold = load_news_gold(gold_path)
    # A gold folder may carry the texts it was written for (texts.jsonl: ours, not third-party).
    texts = gold_path / TEXTS_FILE if gold_path is not None and gold_path.is_dir() else None
    docs = load_documents(data, gold, texts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = folder / "inputs"
        inputs.mkdir()
        locator = _write_inputs(inputs, docs)
        target = db or str(folder / "news.db")
        pipeline = Pipeline(target)
        pipeline.run([str(inputs)])  # what `orbat ingest` runs
        return score_news(pipeline.engine, gold, locator)


# -- scoring --------------------------------------------------------------------------------


@dataclass
class NewsScores(EventScores):
    documents: int = 0
    #: Gold documents extraction passed over (too long, over time, or it raised): a bug's
    #: cost must show in the scores, not hide as "no events".
    skipped: int = 0
    #: Extracted events per confidence band: [matched, extracted] (does precision rise with it?)
    by_confidence: dict[str, list[int]] = field(default_factory=dict)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def absorb(self, other: NewsScores) -> None:
        self.documents += other.documents
        self.required += other.required
        self.found_required += other.found_required
        self.extracted += other.extracted
        self.matched += other.matched
        self.skipped += other.skipped
        for band, (hit, total) in other.by_confidence.items():
            mine = self.by_confidence.setdefault(band, [0, 0])
            mine[0] += hit
            mine[1] += total
        for name, value in other.field_hits.items():
            self.field_hits[name] = self.field_hits.get(name, 0) + value
        for name, value in other.field_totals.items():
            self.field_totals[name] = self.field_totals.get(name, 0) + value
        self.missed += other.missed
        self.spurious += other.spurious
        self.wrong += other.wrong


@dataclass
class _Extracted:
    """One event as one article reports it: its mentions in that article."""

    first: Any
    spans: list[tuple[int, int]]
    toll: int


def score_news(
    engine: Engine, gold: Sequence[GoldDocument], locator: dict[str, str]
) -> dict[str, NewsScores]:
    with engine.connect() as conn:
        stored = list(
            conn.execute(
                select(
                    documents.c.id, documents.c.external_id, documents.c.origin, documents.c.text
                )
            )
        )
        mentions = list(conn.execute(select(event_mentions).order_by(event_mentions.c.id)))
        skipped = {row.document_id for row in conn.execute(select(extraction_skips))}
    by_key: dict[str, Any] = {}
    for row in stored:
        if row.external_id:
            by_key[row.external_id] = row
        by_key.setdefault(Path(row.origin).name, row)
    grouped: dict[int, dict[int, _Extracted]] = {}
    for m in mentions:
        events = grouped.setdefault(m.document_id, {})
        event = events.get(m.event_id)
        if event is None:
            event = events[m.event_id] = _Extracted(m, [], 0)
        event.spans.append((m.char_start, m.char_end))
    for events in grouped.values():
        for event in events.values():
            figures = [
                m.fatalities
                for m in mentions
                if m.document_id == event.first.document_id
                and m.event_id == event.first.event_id
                and m.fatalities is not None
            ]
            event.toll = min(figures) if figures else 0
    results = {half: NewsScores() for half in HALVES}
    for doc in gold:
        found = by_key.get(locator[doc.doc])
        extracted = list(grouped.get(found.id, {}).values()) if found is not None else []
        text = found.text if found is not None else ""
        scores = _score_document(doc, extracted, text)
        scores.skipped = int(found is not None and found.id in skipped)
        results[half_of(doc.doc)].absorb(scores)
        # Per kind of text too ("report:development"): short reports and long articles fail
        # differently, and a change that helps one may hurt the other.
        by_source = results.setdefault(f"{source_of(doc.doc)}:{half_of(doc.doc)}", NewsScores())
        by_source.absorb(scores)
    total = NewsScores()
    for half in HALVES:
        total.absorb(results[half])
    results["all"] = total
    return results


def source_of(doc_id: str) -> str:
    """The kind of text a gold document is, from its id's prefix (``re3d``, ``report``...)."""
    return doc_id.split(":", 1)[0]


def _score_document(doc: GoldDocument, extracted: list[_Extracted], text: str) -> NewsScores:
    scores = NewsScores(documents=1)
    pairs = []
    for g_index, g in enumerate(doc.events):
        quote_span = _find(text, g.quote)
        for e_index, e in enumerate(extracted):
            overlap = quote_span is not None and any(
                s < quote_span[1] and quote_span[0] < t for s, t in e.spans
            )
            same_type = e.first.event_type == g.event_type
            place = _place_ok(g, e.first)
            date = _date_ok(g, e.first.event_date, loose=True)
            if not (overlap or (same_type and (place or date))):
                continue
            rank = (
                0 if g.optional else 1,
                int(overlap),
                int(same_type),
                int(e.first.sub_event_type == g.sub_event_type),
                int(bool(place)),
                int(bool(date)),
            )
            pairs.append((rank, g_index, e_index))
    used_gold: set[int] = set()
    used_extracted: set[int] = set()
    for _rank, g_index, e_index in sorted(pairs, reverse=True):
        if g_index in used_gold or e_index in used_extracted:
            continue
        used_gold.add(g_index)
        used_extracted.add(e_index)
        _score_fields(scores, doc.events[g_index], extracted[e_index])
    for g_index, g in enumerate(doc.events):
        if not g.optional:
            scores.required += 1
            if g_index in used_gold:
                scores.found_required += 1
            else:
                scores.missed.append(g)
    for e_index, e in enumerate(extracted):
        scores.extracted += 1
        band = scores.by_confidence.setdefault(confidence_band(e.first.confidence), [0, 0])
        band[1] += 1
        if e_index in used_extracted:
            scores.matched += 1
            band[0] += 1
        else:
            scores.spurious.append(_describe(doc.doc, e))
    return scores


CONFIDENCE_BANDS = ("high (>= 0.75)", "medium (0.55-0.75)", "low (< 0.55)")


def confidence_band(value: float | None) -> str:
    if value is not None and value >= 0.75:
        return CONFIDENCE_BANDS[0]
    if value is not None and value >= 0.55:
        return CONFIDENCE_BANDS[1]
    return CONFIDENCE_BANDS[2]


def _describe(doc: str, e: _Extracted) -> dict[str, Any]:
    m = e.first
    return {
        "doc": doc,
        "quote": m.quote,
        "sub_event_type": m.sub_event_type,
        "date": m.event_date,
        "location": m.location,
        "actor1": m.actor1,
        "actor2": m.actor2,
        "fatalities": e.toll,
    }


def _find(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(quote)
    if start < 0:
        start = " ".join(text.split()).find(" ".join(quote.split()))
        if start < 0:
            return None
        # Offsets in collapsed text only approximate; good enough for an overlap test
        # on pages whose extracted text spaces differently from the coder's copy.
    return start, start + len(quote)


def _date_ok(gold: GoldEvent, value: dt.date | None, *, loose: bool = False) -> bool | None:
    if gold.date is None:
        return None
    if value is None:
        return False
    tolerance = _DATE_TOLERANCE_DAYS.get(gold.time_precision, 0)
    return abs((value - gold.date).days) <= max(tolerance, 1 if loose else 0)


def _key(name: str | None) -> str:
    from orbat.nlp.gazetteer import place_key

    return place_key(name or "")


def _place_ok(gold: GoldEvent, mention: Any) -> bool | None:
    """Same town: the gold name is the mention's location, admin2 or (for a governorate)
    admin1, spelling-insensitively, or a place of the gold's name lies within 10 km."""
    if gold.location is None:
        return None
    if gold.country and gold.location == gold.country:
        return bool(mention.country == gold.country)
    wanted = _key(gold.location)
    if any(_key(n) == wanted for n in (mention.location, mention.admin2, mention.admin1) if n):
        return True
    if mention.latitude is None or mention.longitude is None:
        return False
    return any(
        km_between(lat, lon, mention.latitude, mention.longitude) <= _NEAR_KM
        for lat, lon in _points(gold.location, gold.country)
    )


def _admin1_ok(gold: str | None, value: str | None) -> bool | None:
    """Same governorate, by any of its names ("Ninewa", ACLED's spelling, is "Nineveh")."""
    if gold is None:
        return None
    return value is not None and (_key(gold) == _key(value) or value in _admin1_names(gold))


@lru_cache(maxsize=256)
def _admin1_names(name: str) -> frozenset[str]:
    from orbat.nlp.gazetteer import load_gazetteer

    return frozenset(p.name for p in load_gazetteer().lookup(name) if p.kind == "admin1")


@lru_cache(maxsize=1024)
def _points(name: str, country: str | None) -> tuple[tuple[float, float], ...]:
    from orbat.nlp.gazetteer import load_gazetteer

    places = load_gazetteer().lookup(name)
    return tuple((p.lat, p.lon) for p in places if country is None or p.country == country)


@lru_cache(maxsize=2048)
def _actor_id(name: str) -> str:
    """The pack actor a name means, or the name folded when the pack has no such actor."""
    from orbat.resolve.actors import actor_key, default_resolver

    matches = default_resolver().resolve(name)
    exact = [m for m in matches if m.method in ("exact", "acronym", "key")]
    # ACLED closes a period's label when the government changes ("Military Forces of Yemen
    # (2012-)" became "(2012-2022)"): the label's first year names the actor.
    return exact[0].actor_id if exact else actor_key(_CLOSED_PERIOD.sub(r"(\1-)", name))


_CLOSED_PERIOD = re.compile(r"\((\d{4})-\d{4}\)")


def _actor_ok(gold: str | None, value: str | None) -> bool | None:
    if gold is None:
        return None
    if value is None:
        return False
    return gold == value or _actor_id(gold) == _actor_id(value)


def _score_fields(scores: NewsScores, gold: GoldEvent, event: _Extracted) -> None:
    m = event.first
    checks: dict[str, bool | None] = {
        "event_type": m.event_type == gold.event_type,
        "sub_event_type": m.sub_event_type == gold.sub_event_type,
        "date": _date_ok(gold, m.event_date),
        "town": _place_ok(gold, m),
        "admin1": _admin1_ok(gold.admin1, m.admin1),
        "actor1": _actor_ok(gold.actor1, m.actor1),
        "actor2": _actor_ok(gold.actor2, m.actor2),
        "fatalities": (event.toll == gold.fatalities) if gold.fatalities is not None else None,
    }
    wrong = {}
    for name, ok in checks.items():
        if ok is None:
            continue
        scores.field_totals[name] = scores.field_totals.get(name, 0) + 1
        scores.field_hits[name] = scores.field_hits.get(name, 0) + int(ok)
        if not ok:
            wrong[name] = getattr(gold, {"town": "location", "date": "date"}.get(name, name), None)
    if wrong:
        scores.wrong.append(
            {"doc": gold.doc, "gold": wrong, "got": _describe(gold.doc, event), "quote": gold.quote}
        )
