"""spaCy's rule-based token components, with each outcome remembered per word form.

The statistical components (tok2vec, tagger, parser, NER) are matrix work; the two rule-based
ones between them spent their time in Python, once per token, recomputing answers that depend
only on the word form and its tags:

**The attribute ruler.** The English pipeline's attribute ruler maps fine tags to parts of
speech and morphology and fixes exceptions ("that" as a relative pronoun, auxiliaries, "n't"):
179 rules, most of them one token long. spaCy's ``Matcher`` tries every rule on every token,
calling back into Python for each ``IN``/``NOT_IN``/``REGEX`` test; that was 8 % of orbat's
extraction time.

Whether a one-token rule matches depends only on what it tests of that token — its lower-case
form, fine tag and dependency label (and whether it is whitespace, a property of the form) —
so :class:`RememberingAttributeRuler` asks spaCy's own ``Matcher`` once per (form, tag, label)
and reuses the answer; rules longer than one token still go through a ``Matcher`` per doc. The
matches are then applied exactly as spaCy applies them (in rule order, later rules winning),
so every token gets the same tag, part of speech, morphology and lemma as with the stock
component (``tests/nlp/test_model.py``).

**The lemmatizer.** spaCy's rule and lookup lemmatizers already cache the lemma of a (form,
part of speech, morphology), but still visit every token in Python and build its morphology
object to look the cache up (5 % of extraction time). :class:`RememberingLemmatizer` reads the
three keys of a whole doc as one array, asks the stock lemmatizer only for unseen keys, and
writes the lemmas back as one array; tokens the attribute ruler already lemmatised keep their
lemma, as with the stock component.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["RememberingAttributeRuler", "RememberingLemmatizer", "remember_token_rules"]

_RULER = "orbat_attribute_ruler"
_LEMMATIZER = "orbat_lemmatizer"

# What a one-token rule may test for its outcome to be a function of (form, tag, label).
_TOKEN_KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})

_Match = tuple[int, int, int, int]  # (rule number, match id, start, end), as AttributeRuler.match

# Forms remembered before the memory starts over: a year of news has a few hundred thousand
# (form, tag, label) triples; this keeps a long-running worker's memory bounded.
_MAX_REMEMBERED = 500_000


class RememberingAttributeRuler(AttributeRuler):
    """:class:`spacy.pipeline.AttributeRuler` that matches one-token rules once per word form."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_split()

    def _reset_split(self) -> None:
        self._single = Matcher(self.vocab)
        self._multi = Matcher(self.vocab)
        # (lower, tag, label) -> the (rule number, match id) of each one-token rule it matches
        self._seen: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    def clear(self) -> None:
        super().clear()
        self._reset_split()

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        patterns = list(patterns)
        super().add(patterns, attrs, index)
        key = self.vocab.strings[str(len(self.attrs) - 1)]
        if all(_one_token(pattern) for pattern in patterns):
            self._single.add(key, patterns)
        else:
            self._multi.add(key, patterns)
        self._seen.clear()

    def match(self, doc: Doc) -> list[_Match]:
        found: list[_Match] = []
        keys = doc.to_array([LOWER, TAG, DEP]).tolist()
        for i, (lower, tag, dep) in enumerate(keys):
            rules = self._seen.get((lower, tag, dep))
            if rules is None:
                if len(self._seen) >= _MAX_REMEMBERED:
                    self._seen.clear()
                rules = self._seen[(lower, tag, dep)] = self._single_rules(doc, i)
            found.extend((rule, match_id, i, i + 1) for rule, match_id in rules)
        if len(self._multi):
            for match_id, start, end in self._multi(doc, allow_missing=True, as_spans=False):
                found.append((int(self.vocab.strings[match_id]), match_id, start, end))
        found.sort()
        return found

    def _single_rules(self, doc: Doc, i: int) -> tuple[tuple[int, int], ...]:
        """(rule number, match id) of each one-token rule the token ``doc[i]`` matches."""
        matches = self._single(doc[i : i + 1], allow_missing=True, as_spans=False)
        return tuple(
            sorted((int(self.vocab.strings[match_id]), match_id) for match_id, _, _ in matches)
        )


def _one_token(pattern: list[dict[str, Any]]) -> bool:
    """Whether ``pattern`` matches exactly one token, by tests on its form, tag and label."""
    return len(pattern) == 1 and "OP" not in pattern[0] and set(pattern[0]) <= _TOKEN_KEYS


class RememberingLemmatizer:
    """A stock spaCy lemmatizer asked once per (form, part of speech, morphology)."""

    def __init__(self, stock: Lemmatizer | None = None) -> None:
        self.stock = stock  # set by remember_token_rules: spaCy's factories take config only
        self._seen: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Any:
        """The stock lemmatizer's tables (rules, exceptions), which other stages read too."""
        return self._asked().lookups

    def _asked(self) -> Lemmatizer:
        if self.stock is None:
            raise ValueError("RememberingLemmatizer has no stock lemmatizer to ask")
        return self.stock

    def __call__(self, doc: Doc) -> Doc:
        stock = self._asked()
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = keys[:, 3].copy()  # uint64 hashes, as Doc.from_array takes them
        overwrite = bool(stock.overwrite)
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(keys.tolist()):
            if lemma and not overwrite:
                continue
            found = self._seen.get((orth, pos, morph))
            if found is None:
                if len(self._seen) >= _MAX_REMEMBERED:
                    self._seen.clear()
                found = strings.add(stock.lemmatize(doc[i])[0])
                self._seen[(orth, pos, morph)] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory(_RULER, default_config={"validate": False})
def _make_ruler(nlp: Language, name: str, validate: bool) -> RememberingAttributeRuler:
    return RememberingAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory(_LEMMATIZER)
def _make_lemmatizer(nlp: Language, name: str) -> RememberingLemmatizer:
    return RememberingLemmatizer()


def remember_token_rules(nlp: Language) -> None:
    """Swap ``nlp``'s attribute ruler and lemmatizer (those it has) for remembering ones with
    the same rules and tables, under the same names, in the same places."""
    stock = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(stock, AttributeRuler) and not isinstance(stock, RememberingAttributeRuler):
        rules = stock.patterns
        ours = nlp.replace_pipe("attribute_ruler", _RULER)
        assert isinstance(ours, RememberingAttributeRuler)
        ours.add_patterns(rules)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer):
        remembering = nlp.replace_pipe("lemmatizer", _LEMMATIZER)
        assert isinstance(remembering, RememberingLemmatizer)
        remembering.stock = lemmatizer
