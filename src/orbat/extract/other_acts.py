"""A clause that tells another act than its sentence's: "At least 10 rockets struck Ain
al-Asad air base on Wednesday, days after American strikes killed militia members along the
Syrian border"; "…, in retaliation for a rocket attack in Erbil on Feb. 15 that killed a
contractor".

The clause's weapon, actors, toll and date belong to that other act: the sentence's own event
is read from the words before it. The clause is read as a sentence of its own when it dates
the other act ("…, in retaliation for a poison gas attack in the town of Douma on April 7"),
which may then be an event; undated ("days after American strikes killed militia members"),
it is background.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from orbat.extract.classify import EventClassifier

__all__ = ["ANOTHER_ACT", "split_other_act"]

#: The start of a clause that dates or motivates the sentence's act by another one.
ANOTHER_ACT = re.compile(
    r"\b(?:(?:(?:just|only)\s+)?(?:(?:a|one|two|three|four|five|several|a\s+few|few|\d+)\s+)?"
    r"(?:days?|hours?|weeks?)\s+(?:after|before)"
    r"|in\s+(?:retaliation|response|revenge|reprisal)\s+(?:for|to))\b",
    re.I,
)
# Set off by a comma or a dash from what the sentence itself tells.
_SET_OFF = re.compile(r"[,;—–-]\s*$")


def split_other_act(sentence: Span, classifier: EventClassifier) -> list[Span]:
    """``sentence`` cut before a clause set off by a comma that tells another act: the part
    before it, and the clause itself when it names a date; the whole sentence when there is
    no such clause, or when the part before it tells no act of its own ("Two soldiers
    succumbed to their wounds on Tuesday, a day after a car bomb attack": the deaths are
    that attack's)."""
    text = sentence.text
    at_once = _AT_ONCE.search(text)
    if at_once is not None:
        parts = _acts_at_once(sentence, at_once.start(), at_once.end(), classifier)
        if parts:
            return parts
    for match in ANOTHER_ACT.finditer(text):
        if not _SET_OFF.search(text[: match.start()]):
            continue
        cut = sentence.char_span(0, match.start(), alignment_mode="contract")
        if cut is None or not any(t.pos_ in ("VERB", "AUX") for t in cut):
            continue
        doc = sentence.doc
        end = cut.end
        while end > sentence.start and doc[end - 1].is_punct:
            end -= 1
        main, rest = doc[sentence.start : end], doc[cut.end : sentence.end]
        if classifier.classify(main) is None:
            return [sentence]
        after = sentence.start_char + match.end()  # not "days" of "days after" itself
        dated = any(e.label_ == "DATE" and e.start_char >= after for e in sentence.ents)
        return [main, rest] if dated else [main]
    return [sentence]


# "Syrian and Russian air strikes targeted rebel-held areas in Aleppo province, killing
# several people, as rebels captured a village in Homs province": two acts at one time.
# (", while" is the two-act reading's of extract/clauses, which keeps "the area" placed.)
_AT_ONCE = re.compile(r",\s+as\s+", re.I)


def _acts_at_once(
    sentence: Span, comma: int, after: int, classifier: EventClassifier
) -> list[Span]:
    """The two parts of ``sentence`` around ", as" (``comma``, ``after``: offsets in
    the sentence) when each tells an act of its own, the second with a subject and a past
    verb of its own; else nothing."""
    doc, start = sentence.doc, sentence.start_char
    main = doc.char_span(start, start + comma, alignment_mode="contract")
    rest = doc.char_span(start + after, sentence.end_char, alignment_mode="contract")
    if main is None or rest is None:
        return []
    told = any(
        t.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.i >= rest.start for c in t.children)
        for t in rest
    )
    if not told or not all(_acts(part, classifier) for part in (main, rest)):
        return []
    return [main, rest]


def _acts(part: Span, classifier: EventClassifier) -> bool:
    """Whether ``part`` tells an act by a verb ("air strikes have targeted", "rebels captured"),
    not only names a weapon ("F-16 jet fighters arrived")."""
    verbs = [
        c
        for c in classifier.cues(part)
        if c.label.startswith(("cue:", "ctx:attack_verbs", "ctx:territory_capture"))
        and not c.label.endswith(":weak")  # "arrived" may be a deployment, or a delivery
        and part.doc[c.start].pos_ == "VERB"
    ]
    return bool(verbs) and classifier.classify(part) is not None
