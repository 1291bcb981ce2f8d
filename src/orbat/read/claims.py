"""What the sources and the text assert about an event, in the event page's claim shape: each
source's figure and stance, the contested figures, and the claims read from text (as analysts
reviewed them)."""

from __future__ import annotations

from typing import Any

from orbat.export.statements import statement_review_fields

__all__ = ["event_claims", "statement_claim"]


def event_claims(event: dict[str, Any], sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the sources assert about an event, kept side by side when they disagree.

    Until text-extracted statements are stored, the claims are those the event mentions carry:
    each source's fatality figure and its stance (a denial makes the event contested).
    """
    claims: list[dict[str, Any]] = []
    for s in sources:
        claims.append(
            {
                "kind": "source",
                "event_id": event["id"],
                "property": "fatalities",
                "value": s["fatalities"],
                "stance": s["stance"],
                "asserted_by": s["outlet"],
                "evidence": s["evidence"],
            }
        )
    if event.get("contested"):
        claims.append(
            {
                "kind": "contested",
                "event_id": event["id"],
                "property": "fatalities",
                "value": event.get("fatalities_reported"),
                "stance": "contested",
                "asserted_by": event.get("source"),
                "evidence": None,
            }
        )
    return claims


def statement_claim(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim read from text ("the US denied the strike") in the event page's claim shape."""
    return {
        "kind": "statement",
        "statement_id": claim["statement_id"],
        "event_id": claim["event_id"],
        "property": claim["predicate"],
        "value": claim["object_name"] or claim["object_text"] or None,
        "stance": claim["stance"],
        "asserted_by": claim["speaker_text"] or claim["subject_name"] or claim["subject_text"],
        "evidence": claim["evidence"],
        **statement_review_fields(claim),
    }
