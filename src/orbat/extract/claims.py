"""Claims in a sentence: who claimed, denied, accused, threatened or reported what.

A claim is read from the dependency parse: a trigger word (a verb such as "denied",
"accused", "threatened", or a noun such as "accusation", "denials"), its speaker (the verb's
subject, the noun's "by" phrase, or the subject of the clause a participle hangs from) and
its target (the first argument in what the trigger governs). Negated triggers ("No group
claimed responsibility", "without claiming responsibility") state no claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.extract.arguments import Argument
from orbat.extract.stance import Attribution, speaker_argument

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ClaimHit", "find_claims"]

_DENY = frozenset({"deny", "refute", "reject", "dismiss", "disavow", "contradict", "disown"})
_ACCUSE = frozenset({"accuse", "blame", "charge"})
_THREATEN = frozenset({"threaten", "vow", "pledge"})
_REPORT = frozenset({"report", "reveal", "allege", "quote", "claim", "cite"})
_NOUNS = {
    "denial": "denied",
    "accusation": "accused",
    "allegation": "accused",
    "threat": "threatened",
    "claim": "claimed",
}
# What a threat must be about to count ("vowed to attack", not "vowed to help").
_HOSTILE = frozenset(
    {
        "attack",
        "strike",
        "target",
        "kill",
        "avenge",
        "retaliate",
        "revenge",
        "liquidate",
        "destroy",
        "expel",
        "fight",
        "bomb",
        "hit",
        "vengeance",
        "war",
        "respond",
        "quiet",
        "silent",
    }
)
_RESPONSIBILITY = frozenset({"responsibility", "credit"})
_PRONOUN = re.compile(r"^(?:he|she|it|they|this|that|these|those|we|i|you)$", re.I)


@dataclass(frozen=True, slots=True)
class ClaimHit:
    """One claim: predicate, speaker (words and argument), target argument, trigger token."""

    predicate: str
    speaker: Attribution
    target: Argument | None
    trigger: Token


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.i > 0 and token.doc[token.i - 1].lower_ in ("without", "never", "not"):
        return True
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(any(d.lower_ in ("no", "none") for d in s.subtree) for s in subjects)


def _speaker_node(trigger: Token) -> Token | None:
    """The token naming who makes the claim (see the module docstring)."""
    node = trigger
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which"):
                return child
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if node.pos_ in ("NOUN", "PROPN") and node is not trigger:
            for child in node.children:
                if child.dep_ == "poss":
                    return child
            if node.dep_ not in ("dobj", "pobj", "attr"):
                return node
        if node.dep_ in ("acl", "advcl", "xcomp", "conj", "relcl", "pcomp", "dobj", "pobj", "prep"):
            node = node.head
            continue
        if node.pos_ == "NOUN" and node is trigger:
            for child in node.children:
                if child.dep_ == "poss":
                    return child
            node = node.head
            continue
        break
    return None


def _target(trigger: Token, arguments: Sequence[Argument], speaker: Attribution) -> Argument | None:
    """The first named argument in what the trigger governs, other than the speaker."""
    spans = []
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "agent", "det"):
            continue
        if child.dep_ == "prep" and child.lower_ == "by":
            continue
        spans.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    found = [
        a
        for a in arguments
        if any(s <= a.start and a.end <= e for s, e in spans)
        and a is not speaker.argument
        and not (
            speaker.argument is not None
            and a.actor_id == speaker.argument.actor_id
            and a.actor_id is not None
        )
    ]
    # An actor the pack names beats a country word ("Reuters quoted Syrian sources that said
    # pro-Iran groups had crossed": the report is about the groups).
    actors = [a for a in found if a.label == "ACTOR"]
    named = actors or [a for a in found if a.actor_id is not None]
    ranked = named or [a for a in found if a.label in ("ORG", "GPE")]
    return min(ranked, key=lambda a: a.start) if ranked else None


def _predicate(token: Token) -> str | None:
    lemma = token.lemma_.casefold()
    if token.pos_ in ("VERB", "AUX") or token.dep_ in ("ROOT", "acl", "advcl", "xcomp", "relcl"):
        if lemma in ("claim", "take", "admit", "bear", "assume") and any(
            t.lower_ in _RESPONSIBILITY for t in token.subtree if abs(t.i - token.i) <= 4
        ):
            return "claimed"
        if lemma in _DENY:
            return "denied"
        if lemma in _ACCUSE:
            return "accused"
        if lemma in _THREATEN:
            hostile = any(t.lemma_.casefold() in _HOSTILE for t in token.subtree if t is not token)
            return "threatened" if lemma == "threaten" or hostile else None
        if lemma in _REPORT and any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            return "reported"
    if token.pos_ == "NOUN":
        predicate = _NOUNS.get(lemma)
        if predicate == "claimed" and not any(
            t.lower_ in _RESPONSIBILITY for t in token.subtree if t is not token
        ):
            return None
        return predicate
    return None


def find_claims(sentence: Span, arguments: Sequence[Argument]) -> list[ClaimHit]:
    """Claims stated in one parsed sentence.

    1. Find trigger words; drop negated ones.
    2. Find the speaker; a claim nobody makes (no subject found) is dropped, except a denial
       or accusation whose speaker is only implied (kept with empty speaker words).
    3. Find the target; "reported" needs a named target (else it is only speech), and
       "according to X" reports what the sentence says about its first other actor.
    """
    inside = [a for a in arguments if sentence.start_char <= a.start and a.end <= sentence.end_char]
    hits: list[ClaimHit] = []
    for token in sentence:
        # 1.
        predicate = _predicate(token)
        if predicate is None or _negated(token):
            continue
        # 2.
        node = _speaker_node(token)
        speaker = speaker_argument(node, inside) if node is not None else Attribution("", None)
        if node is None and predicate in ("claimed", "threatened", "reported"):
            continue
        if predicate in ("denied", "reported") and _PRONOUN.match(speaker.text or "it"):
            continue  # "This is despite denials", "he denied": nobody to attribute it to
        # 3.
        target = _target(token, inside, speaker)
        if predicate == "reported" and (target is None or target.label != "ACTOR"):
            continue
        hits.append(ClaimHit(predicate, speaker, target, token))
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            sources = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ != "to" or not sources:
                continue
            speaker = speaker_argument(sources[0], inside)
            others = [
                a
                for a in inside
                if a.actor_id is not None
                and a is not speaker.argument
                and not (
                    sources[0].left_edge.idx <= a.start < to.doc[sources[0].right_edge.i].idx + 1
                )
            ]
            if others and not any(h.predicate == "reported" for h in hits):
                hits.append(ClaimHit("reported", speaker, others[0], token))
    return hits
