"""Score entities and relations on re3d (Dstl's defence-domain gold set).

re3d (``../shared/data/re3d/`` beside the clone, one folder per source with ``documents.json``,
``entities.json`` and ``relations.json``, mongoexport JSON lines) annotates entity spans by type
and relations between them. orbat is scored on:

- **Entities** Organisation, Person, Location: spaCy's NER (ORG → Organisation, PERSON →
  Person, GPE/LOC/FAC → Location), with the pack resolver's actor mentions as Organisation
  (they win over an overlapping spaCy span: "Kataib Hezbollah" is not a person) and the
  gazetteer's place mentions as Location where NER found none.
  re3d's conventions differ from NER's in places: it annotates generic organisations
  ("Iraqi forces", "ISIL fighters", "U.S. service members") and nationalities as their own
  type; a leading "the" is sometimes inside its span. So two scores are reported: *exact*
  (same type, same span once a leading "the" is dropped) and *overlap* (same type,
  overlapping spans; each gold entity matched once).
- **Relations** FightingAgainst → hostile-to, AlliesOf → allied-with, BelongsTo → part-of,
  from the statement extractor's own relation step (:meth:`StatementExtractor.relations_in`).
  A predicted relation matches a gold one of its type when its two sides overlap the gold
  source and target, in either order (re3d's direction is not consistent for these types).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orbat.errors import ConfigError
from orbat.eval.metrics import f1_score

__all__ = [
    "ENTITY_TYPES",
    "PRF",
    "RELATION_TYPES",
    "Document",
    "Re3dScores",
    "load",
    "predict_entities",
    "score",
]

ENTITY_TYPES = ("Organisation", "Person", "Location")
#: re3d relation type → orbat relation predicate.
RELATION_TYPES = {
    "FightingAgainst": "hostile-to",
    "AlliesOf": "allied-with",
    "BelongsTo": "part-of",
}
_NER = {
    "ORG": "Organisation",
    "PERSON": "Person",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
}

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    text: str
    entities: tuple[tuple[int, int, str], ...]  # (begin, end, type)
    relations: tuple[tuple[Span, Span, str], ...]  # (source span, target span, type)


@dataclass
class PRF:
    gold: int = 0
    predicted: int = 0
    correct: int = 0  # predictions that match a gold item
    found: int = 0  # gold items matched

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def add(self, other: PRF) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct
        self.found += other.found


@dataclass
class Re3dScores:
    documents: int = 0
    exact: dict[str, PRF] = field(default_factory=dict)
    overlap: dict[str, PRF] = field(default_factory=dict)
    relations: dict[str, PRF] = field(default_factory=dict)

    @staticmethod
    def micro(scores: dict[str, PRF]) -> PRF:
        total = PRF()
        for value in scores.values():
            total.add(value)
        return total


def _lines(path: Path) -> Iterable[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def load(folder: Path) -> list[Document]:
    """Every document of every source folder under ``folder``, with its gold annotations."""
    sources = sorted(p for p in folder.iterdir() if (p / "documents.json").exists())
    if not sources:
        raise ConfigError(f"no re3d source folders (with documents.json) under {folder}")
    docs = []
    for source in sources:
        entities: dict[str, list[tuple[int, int, str]]] = {}
        for e in _lines(source / "entities.json"):
            entities.setdefault(e["documentId"], []).append((e["begin"], e["end"], e["type"]))
        relations: dict[str, list[tuple[Span, Span, str]]] = {}
        for r in _lines(source / "relations.json"):
            if r["type"] in RELATION_TYPES:
                relations.setdefault(r["documentId"], []).append(
                    (
                        (r["sourceBegin"], r["sourceEnd"]),
                        (r["targetBegin"], r["targetEnd"]),
                        r["type"],
                    )
                )
        for d in _lines(source / "documents.json"):
            docs.append(
                Document(
                    d["_id"],
                    source.name,
                    d["text"],
                    tuple(entities.get(d["_id"], ())),
                    tuple(relations.get(d["_id"], ())),
                )
            )
    return docs


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _without_the(text: str, start: int, end: int) -> Span:
    if text[start:end].casefold().startswith("the "):
        start += 4
    return start, end


# Heads of noun phrases re3d annotates as Organisation ("Iraqi security forces", "ISIL
# tactical units", "the Asad regime", "the international community").
_GROUP_HEADS = frozenset(
    {
        "forces",
        "force",
        "troops",
        "fighters",
        "militants",
        "terrorists",
        "soldiers",
        "units",
        "unit",
        "regime",
        "government",
        "coalition",
        "opposition",
        "community",
        "partners",
        "militia",
        "militias",
        "army",
        "airmen",
        "members",
        "insurgents",
        "rebels",
        "group",
    }
)
# re3d annotates the pronouns that stand for an actor: the speaker ("I", "he") as Person, a
# government or force speaking ("we") as Organisation.
_PRONOUNS = {
    "I": "Person",
    "he": "Person",
    "He": "Person",
    "she": "Person",
    "She": "Person",
    "we": "Organisation",
    "We": "Organisation",
}
# A country doing something ("the United States conducted strikes", "Iraq's forces") is an
# actor to re3d (Organisation); a country as a place is a Location.
_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def predict_entities(
    text: str, doc: Any, mentions: Sequence[Any], places: Sequence[Any]
) -> list[tuple[int, int, str]]:
    """Organisation/Person/Location spans, earlier rules winning over overlapping later ones.

    1. Noun phrases holding an actor mention or headed by a group noun → Organisation.
    2. Actor mentions → Organisation.
    3. NER entities by label; a country that acts (subject, possessor) → Organisation.
    4. Pronouns standing for a person or a government (re3d annotates them).
    5. Gazetteer places → Location.
    """
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int, kind: str) -> None:
        if not any(_overlaps((start, end), (s, e)) for s, e, _ in found):
            found.append((start, end, kind))

    # 1.
    for chunk in doc.noun_chunks:
        span = (chunk.start_char, chunk.end_char)
        head = chunk.root.lower_
        holds = any(span[0] <= m.start and m.end <= span[1] for m in mentions)
        if chunk.root.pos_ != "PRON" and (head in _GROUP_HEADS or (holds and head != "'s")):
            add(*span, "Organisation")
    # 2.
    for m in mentions:
        add(m.start, m.end, "Organisation")
    # 3.
    for ent in doc.ents:
        kind = _NER.get(ent.label_)
        if kind == "Location" and ent.label_ == "GPE" and ent.root.dep_ in _ACTING:
            kind = "Organisation"
        if kind:
            add(ent.start_char, ent.end_char, kind)
    # 4.
    for token in doc:
        pronoun = _PRONOUNS.get(token.text)
        if pronoun:
            add(token.idx, token.idx + len(token), pronoun)
    # 5.
    for place in places:
        add(place.start, place.end, "Location")
    return sorted(found)


def _score_entities(
    text: str,
    gold: Sequence[tuple[int, int, str]],
    predicted: Sequence[tuple[int, int, str]],
    scores: Re3dScores,
) -> None:
    for kind in ENTITY_TYPES:
        g = [(s, e) for s, e, t in gold if t == kind]
        p = [(s, e) for s, e, t in predicted if t == kind]
        exact = scores.exact.setdefault(kind, PRF())
        gold_exact = {_without_the(text, s, e) for s, e in g}
        pred_exact = {_without_the(text, s, e) for s, e in p}
        exact.gold += len(gold_exact)
        exact.predicted += len(pred_exact)
        exact.correct += len(gold_exact & pred_exact)
        exact.found += len(gold_exact & pred_exact)
        loose = scores.overlap.setdefault(kind, PRF())
        loose.gold += len(g)
        loose.predicted += len(p)
        used: set[int] = set()
        for span in p:
            hit = next((i for i, gs in enumerate(g) if i not in used and _overlaps(span, gs)), None)
            if hit is not None:
                used.add(hit)
                loose.correct += 1
        loose.found += len(used)


def _score_relations(document: Document, predicted: Sequence[Any], scores: Re3dScores) -> None:
    for kind, predicate in RELATION_TYPES.items():
        gold = [(s, t) for s, t, k in document.relations if k == kind]
        # The same pair stated twice in a sentence counts once.
        pairs = {
            ((h.subject.start, h.subject.end), (h.object.start, h.object.end))
            for h in predicted
            if h.predicate == predicate
        }
        prf = scores.relations.setdefault(kind, PRF())
        prf.gold += len(gold)
        prf.predicted += len(pairs)
        used: set[int] = set()
        for a, b in pairs:
            hit = next(
                (
                    i
                    for i, (s, t) in enumerate(gold)
                    if i not in used
                    and (
                        (_overlaps(a, s) and _overlaps(b, t))
                        or (_overlaps(a, t) and _overlaps(b, s))
                    )
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                prf.correct += 1
        prf.found += len(used)


def score(documents: Sequence[Document]) -> Re3dScores:
    """Entity and relation scores of orbat over ``documents``."""
    from orbat.extract.statements import StatementExtractor
    from orbat.nlp.gazetteer import load_gazetteer
    from orbat.resolve.places import resolve_places

    extractor = StatementExtractor()
    gazetteer = load_gazetteer()
    scores = Re3dScores()
    for document in documents:
        text = document.text
        doc, arguments = extractor.arguments(text)
        mentions = [a for a in arguments if a.label == "ACTOR"]
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ == "PERSON"]
        places = resolve_places(text, gazetteer=gazetteer, entities=entities)
        _score_entities(
            text, document.entities, predict_entities(text, doc, mentions, places), scores
        )
        _score_relations(document, extractor.relations_in(text), scores)
        scores.documents += 1
    return scores
