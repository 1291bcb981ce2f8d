"""The arithmetic every evaluation shares."""

from __future__ import annotations

__all__ = ["f1_score"]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
