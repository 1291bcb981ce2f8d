"""Arabic text as the Arabic extractor reads it: normalised tokens, sentences and clauses,
each with its span in the ORIGINAL text, and phrases matched with clitics allowed.

Matching runs on :func:`orbat.nlp.arabic.normalize_with_offsets`'s text (hamza, ta marbuta,
alef maqsura, diacritics, tatweel and Eastern digits folded); every span handed out is
mapped back to the original, so evidence quotes the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from orbat.nlp.arabic import Normalized, normalize_for_matching, normalize_with_offsets

__all__ = ["Phrase", "PhraseSet", "Sentence", "Token", "compile_phrase", "read_text"]

# A token: a run of letters or digits (Arabic or Latin), thousands separators inside numbers.
_TOKEN = re.compile(r"\d+(?:,\d{3})*|[^\W\d_]+")
# Sentence ends: full stops, question and exclamation marks (Arabic and Latin), line breaks
# (Telegram posts put one statement a line) and the bullets relay channels use.
_SENTENCE_END = re.compile(r"[.!؟?\n]+|[•|]{1,2}")
# Clause ends inside a sentence: Arabic and Latin commas, semicolons, colons, dashes.
_CLAUSE_END = re.compile(r"[،,؛;:]|\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its normalised form, its index, and its span in the normalised text."""

    text: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its tokens (indices into the document's tokens) and clause numbers."""

    first: int  # index of its first token in the document's tokens
    last: int  # one past its last token
    start: int  # span in the normalised text
    end: int
    clause_of: tuple[int, ...]  # clause number of each of its tokens


@dataclass(frozen=True, slots=True)
class ReadText:
    """A document read for Arabic matching."""

    original: str
    norm: Normalized
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised ``[start, end)`` came from."""
        return self.norm.span(start, end)

    def quote(self, start: int, end: int) -> tuple[int, int, str]:
        """Original span and words of normalised ``[start, end)``."""
        s, e = self.span(start, end)
        return s, e, self.original[s:e]


def read_text(text: str) -> ReadText:
    """Normalise ``text``, cut it into tokens, sentences and clauses."""
    norm = normalize_with_offsets(text)
    tokens = tuple(
        Token(m[0], i, m.start(), m.end()) for i, m in enumerate(_TOKEN.finditer(norm.text))
    )
    sentences = []
    bounds = [m.end() for m in _SENTENCE_END.finditer(norm.text)] + [len(norm.text)]
    position = 0
    for end in bounds:
        first = position
        while position < len(tokens) and tokens[position].start < end:
            position += 1
        if position > first:
            clauses = _clauses(norm.text, tokens[first:position])
            sentences.append(
                Sentence(first, position, tokens[first].start, tokens[position - 1].end, clauses)
            )
    return ReadText(text, norm, tokens, tuple(sentences))


def _clauses(text: str, tokens: Sequence[Token]) -> tuple[int, ...]:
    out = []
    clause = 0
    for before, token in zip((None, *tokens[:-1]), tokens, strict=True):
        if before is not None and _CLAUSE_END.search(text, before.end, token.start):
            clause += 1
        out.append(clause)
    return tuple(out)


# -- phrases ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """A lexicon phrase: its words (normalised; a trailing ``*`` is a prefix match, a lone
    ``*`` any token) and what it stands for."""

    words: tuple[str, ...]
    value: str

    def __len__(self) -> int:
        return len(self.words)


def compile_phrase(phrase: str, value: str = "") -> Phrase:
    """``phrase`` as a :class:`Phrase`, spelling normalised as the text will be."""
    return Phrase(tuple(normalize_for_matching(w) for w in phrase.split()), value)


@lru_cache(maxsize=1 << 16)
def _forms(token: str, clitics: tuple[str, ...], article: bool = False) -> tuple[str, ...]:
    """The token, and the token without each clitic prefix it may carry (لل → ال); with
    ``article``, each of those without the definite article too (الاشتباكات → اشتباكات)."""
    forms = [token]
    for clitic in clitics:
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            rest = token[len(clitic) :]
            forms.append(rest)
            if clitic in ("ل", "ول", "فل") and rest.startswith("ل"):
                forms.append("ا" + rest)  # للحشد = ل + الحشد
    if article:
        forms += [f[2:] for f in forms if f.startswith("ال") and len(f) >= 5]
    return tuple(dict.fromkeys(forms))


def _word_matches(word: str, forms: Iterable[str]) -> bool:
    if word == "*":
        return True
    if word.endswith("*"):
        stem = word[:-1]
        return any(f.startswith(stem) for f in forms)
    return word in forms


class PhraseSet:
    """Phrases matched token by token, every word allowed a clitic prefix."""

    def __init__(
        self, phrases: Iterable[Phrase], clitics: Sequence[str], *, article: bool = False
    ) -> None:
        """``article``: words also match without the definite article (cue words: a list
        says "اشتباك*" once for الاشتباكات too); names keep theirs (الموصل is not موصل)."""
        self.article = article
        self.phrases = sorted(phrases, key=len, reverse=True)
        self.clitics = tuple(sorted((normalize_for_matching(c) for c in clitics), key=len))
        self._by_first: dict[str, list[Phrase]] = {}
        # Phrases whose first word is a prefix ("استهدف*"), by the prefix's first two letters:
        # a token is only tried against those its own first letters could start.
        self._wild: dict[str, list[Phrase]] = {}
        self._any: list[Phrase] = []  # first word "*"
        for phrase in self.phrases:
            first = phrase.words[0]
            if first == "*":
                self._any.append(phrase)
            elif first.endswith("*"):
                self._wild.setdefault(first[:2], []).append(phrase)
            else:
                self._by_first.setdefault(first, []).append(phrase)

    def forms(self, token: str) -> tuple[str, ...]:
        return _forms(token, self.clitics, self.article)

    def match_at(self, tokens: Sequence[Token], i: int, stop: int) -> Phrase | None:
        """The longest phrase starting at token ``i`` (ending before ``stop``), if any."""
        forms = self.forms(tokens[i].text)
        candidates = [p for f in forms for p in self._by_first.get(f, ())]
        candidates += [p for f in {f[:2] for f in forms} for p in self._wild.get(f, ())]
        candidates += self._any
        best: Phrase | None = None
        for phrase in candidates:
            if best is not None and len(phrase) <= len(best):
                continue
            if i + len(phrase) > stop:
                continue
            if all(
                _word_matches(w, self.forms(tokens[i + k].text)) for k, w in enumerate(phrase.words)
            ):
                best = phrase
        return best

    def find(self, tokens: Sequence[Token], first: int, stop: int) -> list[tuple[int, Phrase]]:
        """Non-overlapping matches in ``tokens[first:stop]``, left to right, longest first."""
        found = []
        i = first
        while i < stop:
            phrase = self.match_at(tokens, i, stop)
            if phrase is None:
                i += 1
                continue
            found.append((i, phrase))
            i += len(phrase)
        return found
