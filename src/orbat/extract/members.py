"""Who "the gunmen" are: a generic descriptor of fighters that the sentence ties to a group.

"Gunmen affiliated with Kataib Hezbollah attacked a liquor store", "fighters from Hayat Tahrir
al-Sham attacked regime positions", "members of the Islamic State killed two shepherds": the
descriptor ("gunmen", "fighters", "members") is the grammatical subject, but the actor ACLED
codes is the group it belongs to. Without this the descriptor becomes an "Unidentified Armed
Group" actor1 and the group is pushed to the associated slot, or read as the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["member_from", "said_to_be", "specified_descriptors"]

# Links from a group's name up to the descriptor it specifies: "fighters from HTS" (prep,
# pobj), "gunmen affiliated with KH" (acl), "militants loyal to ISIS" (amod), and the words
# inside a multi-word name (compound).
_MEMBER_LINKS = frozenset({"prep", "pobj", "pcomp", "acl", "amod", "compound", "appos", "punct"})
# Prepositions that tie members to their group; "gunmen attacked a convoy of KH" never reaches
# the gunmen from KH, so "of" is safe.
_MEMBER_PREPS = frozenset({"of", "from", "with", "to", "within", "among"})


class _Found(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def generic(self) -> bool: ...


def specified_descriptors(sentence: Span, found: Sequence[_Found]) -> set[int]:
    """Indexes into ``found`` of generic descriptors that a named actor in the same sentence
    specifies (the named actor hangs off the descriptor through a membership link)."""
    doc, offset = sentence.doc, sentence.start_char
    roots: list[Token | None] = []
    for actor in found:
        span = doc.char_span(offset + actor.start, offset + actor.end, alignment_mode="expand")
        roots.append(span.root if span is not None else None)
    specified: set[int] = set()
    for i, descriptor in enumerate(found):
        head = roots[i]
        if not descriptor.generic or head is None:
            continue
        for j, named in enumerate(found):
            root = roots[j]
            if named.generic or root is None or root.i == head.i:
                continue
            if _hangs_off(root, head) or _described(root) == head:
                specified.add(i)
                break
    return specified


def said_to_be(token: Token) -> Token | None:
    """The men ``token`` is said to be ("gunmen believed to be members of X": "members", an
    ``attr`` of "be", describes the gunmen), or ``None``."""
    copula = token.head
    if token.dep_ != "attr" or copula.lemma_ != "be" or copula.dep_ != "xcomp":
        return None
    saying = copula.head
    if saying.lemma_.lower() not in _IDENTIFYING or saying.tag_ not in ("VBN", "VBD"):
        return None
    if saying.dep_ == "acl":
        return saying.head
    return next((c for c in saying.children if c.dep_ in ("nsubj", "nsubjpass")), None)


#: Participles that say who unnamed men are thought to be ("believed to be", "said to be").
_IDENTIFYING = frozenset({"believe", "think", "suspect", "say", "report", "understand"})


def _described(token: Token) -> Token | None:
    """The men a group named at ``token`` is said to be: "X" in "gunmen believed to be
    members of X" describes the gunmen."""
    for _ in range(6):
        described = said_to_be(token)
        if described is not None:
            return described
        if token.dep_ not in _MEMBER_LINKS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _hangs_off(token: Token, descriptor: Token) -> bool:
    """Whether ``token`` reaches ``descriptor`` through membership links only."""
    saw_member_prep = False
    for _ in range(6):
        if token.dep_ not in _MEMBER_LINKS or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and token.lower_ in _MEMBER_PREPS:
            saw_member_prep = True
        if token.dep_ in ("acl", "amod", "appos"):
            # "affiliated with", "loyal to": the participle ties them; "an Iran-backed militia,
            # Kataib Hezbollah,": the apposition names the descriptor's group.
            saw_member_prep = True
        token = token.head
        if token.i == descriptor.i:
            return saw_member_prep
    return False


def member_from(token: Token) -> bool:
    """Whether ``token`` is the group of "fighters from HTS" (its members), not what something
    was fired or taken from ("rockets fired from Syria", "weapons seized from ISIS")."""
    prep = token.head
    return prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN")
