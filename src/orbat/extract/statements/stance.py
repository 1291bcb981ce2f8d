"""How a text stands behind what it states: its own voice, someone's words, or a hedge.

- ``attributed``: the statement sits inside what someone says ("US officials say X is a
  front for Y", "according to Reuters", "..., the PMF said"); the speaker is kept.
- ``alleged``: the text hedges ("reportedly", "suspected", "believed to be", "allegedly").
- ``denied``: the statement is negated or denied ("is not part of", "denied being").
- ``asserted``: none of these; the article states it in its own voice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.extract.arguments import Argument
from orbat.extract.lexicon.rules import pattern, words
from orbat.extract.statements.records import Stance
from orbat.nlp.model import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["HEDGES", "SAY_LEMMAS", "Attribution", "speaker_argument", "stance_for"]

# The words: lexicon/statement_cues.toml ([stance]).
#: Verbs that put the clause they govern in someone's mouth.
SAY_LEMMAS = words("statement_cues.toml", "stance.say_lemmas")
#: Words by which a text distances itself from what it reports.
HEDGES = pattern("statement_cues.toml", "stance.hedges")
_NEGATION = pattern("statement_cues.toml", "stance.negation")
# Dependencies by which a clause hangs under the verb that reports it.
_REPORTED = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "dobj", "conj", "oprd"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker found for a stretch of text: the words, and the argument inside them."""

    text: str
    argument: Argument | None


def speaker_argument(node: Token, arguments: Sequence[Argument]) -> Attribution:
    """The speaker a subject token names: its noun phrase and the argument in it, if any.

    The argument whose span holds the token wins; else the nearest one in its subtree
    (so "US officials" gives the US and "the head of the Hashd" gives the Hashd).
    """
    left, right = node.left_edge.idx, node.right_edge.idx + len(node.right_edge)
    # Cut a relative clause or apposition off the phrase: "Qasem al-Jabbarin, an obscure
    # militia force that ..." speaks as Qasem al-Jabbarin.
    # Nor is "of killing protesters" the speaker's, though the parser hangs it on "rights
    # groups" in "accused by rights groups of killing protesters": it is the accusation.
    for child in node.rights:
        if child.dep_ in ("relcl", "appos", "acl", "punct") or _of_a_deed(child):
            right = min(right, child.left_edge.idx)
            break
    doc_text = text_of(node.doc)
    text = doc_text[left:right].strip(" ,;:")
    holding = [a for a in arguments if a.start <= node.idx < a.end]
    if holding:
        return Attribution(text or holding[0].text, holding[0])
    inside = [a for a in arguments if left <= a.start and a.end <= right]
    if not inside:
        return Attribution(text, None)
    named = [a for a in inside if a.actor_id is not None] or inside
    return Attribution(text, min(named, key=lambda a: abs(a.start - node.idx)))


def _of_a_deed(prep: Token) -> bool:
    """Whether ``prep`` is "of" before a gerund ("of killing", "of carrying out")."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which", "who"):
            return child
        if child.dep_ in ("nsubj",) and child.head.dep_ == "relcl":
            return child.head.head
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            after = token.doc[token.i + 1]
            if after.lower_ == "to":
                objects = [c for c in after.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def stance_for(
    sentence: Span,
    anchor: Token,
    arguments: Sequence[Argument],
    *,
    span: tuple[int, int] | None = None,
    sides: Sequence[Argument] = (),
) -> tuple[Stance, Attribution | None]:
    """The stance of a statement anchored at ``anchor`` (its trigger word) in ``sentence``.

    1. A hedge word in the sentence up to the end of the statement → ``alleged``.
    2. A negation inside the statement's own words (``span``) → ``denied``.
    3. A reporting verb above the anchor, reached through the clause it governs, whose
       subject is not a side of the statement → ``attributed`` to that subject.
    4. "according to X" anywhere in the sentence → ``attributed`` to X.
    Hedged and attributed at once, the speaker is still returned.
    """
    text = text_of(sentence.doc)
    end = span[1] if span else sentence.end_char
    speaker: Attribution | None = None
    # 3.
    child, node = anchor, anchor.head
    for _ in range(8):
        if node is child:
            break
        if node.lemma_ in SAY_LEMMAS and child.dep_ in _REPORTED:
            subject = _subject(node)
            if subject is not None:
                found = speaker_argument(subject, arguments)
                if found.argument is None or found.argument not in sides:
                    speaker = found
                    break
        child, node = node, node.head
    # 4.
    if speaker is None:
        source = _according_to(sentence)
        if source is not None:
            speaker = speaker_argument(source, arguments)
    # 1.
    if HEDGES.search(text[sentence.start_char : end]):
        return "alleged", speaker
    # 2.
    if span is not None and _NEGATION.search(text[span[0] : span[1]]):
        return "denied", speaker
    if speaker is not None:
        return "attributed", speaker
    return "asserted", None
