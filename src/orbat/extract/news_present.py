"""The news present: a report's lead may tell its happening in the present tense ("Two
suicide bombers blow themselves up in a mosque in Sanaa, reports say"), as headlines do.
Present tense otherwise tells a habit or a state ("militias attack convoys"), so the lead is
read as a report only where the news present is unambiguous."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orbat.extract.roles import reported_verb
from orbat.nlp.model import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["news_lead"]

_PRESENT = frozenset({"VBZ", "VBP"})
_ONE_OF = frozenset({"a", "an"})


def news_lead(sentence: Span) -> bool:
    """Whether ``sentence`` opens its paragraph and tells one happening in the present: the
    (reported) verb is a simple present whose subject is counted or indefinite ("two suicide
    bombers blow themselves up", "a car bomb kills five"), not a bare plural of a class
    ("militias attack convoys")."""
    text = text_of(sentence.doc)
    paragraph = text.rfind("\n", 0, sentence.start_char) + 1
    if text[paragraph : sentence.start_char].strip():
        return False
    verb = reported_verb(sentence)
    return verb.tag_ in _PRESENT and any(
        c.dep_ == "nsubj" and _counted_or_indefinite(c) for c in verb.children
    )


def _counted_or_indefinite(subject: Token) -> bool:
    return any(
        d.dep_ == "nummod" or (d.dep_ == "det" and d.lower_ in _ONE_OF) for d in subject.children
    )
