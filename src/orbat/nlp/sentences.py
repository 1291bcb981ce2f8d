"""Sentences for event extraction: spaCy's, cut at line breaks and with stray fragments rejoined.

spaCy's parser learned sentence breaks from edited prose. News copied from the web breaks
that in two ways that both cost events:

* a bullet or a headline line without a final full stop runs into the next paragraph
  ("…victory against the militants  IRBIL: Iraq's Popular Mobilization Forces said…"), so
  the lead sentence carries another paragraph's words. A line break always ends a sentence.
* a stray full stop cuts a sentence in two ("…perpetrated That day. using a drone equipped
  with explosives."): the tail starts in lower case, which a real sentence never does, so it
  is joined back to the sentence it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from orbat.nlp.model import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["paragraph_of", "sentences"]


def sentences(doc: Doc) -> list[Span]:
    """The article's sentences in order, as spans over ``doc`` (no leading/trailing space)."""
    pieces: list[Span] = []
    for sent in doc.sents:
        pieces.extend(_split_at_newlines(sent))
    out: list[Span] = []
    for piece in pieces:
        if out and _is_fragment(piece) and not _newline_between(doc, out[-1], piece):
            out[-1] = doc[out[-1].start : piece.end]
        else:
            out.append(piece)
    return out


def paragraph_of(text: str, start: int) -> tuple[int, int]:
    """``(start, end)`` of the line-delimited paragraph holding character ``start``."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    return para_start, len(text) if para_end < 0 else para_end


def _split_at_newlines(sent: Span) -> Iterable[Span]:
    doc = sent.doc
    begin = sent.start
    for token in sent:
        if token.is_space and "\n" in token.text:
            if token.i > begin:
                yield from _trimmed(doc, begin, token.i)
            begin = token.i + 1
    if begin < sent.end:
        yield from _trimmed(doc, begin, sent.end)


def _trimmed(doc: Doc, start: int, end: int) -> Iterable[Span]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        yield doc[start:end]


def _is_fragment(span: Span) -> bool:
    """A piece that starts with a lower-case word continues the sentence before it."""
    first = next((t for t in span if t.is_alpha), None)
    return first is not None and first.i == span.start and first.text[0].islower()


def _newline_between(doc: Doc, before: Span, after: Span) -> bool:
    return "\n" in text_of(doc)[before.end_char : after.start_char]
