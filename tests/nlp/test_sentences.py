"""Sentences for extraction: cut at line breaks, stray fragments rejoined."""

from __future__ import annotations

from orbat.nlp.model import load_nlp
from orbat.nlp.sentences import paragraph_of, sentences


def texts(text: str) -> list[str]:
    return [s.text for s in sentences(load_nlp()(text))]


def test_a_stray_full_stop_does_not_cut_the_sentence() -> None:
    # From the founding corpus: the tail "using a drone…" belongs to the assassination attempt.
    text = (
        "On November 7, 2021, a channel published posters accusing the United States of the "
        "attempted assassination of the prime minister, perpetrated That day. using a drone "
        "equipped with explosives."
    )
    found = texts(text)
    assert len(found) == 1 and found[0].endswith("explosives.")


def test_a_line_break_ends_a_sentence() -> None:
    text = (
        "• The PMF bolstered Iraq's security forces during their battle against the militants\n\n"
        "IRBIL: Iraq's Popular Mobilization Forces said it would not remain silent."
    )
    found = texts(text)
    assert found[-2].endswith("militants")
    assert found[-1].startswith("IRBIL:")


def test_offsets_point_into_the_text() -> None:
    text = "Gunmen attacked a checkpoint.\n\nTwo soldiers were killed in the town."
    doc = load_nlp()(text)
    for span in sentences(doc):
        assert text[span.start_char : span.end_char] == span.text
    assert paragraph_of(text, text.index("Two")) == (text.index("Two"), len(text))
