"""Score the relations and claims extracted from the founding corpus against the hand gold."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, select

from orbat.errors import ConfigError
from orbat.eval.metrics import f1_score
from orbat.store.schema import documents, statements

__all__ = [
    "GoldStatement",
    "KindScores",
    "StatementScores",
    "load_gold",
    "run_statement_eval",
    "score_statements",
]


@dataclass(frozen=True)
class GoldStatement:
    file: str
    title: str | None
    quote: str
    kind: str
    predicate: str
    subject: str | None
    object: str | None
    stance: str
    optional: bool


def load_gold() -> tuple[list[tuple[str, str | None]], list[GoldStatement]]:
    """The annotated articles ``(file, title piece)`` and their gold statements."""
    path = resources.files("orbat.eval") / "gold" / "seed_statements.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = [(str(d["file"]), d.get("title")) for d in data["documents"]]
    gold = [
        GoldStatement(
            file=str(item["file"]),
            title=item.get("title"),
            quote=item["quote"],
            kind=item["kind"],
            predicate=item["predicate"],
            subject=item.get("subject"),
            object=item.get("object"),
            stance=item["stance"],
            optional=bool(item.get("optional", False)),
        )
        for item in data["statements"]
    ]
    return docs, gold


@dataclass
class KindScores:
    required: int = 0
    found: int = 0
    extracted: int = 0
    matched: int = 0
    stance_hits: int = 0
    missed: list[GoldStatement] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    @property
    def stance_accuracy(self) -> float:
        return self.stance_hits / self.matched if self.matched else 0.0


@dataclass
class StatementScores:
    by_kind: dict[str, KindScores] = field(default_factory=dict)

    def kind(self, name: str) -> KindScores:
        return self.by_kind.setdefault(name, KindScores())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def _doc_ids(rows: list[Any], file: str, title: str | None) -> list[int]:
    return [
        r.id
        for r in rows
        if Path(r.origin).name.startswith(file)
        and ((r.title is None) if title is None else title in (r.title or ""))
    ]


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at < 0:
        # Typographic quotes and spacing may differ from the YAML; compare normalised.
        plain = _norm(text)
        at_plain = plain.find(_norm(quote))
        if at_plain < 0:
            return None
        # Map back approximately: good enough to test overlap with a sentence span.
        ratio = len(text) / max(len(plain), 1)
        return int(at_plain * ratio), int((at_plain + len(quote)) * ratio)
    return at, at + len(quote)


def _matches(gold: GoldStatement, span: tuple[int, int], row: Any) -> bool:
    return (
        row.kind == gold.kind
        and row.predicate == gold.predicate
        and row.char_start < span[1]
        and span[0] < row.char_end
        and (gold.subject is None or row.subject_id == gold.subject)
        and (gold.object is None or row.object_id == gold.object)
    )


def score_statements(engine: Engine) -> StatementScores:
    """Match extracted statements of the annotated articles one-to-one to the gold.

    A gold statement is found by an extracted one of the same kind and predicate whose
    evidence sentence overlaps the gold quote and whose sides are the gold's actors (a null
    gold side matches any). Precision counts extracted statements of the annotated articles
    that match a gold statement (optional ones included); recall counts required ones found.
    """
    annotated, gold = load_gold()
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                select(documents.c.id, documents.c.origin, documents.c.title, documents.c.text)
            )
        )
        found = list(conn.execute(select(statements).order_by(statements.c.id)))
    texts = {r.id: r.text for r in rows}
    doc_ids = {d for file, title in annotated for d in _doc_ids(rows, file, title)}
    scores = StatementScores()
    used: set[int] = set()
    for item in sorted(gold, key=lambda g: g.optional):
        kind = scores.kind(item.kind)
        if not item.optional:
            kind.required += 1
        hit = None
        for doc_id in _doc_ids(rows, item.file, item.title):
            span = _quote_span(texts[doc_id], item.quote)
            if span is None:
                raise ConfigError(f"gold quote not in its article: {item.quote!r}")
            hit = next(
                (
                    r
                    for r in found
                    if r.document_id == doc_id and r.id not in used and _matches(item, span, r)
                ),
                None,
            )
            if hit is not None:
                break
        if hit is None:
            if not item.optional:
                kind.missed.append(item)
            continue
        used.add(hit.id)
        if not item.optional:
            kind.found += 1
        kind.stance_hits += int(hit.stance == item.stance)
    for row in found:
        if row.document_id not in doc_ids:
            continue
        kind = scores.kind(row.kind)
        kind.extracted += 1
        if row.id in used:
            kind.matched += 1
        else:
            kind.spurious.append(
                {
                    "predicate": row.predicate,
                    "subject": row.subject_id or row.subject_text,
                    "object": row.object_id or row.object_text,
                    "quote": row.quote,
                }
            )
    return scores


def run_statement_eval(db: str = ":memory:") -> StatementScores:
    """Ingest the founding corpus into ``db``, extract events and statements, and score."""
    from orbat.pipeline import Pipeline
    from orbat.resources import example_corpus

    pipeline = Pipeline(db)
    pipeline.run([str(example_corpus())])  # what `orbat ingest` runs: events and statements
    return score_statements(pipeline.engine)
