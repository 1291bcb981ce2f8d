"""Statements about actors found in text: who is mentioned, who belongs to whom, who says what.

These records are the contract between the statement extractor (relations, claims, discovery of
unknown groups), the store (:mod:`orbat.store.statements`) and every reader (CLI, exports, web).
Like an :class:`~orbat.extract.records.EventRecord`, each carries the evidence span it was read
from; the extractor version is recorded when it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from orbat.packs import RELATION_TYPES, ActorKind, RelationType
from orbat.records.events import Evidence

__all__ = [
    "CLAIM_PREDICATES",
    "RELATION_PREDICATES",
    "STANCES",
    "CandidateActor",
    "ClaimPredicate",
    "MentionRecord",
    "RelationPredicate",
    "Stance",
    "Statement",
    "candidate_id",
]

# Relations read from text use the pack's relation types, so text and pack line up.
RelationPredicate = RelationType
RELATION_PREDICATES: tuple[str, ...] = RELATION_TYPES

# What a speaker says about an event or an actor.
ClaimPredicate = Literal["claimed", "denied", "accused", "threatened", "reported"]
CLAIM_PREDICATES: tuple[str, ...] = ClaimPredicate.__args__  # type: ignore[attr-defined]

# How the text stands behind the statement: said in the article's own voice ("asserted"), put in
# someone's mouth ("attributed": "according to the PMF"), hedged ("alleged": "reportedly",
# "suspected"), or rejected ("denied").
Stance = Literal["asserted", "attributed", "alleged", "denied"]
STANCES: tuple[str, ...] = Stance.__args__  # type: ignore[attr-defined]


def candidate_id(name: str) -> str:
    """The id a discovered, not-yet-reviewed actor gets: ``candidate:<slug of its name>``."""
    slug = "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())
    return f"candidate:{slug}"


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A span of text that names an actor (a pack id, or a ``candidate:`` id)."""

    actor_id: str
    surface: str
    score: float
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Statement:
    """``subject --predicate--> object`` as one sentence states it.

    ``kind`` is ``relation`` (predicate from :data:`RELATION_PREDICATES`) or ``claim``
    (predicate from :data:`CLAIM_PREDICATES`; the subject is the speaker, the object the actor
    the claim is about, if any, and ``event_id`` the stored event it concerns, once linked).
    Ids are pack or candidate ids; ``None`` when the text names something the resolver could
    not place, with the words kept in the ``*_text`` fields.
    """

    kind: Literal["relation", "claim"]
    predicate: str
    subject_id: str | None
    subject_text: str
    object_id: str | None
    object_text: str
    stance: Stance
    evidence: Evidence
    speaker_id: str | None = None  # who the statement is attributed to, when not the article
    speaker_text: str = ""
    statement_date: date | None = None
    event_id: int | None = None


@dataclass(frozen=True, slots=True)
class CandidateActor:
    """An armed group the pack does not know, found in text; kept for an analyst's review."""

    id: str  # candidate_id(name)
    name: str
    kind: ActorKind
    country: str | None
    evidence: Evidence
