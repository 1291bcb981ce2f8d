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

__all__ = ["BRIEF_SENTENCES", "news_lead"]

_PRESENT = frozenset({"VBZ", "VBP"})
#: The most sentences a brief has: a wire flash, a digest line, a Telegram post (read here
#: and by :func:`orbat.extract.events.reading.leads_a_brief`).
BRIEF_SENTENCES = 3
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
    if verb.tag_ in _PRESENT and any(
        c.dep_ == "nsubj" and _counted_or_indefinite(c) for c in verb.children
    ):
        return True
    return _leads_a_flash(sentence)


def _leads_a_flash(sentence: Span) -> bool:
    """Whether ``sentence`` opens a text of at most three sentences (a wire flash, a Telegram
    post: "Syria: Turkish drone hits SDF checkpoint in Qamishli countryside, 3 dead") with a
    verb in the headline's present whose subject is one thing ("drone hits", "strike
    targets"): such a text reports a happening, while a class acts in the plural ("militias
    attack convoys")."""
    doc = sentence.doc
    # (Only blanks before it: a hashtag read as its word leaves a space, "#Iraq: Drone …".)
    opens = all(t.is_space for t in doc[: sentence.start])
    if not opens or sum(1 for s in doc.sents if s.text.strip()) > BRIEF_SENTENCES:
        return False
    # The main verb, or one hung on a "Syria:" label the parser took for the root; not one
    # of a clause beside it ("… are on their way as Turkey continues to deploy …").
    root = reported_verb(sentence)
    verbs = [root, *(c for c in root.children if c.dep_ in _LABELLED and root.pos_ != "VERB")]
    return _noun_flash(sentence) or any(
        t.tag_ == "VBZ"
        and t.lemma_.lower() not in _TELLING
        and any(_one_thing(c, t) for c in t.children)
        for t in verbs
    )


def _noun_flash(sentence: Span) -> bool:
    """Whether ``sentence`` is a flash with no verb at all, an act named by its noun ("Israeli
    strikes on Hezbollah positions near al-Qusayr", "Clashes between SNA factions and the
    SDF on the Manbij front overnight")."""
    # (The act's noun heads the sentence, or hangs on a leading emoji the parser made root.)
    heads = [
        t for t in sentence if t.dep_ == "ROOT" or (t.head.dep_ == "ROOT" and not t.head.is_alpha)
    ]
    return any(t.lemma_.lower() in _ACT_NOUNS for t in heads) and not any(
        t.pos_ in ("VERB", "AUX") for t in sentence
    )


def _one_thing(child: Token, verb: Token) -> bool:
    """Whether ``child`` is a singular subject of ``verb`` (or the noun before it the small
    parser hangs on it as a compound: "Drone strike targets")."""
    subject = child.dep_ == "nsubj" or (child.dep_ == "compound" and child.i < verb.i)
    return subject and child.tag_ in ("NN", "NNP")


_LABELLED = frozenset({"acl", "appos", "dep", "parataxis"})
_ACT_NOUNS = frozenset(
    {"clash", "clashes", "strike", "strikes", "airstrike", "airstrikes", "attack", "explosion",
     "blast", "shelling", "bombardment", "fighting", "raid", "ambush", "bombing"}
)  # fmt: skip
# Verbs that show or tell rather than act: "The poster depicts soldiers lying dead".
_TELLING = frozenset({"depict", "show", "feature", "describe", "portray", "say", "report"})


def _counted_or_indefinite(subject: Token) -> bool:
    return any(
        d.dep_ == "nummod" or (d.dep_ == "det" and d.lower_ in _ONE_OF) for d in subject.children
    )
