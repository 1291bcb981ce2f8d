"""Does a sentence report something that happened, or talk about violence in general?

The classifier says what kind of event a sentence would be; these checks decide whether the
sentence reports one at all. ACLED codes discrete happenings at a place and time, not
patterns, tallies over a period, pledges, calls to act or somebody's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["reports_an_occurrence"]

# Habitual or generic statements describe a pattern, not an event.
_HABITUAL = re.compile(
    r"\b(long|regularly|repeatedly|routinely|typically|often|usually|frequently|increasingly|"
    r"continue[sd]? to|have been|has been \w+ing)\b",
    re.I,
)
_QUOTE_MARKS = frozenset("\"“”'‘’«")
# A main verb of intent or exhortation: "pledged that his government would hold…
# accountable", "urged militias to step up their attacks". What is promised or urged has
# not happened.
_INTENT_ROOTS = frozenset(
    {"pledge", "vow", "promise", "urge", "call", "warn", "threaten", "demand", "appeal"}
)
# A tally over a period ("81 assassination attempts since October 2019", "130 strikes since
# March", "1,300 killed since Thursday in a wave of violence") sums many events; ACLED codes
# each one from its own report, never the total.
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SINCE_PERIOD = re.compile(
    rf"\bsince\s+(?:(?:early|mid|late|the start of|the beginning of)[- ]?\s*)?"
    rf"(?:{_MONTHS}|{_WEEKDAYS}|\d{{4}}\b|last\s+(?:week|month|year))",
    re.I,
)
_JUDICIAL = re.compile(
    r"\b(?:sentenced|convicted|acquitted|indicted)\b(?:\s+\w+){0,4}?\s+(?:by\s+)?(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:court|judge|tribunal)|\b(?:court|judge|tribunal)\b[^.]{0,60}?"
    r"\b(?:sentenced|convicted|acquitted)\b",
    re.I,
)
_TALLY = re.compile(r"\b(?:total(?:\s+number)?|tally|in all|cumulative)\b", re.I)
# "On two occasions this year, the administration has ordered strikes": several happenings.
_OCCASIONS = re.compile(
    r"\b(?:on|in)\s+(?:two|three|four|five|several|multiple|many|numerous|\d+)\s+"
    r"(?:occasions|separate\s+(?:incidents|occasions))\b",
    re.I,
)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?\w+(?:ed|en|wn)\b", re.I)


def reports_an_occurrence(
    sentence: Span, sub_event_type: str | None = None, cue_starts: Sequence[int] = ()
) -> bool:
    """An event report is told in the past (``killed``, ``was attacked``, ``have been
    killed``), by the reporter, about one happening: not a habit ("have long targeted"), a
    quotation, a pledge or call, a tally over a period, or a court's sentence (ACLED codes
    the arrest, not the trial).
    """
    text = sentence.text
    if sub_event_type == "Arrests" and _JUDICIAL.search(text):
        return False
    if _HABITUAL.search(text) and not any(t.like_num for t in sentence):
        return False
    if text.lstrip()[:1] in _QUOTE_MARKS:
        # A sentence that opens with a quotation is somebody's words (a slogan, a poster's
        # caption, a spokesman), not the reporter's account of what happened.
        return False
    if cue_starts and all(_quoted(text, at - sentence.start_char) for at in cue_starts):
        # The event words are all inside a quotation: somebody's words ("an expert said:
        # “What the Russians need in Ukraine right now are missiles.”"), not the report.
        return False
    if sentence.root.lemma_.lower() in _INTENT_ROOTS:
        return False
    if is_tally(text):
        return False
    return any(t.tag_ in ("VBD", "VBN") for t in sentence)


def _quoted(text: str, at: int) -> bool:
    """Whether character ``at`` of ``text`` lies inside a quotation (curly or straight)."""
    before = text[:at]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def is_tally(text: str) -> bool:
    """A count of events or victims summed over a period rather than one happening."""
    if _OCCASIONS.search(text):
        return True
    since = _SINCE_PERIOD.search(text)
    return bool(since and (_PERFECT.search(text) or _TALLY.search(text)))
