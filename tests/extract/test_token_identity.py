"""Issue 17: loops that climbed a parse compared spaCy tokens with ``is``.

spaCy builds a new ``Token`` wrapper on every access, so ``token.head is token`` is never true:
at a sentence root that is not a verb, a climb "until the root" never ended (one real article
hung every ingest behind it). Each test below builds a parse by hand whose root is a noun and
runs one climbing site over it: it must return, and say what the parse says.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.tokens import Doc

from hang_guard import run_within
from orbat.extract import classify, reactions, roles
from orbat.extract.statements import claims
from orbat.extract.territory import territory_winner

# A blank English vocabulary: its lexical attributes (``lower_``) are filled, unlike a bare Vocab's.
ENGLISH = spacy.blank("en").vocab


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """Fail, instead of hanging the suite, if a climb does not end within 20 s."""
    with run_within(20, "the parse climb did not end"):
        yield


def noun_rooted() -> Doc:
    """ "The storming of its headquarters": a headline with a noun at its root."""
    words = ["The", "storming", "of", "its", "headquarters"]
    return Doc(
        ENGLISH,
        words=words,
        heads=[1, 1, 1, 4, 2],
        deps=["det", "ROOT", "prep", "poss", "pobj"],
        pos=["DET", "NOUN", "ADP", "PRON", "NOUN"],
        tags=["DT", "NN", "IN", "PRP$", "NNS"],
        lemmas=["the", "storming", "of", "its", "headquarters"],
        sent_starts=[True, False, False, False, False],
    )


@pytest.mark.issue(17)
def test_capture_winner_stops_at_a_noun_root() -> None:
    doc = noun_rooted()
    cue = classify.Cue("capture", 1, 2, 4, 12, "storming", 0, "asserted")
    # No actor words at all: government forces are assumed (the documented default).
    assert territory_winner(doc, cue, {}) == "state"


@pytest.mark.issue(17)
def test_main_verb_test_stops_at_a_noun_root() -> None:
    doc = noun_rooted()
    assert classify._is_main(doc[1]) is False


@pytest.mark.issue(17)
def test_governing_verb_is_none_under_a_noun_root() -> None:
    doc = noun_rooted()
    assert reactions.governing_verb(doc[4]) is None


@pytest.mark.issue(17)
def test_role_climb_stops_at_a_noun_root() -> None:
    doc = noun_rooted()
    # "headquarters" hangs off "of" off the root noun: no verb gives it a role.
    assert roles.role(doc[4]) is None


def claim_of(what: str) -> Doc:
    """ "They made a claim of <what>", parsed by hand."""
    words = ["They", "made", "a", "claim", "of", what]
    return Doc(
        ENGLISH,
        words=words,
        heads=[1, 1, 3, 1, 3, 4],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        pos=["PRON", "VERB", "DET", "NOUN", "ADP", "NOUN"],
        lemmas=["they", "make", "a", "claim", "of", what],
    )


@pytest.mark.issue(17)
def test_claim_noun_needs_a_responsibility_word_besides_itself() -> None:
    """The subtree test skipped the trigger by identity, which never held."""
    assert claims._predicate(claim_of("victory")[3]) is None
    assert claims._predicate(claim_of("responsibility")[3]) == "claimed"
