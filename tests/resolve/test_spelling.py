"""Near spellings of theatre places (``orbat.resolve.spelling``)."""

from __future__ import annotations

from orbat.nlp.gazetteer import load_gazetteer
from orbat.resolve.spelling import near_spelling


def test_a_one_letter_slip_finds_the_place() -> None:
    gaz = load_gazetteer()
    key = near_spelling(gaz, "Dayr Az Zayr")
    assert key is not None
    assert {p.admin1 for p in gaz.lookup_key(key)} == {"Deir ez-Zor"}


def test_short_or_distant_names_find_nothing() -> None:
    gaz = load_gazetteer()
    assert near_spelling(gaz, "Homz") is None  # too short to tell a slip from another name
    assert near_spelling(gaz, "Qwertzuiop Plain") is None
