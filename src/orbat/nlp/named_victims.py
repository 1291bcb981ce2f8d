"""The dead a text names rather than counts: "a drone strike killed Abu Baqir al-Saadi, a senior
commander of Kataib Hezbollah, and two others" is three dead, though no figure says three.

Targeted killings are reported by the victim's name. The phrase patterns of
:mod:`orbat.nlp.numbers` read figures; this reads a person the tagger found as the object of
a killing verb ("killed X", "assassinated X") or its passive subject ("X was killed"), and the
"and N others" that follows the name and its apposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.nlp.casualty_phrases import _QTY, _quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["NamedVictim", "named_victims"]

_KILLING = frozenset({"kill", "assassinate", "execute", "behead", "murder", "slay"})
# After the name: its apposition (", a senior commander of Kataib Hezbollah,") and the others
# killed with it.
_OTHERS = re.compile(
    rf"(?:\s*,[^,.;]{{1,90}},)?\s*,?\s+and\s+(?P<q>{_QTY}|an?|one)\s+others?\b", re.I
)


@dataclass(frozen=True, slots=True)
class NamedVictim:
    """A killing whose dead the text names: where, and how many (the name and its others)."""

    start: int
    end: int
    count: int


def named_victims(text: str, doc: Doc) -> list[NamedVictim]:
    """Every person named as killed in ``doc`` (a parse of ``text``), with the others killed
    with them."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.text.isupper() or not _killed(ent):
            # (A name in capitals is a dateline's city the tagger took for a person:
            # "KIRKUK, Iraq - An Iraqi army officer and a soldier were killed".)
            continue
        count, end = 1, ent.end_char
        others = _OTHERS.match(text, ent.end_char)
        if others is not None:
            q = others["q"].lower()
            count += 1 if q in ("a", "an", "one") else _quantity(others["q"])[0]
            end = others.end()
        verb = ent.root.head
        out.append(NamedVictim(min(verb.idx, ent.start_char), end, count))
    return out


def _killed(ent: Span) -> bool:
    root = ent.root
    if root.dep_ in ("appos", "compound") and root.head.dep_ in ("dobj", "nsubjpass"):
        root = root.head  # "assassinated the activist Hisham al-Hashimi": the title's verb
    return root.dep_ in ("dobj", "nsubjpass") and _kills(root.head)


def _kills(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    # "shot dead the journalist Ahmed Abdul Samad"
    return lemma in _KILLING or (
        lemma == "shoot" and any(c.lower_ == "dead" for c in verb.children)
    )
