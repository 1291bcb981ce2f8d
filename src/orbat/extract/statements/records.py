"""Moved to :mod:`orbat.records.statements` (the base layer, so that ``store`` need not import
``extract``); these names stay importable from here for the extractors' modules."""

from orbat.records.statements import (
    CLAIM_PREDICATES,
    RELATION_PREDICATES,
    STANCES,
    CandidateActor,
    ClaimPredicate,
    MentionRecord,
    RelationPredicate,
    Stance,
    Statement,
    candidate_id,
)

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
