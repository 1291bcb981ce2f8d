"""Words about an event rather than its report: what somebody describes or reacts to.

"described the impending move as an attack on sovereignty", "His detention was condemned by
civil rights groups": the sentence reports the words, not the act. Yet a government's
condemnation of a particular attack ("condemns the terrorist attack on a mosque in Quetta
today") tells of the attack, and is often the only report of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["characterised", "governing_verb"]

# Verbs of describing or reacting to something ("described the move as", "was condemned").
_REACTION_VERBS = frozenset(
    {
        "describe",
        "term",
        "label",
        "characterize",
        "characterise",
        "dub",
        "condemn",
        "denounce",
        "criticize",
        "criticise",
        "welcome",
        "praise",
        "decry",
    }
)


def characterised(token: Token) -> bool:
    """Whether an event word is what somebody describes or reacts to ("described the
    impending move as …", "His detention was condemned by civil rights groups"): the
    sentence reports the words about it, not the event."""
    verb = governing_verb(token)
    return (
        verb is not None
        and token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("dobj", "nsubjpass")
        and verb.lemma_.lower() in _REACTION_VERBS
        # "condemns the terrorist attack on a mosque in Quetta today": a government's
        # condemnation tells of the attack it condemns (often the only report of it), where
        # the attack is a particular one: its own place or day.
        and not (verb.lemma_.lower() in _CONDEMNING and _particular(token))
    )


_CONDEMNING = frozenset({"condemn", "denounce", "decry"})


def _particular(act: Token) -> bool:
    """Whether the act a noun names is a particular one: "the attack in Kabul yesterday",
    "today's bombing", "the attack on a mosque in Quetta" (a place or a day in its phrase)."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in act.subtree)


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the parse."""
    node = token
    for _ in range(12):
        # "including" heads a list like a preposition: the verb above it governs the list.
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "prep"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None
