"""Event-cue lexicons (``event_cues.toml``) and the token-trie matcher compiled from them."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from orbat.errors import ConfigError
from orbat.extract.lexicon.rules import number

__all__ = ["CUES_FILE", "Lexicon", "Match", "PhraseTrie", "load_lexicon", "token_keys"]

#: The lexicon shipped with orbat; a pack may supply its own file of the same shape.
CUES_FILE = "event_cues.toml"

_WILDCARD = "*"
# Hyphens are dropped before matching so "air-strike" and "air strike" read the same.
_HYPHENS = frozenset({"-", "‐", "‑", "–"})
# Points of a strong and a weak cue: classifier.toml ([weights]).
STRONG = number("classifier.toml", "weights.strong")
WEAK = number("classifier.toml", "weights.weak")


@dataclass(frozen=True, slots=True)
class Match:
    """One lexicon phrase found in a text: its list label and token span (end exclusive)."""

    label: str
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


def token_keys(token: Token) -> tuple[str, ...]:
    """The strings a lexicon word may equal for ``token``: its lemma and its lower form, and
    for a hyphenated token ("F-16s", "car-bomb") the form without hyphens, as the lexicon's
    multi-word phrases also match written as one word."""
    lower = token.lower_
    lemma = token.lemma_.lower()
    keys = (lower,) if lemma == lower or not lemma else (lower, lemma)
    return (*keys, lower.replace("-", "")) if "-" in lower[1:] else keys


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)


class PhraseTrie:
    """Multi-phrase matcher over token keys: a trie walked from every token of a text.

    Phrases are lists of lower-case words compared with :func:`token_keys`; ``*`` matches
    any one token. Compiled once per lexicon, it costs a few dictionary look-ups per token.
    """

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, label: str, phrase: str) -> None:
        """Register ``phrase`` under ``label``; multi-word phrases also match written as one."""
        words = phrase.lower().replace("-", " ").split()
        if not words:
            return
        variants = [words]
        if len(words) > 1 and _WILDCARD not in words:
            variants.append(["".join(words)])
        for variant in variants:
            node = self._root
            for word in variant:
                node = node.children.setdefault(word, _Node())
            node.labels.add(label)
            self.size += 1

    def _reached(self, keys: Sequence[Iterable[str]]) -> Iterator[tuple[int, int, _Node]]:
        """Walk the trie from every start word: ``(start, end, node)`` for each node that the
        words ``start..end`` reach (a word may read as any of its keys; ``*`` skips one word,
        never the first). Lazy, so a caller that only needs one hit stops early."""
        for i in range(len(keys)):
            frontier = [self._root]
            j = i
            while frontier and j < len(keys):
                nxt: list[_Node] = []
                for node in frontier:
                    for key in keys[j]:
                        child = node.children.get(key)
                        if child is not None:
                            nxt.append(child)
                    star = node.children.get(_WILDCARD)
                    if star is not None and j > i:
                        nxt.append(star)
                for node in nxt:
                    yield i, j, node
                frontier = nxt
                j += 1

    def contains(self, keys: Sequence[Iterable[str]], keep: Callable[[str], bool]) -> bool:
        """Whether a phrase with a label that ``keep`` accepts occurs in a text whose words
        may each read as any of ``keys[i]`` (hyphens already dropped)."""
        return any(keep(label) for _, _, node in self._reached(keys) for label in node.labels)

    def first_words(self, keep: Callable[[str], bool]) -> set[str]:
        """The first word of every phrase registered under a label that ``keep`` accepts."""
        words: set[str] = set()
        for word, node in self._root.children.items():
            stack = [node]
            while stack:
                current = stack.pop()
                if any(keep(label) for label in current.labels):
                    words.add(word)
                    break
                stack.extend(current.children.values())
        return words

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Every (label, span) whose phrase occurs in ``tokens``; overlaps are all kept."""
        seq = [t for t in tokens if t.text not in _HYPHENS]
        keys = [token_keys(t) for t in seq]
        # A set: a token's lemma and lower form can both reach the same phrase.
        found: set[Match] = {
            Match(label, seq[i].i, seq[j].i + 1)
            for i, j, node in self._reached(keys)
            for label in node.labels
        }
        return sorted(found, key=lambda m: (m.start, m.end, m.label))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue lists of one lexicon file, compiled into one :class:`PhraseTrie`.

    Labels: ``cue:<sub-event key>:strong`` / ``:weak`` for direct cues and ``ctx:<name>`` for
    the context lists the compositional rules read. Stance lists stay plain word sets
    because they are tested on single tokens of the parse, not matched as phrases.
    """

    trie: PhraseTrie
    weights: Mapping[str, float]
    negation: frozenset[str]
    blocking_verbs: frozenset[str]
    blocking_nouns: frozenset[str]
    modal_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    version: int

    def find(self, doc: Doc | Span) -> list[Match]:
        """All lexicon matches in ``doc``."""
        return self.trie.find(list(doc))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Lexicon:
        """Build from the parsed TOML; ConfigError names the table that is malformed."""
        trie = PhraseTrie()
        weights: dict[str, float] = {}
        try:
            stance = data["stance"]
            for name, phrases in data["context"].items():
                _add_all(trie, f"ctx:{name}", phrases)
            for key, table in data["cues"].items():
                for strength, weight in (("strong", STRONG), ("weak", WEAK)):
                    label = f"cue:{key}:{strength}"
                    weights[label] = weight
                    _add_all(trie, label, table.get(strength, ()))
            return cls(
                trie=trie,
                weights=weights,
                negation=frozenset(stance["negation"]),
                blocking_verbs=frozenset(stance["blocking_verbs"]),
                blocking_nouns=frozenset(stance["blocking_nouns"]),
                modal_aux=frozenset(stance["modal_aux"]),
                hypothetical_marks=frozenset(stance["hypothetical_marks"]),
                version=int(data.get("version", 1)),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"event-cue lexicon is malformed near {exc}") from exc


def _add_all(trie: PhraseTrie, label: str, phrases: Iterable[str]) -> None:
    for phrase in phrases:
        trie.add(label, phrase)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the one shipped with orbat), compiled once."""
    return _load(str(path) if path is not None else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> Lexicon:
    try:
        if path is None:
            text = resources.files(__package__).joinpath(CUES_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read event-cue lexicon {path or CUES_FILE}: {exc}") from exc
    return Lexicon.from_mapping(data)
