"""The arithmetic every evaluation shares."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EventScores", "f1_score"]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass
class EventScores:
    """Events against a gold set: required gold events found, extracted events matched, and
    per-field hits on the matched pairs (the founding corpus's and the news gold's scores)."""

    required: int = 0
    found_required: int = 0
    extracted: int = 0
    matched: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)
    field_totals: dict[str, int] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found_required / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def field_accuracy(self) -> dict[str, float]:
        return {
            name: self.field_hits.get(name, 0) / total
            for name, total in sorted(self.field_totals.items())
            if total
        }
