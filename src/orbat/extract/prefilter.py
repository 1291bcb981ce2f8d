"""Which sentences can report an event, decided before the expensive parse.

The classifier codes a sentence only from its lexicon cues (``cue:*``) and the few context
lists its compositional rules turn into evidence (attack verbs, protest words, capture and
seizure verbs). A sentence without a word that could be one of those cues cannot be coded,
so orbat does not need to tag, parse or run NER on it: the tokenizer and the rule-based
sentencizer find the sentences, this filter keeps the candidates and the neighbours that
anchor them (see :mod:`orbat.extract.anchor`), and only those go through the full pipeline.

The lexicon is matched on lemmas, which need the tagger. Instead, every lemma a word could
have under any part of speech is derived from the model's own lemmatizer tables (its suffix
rules and irregular forms), so the filter keeps every sentence the parse could match — it may
keep a few more, never fewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from orbat.extract.lexicon import Lexicon

_HYPHENS = frozenset({"-", "‐", "‑", "–"})

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

__all__ = ["CLAIM_WORDS", "EVENT_CONTEXT", "RELATION_WORDS", "CuePrefilter", "StatementPrefilter"]

#: Context lists that the classifier's compositional rules turn into event evidence.
EVENT_CONTEXT = frozenset(
    {
        "ctx:protest",
        "ctx:protest_weak",
        "ctx:territory_capture",
        "ctx:attack_verbs",
        "ctx:weapon_disruption",
    }
)
# Nouns by which a later sentence refers back to an event ("the US airstrike … in the town of
# Albu Kamal"): such sentences place an event told earlier, so they are parsed too.
_REFERENCE_NOUNS = [
    "operation",
    "raid",
    "attack",
    "assault",
    "strike",
    "airstrike",
    "bombing",
    "blast",
    "explosion",
    "shelling",
    "clash",
    "fighting",
    "battle",
    "campaign",
    "killing",
    "incident",
    "ambush",
    "arrest",
    "crackdown",
    "offensive",
    "missile",
    "rocket",
    "drone",
    "shell",
]
_POS = ("noun", "verb", "adj")


class CuePrefilter:
    """Tells whether a tokenized (unparsed) sentence holds a word that may be an event cue."""

    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.first_words = frozenset(_first_words(lexicon)) | frozenset(_REFERENCE_NOUNS)
        rules: dict[str, list[tuple[str, str]]] = {}
        exceptions: dict[str, dict[str, list[str]]] = {}
        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            if lookups.has_table("lemma_rules"):
                table = lookups.get_table("lemma_rules")
                rules = {pos: [tuple(r) for r in table.get(pos, [])] for pos in _POS}
            if lookups.has_table("lemma_exc"):
                table = lookups.get_table("lemma_exc")
                exceptions = {pos: dict(table.get(pos, {})) for pos in _POS}
        self._rules = rules
        self._exceptions = exceptions
        self._trie = lexicon.trie
        self._references = frozenset(_REFERENCE_NOUNS) | {w + "s" for w in _REFERENCE_NOUNS}
        self._may_cue = lru_cache(maxsize=65536)(self._word_may_cue)
        self._keys = lru_cache(maxsize=65536)(self._word_keys)

    def is_candidate(self, sentence: Span | Iterable[Token]) -> bool:
        """Whether ``sentence`` could hold an event cue: a lexicon phrase under an event
        label whose words each are one of the lemmas the sentence's words could have, or a
        definite reference to an event told before."""
        words = [t.lower_ for t in sentence if t.text not in _HYPHENS and not t.is_space]
        if not any(self._may_cue(w) for w in words):
            return False
        keys = [self._keys(w) for w in words]
        return self._trie.contains(keys, _bears_event) or any(w in self._references for w in words)

    def lemmas(self, lower: str) -> set[str]:
        """Every lemma the lemmatizer could give ``lower`` (itself included)."""
        out = {lower, lower.replace("-", "")}
        for pos in _POS:
            out.update(self._exceptions.get(pos, {}).get(lower, ()))
            for old, new in self._rules.get(pos, ()):
                if lower.endswith(old) and len(lower) > len(old):
                    out.add(lower[: len(lower) - len(old)] + new)
        return out

    def _word_may_cue(self, lower: str) -> bool:
        return not self.first_words.isdisjoint(self.lemmas(lower))

    def _word_keys(self, lower: str) -> tuple[str, ...]:
        return tuple(self.lemmas(lower))


def _bears_event(label: str) -> bool:
    return label.startswith("cue:") or label in EVENT_CONTEXT


def _first_words(lexicon: Lexicon) -> set[str]:
    """The first word of every phrase under an event-bearing label (both spellings of
    multi-word phrases: "air strike" and "airstrike")."""
    return lexicon.trie.first_words(_bears_event)


# -- statements -------------------------------------------------------------------------------
#: Lemmas a claim needs one of (the triggers of :mod:`orbat.extract.statements.claims`: verbs
#: of denial, accusation, threat and report, their nouns, "responsibility" for a claim of it,
#: "according").
CLAIM_WORDS = frozenset(
    {"deny", "refute", "reject", "dismiss", "disavow", "contradict", "disown",
     "accuse", "blame", "charge", "threaten", "vow", "pledge",
     "report", "reveal", "allege", "quote", "claim", "cite",
     "denial", "accusation", "allegation", "threat", "responsibility", "credit", "according"}
)  # fmt: skip
#: Words one of which every relation pattern of :mod:`orbat.extract.statements.relations` contains.
RELATION_WORDS = frozenset(
    {"umbrella", "coalition", "alliance", "network", "grouping", "include", "comprise",
     "group", "faction", "militia", "unit", "brigade", "force", "organisation", "organization",
     "movement", "member", "part", "component", "wing", "branch", "arm", "affiliate",
     "subsidiary", "proxy", "ally", "within", "inside", "under", "affiliated", "associated",
     "belong", "join", "integrate", "front", "cover", "brand", "façade", "facade",
     "back", "support", "fund", "sponsor", "train", "finance", "allied", "align",
     "alongside", "together", "cooperation", "coordination", "partnership", "bolster",
     "assist", "aid", "reinforce", "fight", "war", "battle", "struggle", "campaign",
     "offensive", "operation", "strike", "airstrike", "attack", "raid", "clash", "rebellion",
     "insurgency", "hostility", "target", "ambush", "bomb", "shell", "defeat", "besiege",
     "engage", "kill", "hit", "hostile", "oppose", "splinter", "breakaway", "offshoot",
     "spinoff", "spin", "break", "split", "defect", "merge", "fold", "absorb", "lead",
     "head", "command", "run", "found", "leader", "chief", "commander", "founder",
     "secretary", "chairman", "emir"}
)  # fmt: skip


class StatementPrefilter:
    """Tells whether a tokenized (unparsed) sentence may state a claim or a relation.

    A claim needs one of its trigger lemmas (:data:`CLAIM_WORDS`). A relation needs one of
    the words its patterns are made of (:data:`RELATION_WORDS`) between two arguments, and an
    argument is an actor the resolver found or a named entity, which in English prose starts
    with a capital letter. Like :class:`CuePrefilter`, it matches every lemma a word
    could have, so it keeps every sentence the parse could use (and some more).
    """

    def __init__(self, lemmas: CuePrefilter) -> None:
        self._lemmas = lemmas
        self._claim = lru_cache(maxsize=65536)(self._word_in(CLAIM_WORDS))
        self._relation = lru_cache(maxsize=65536)(self._word_in(RELATION_WORDS))

    def keep(self, sentences: Sequence[Span], actor_spans: Sequence[tuple[int, int]]) -> set[int]:
        """Positions of the sentences to parse: the candidates, with the pieces the parse
        will join them to (:func:`orbat.extract.statements.sentences_of` rejoins a sentence
        cut inside parentheses — "Qasem al-Jabbarin (lit. | “Smasher …”), … claimed" — or
        inside an actor's name), since a claim's speaker may be in the other piece."""
        kept = {i for i, s in enumerate(sentences) if self.is_candidate(s, actor_spans)}
        joined = [
            i
            for i in range(len(sentences) - 1)
            if sentences[i].text.count("(") > sentences[i].text.count(")")
            or any(s < sentences[i + 1].start_char < e for s, e in actor_spans)
        ]
        changed = bool(kept)
        while changed:
            changed = False
            for i in joined:
                if (i in kept) != (i + 1 in kept):
                    kept |= {i, i + 1}
                    changed = True
        return kept

    def is_candidate(self, sentence: Span, actor_spans: Sequence[tuple[int, int]] = ()) -> bool:
        words = [t for t in sentence if not t.is_space and t.text not in _HYPHENS]
        if any(self._claim(t.lower_) for t in words):
            return True
        triggers = [t.idx for t in words if self._relation(t.lower_)]
        if not triggers:
            return False
        # Every relation pattern reads the words *between* two arguments ("X, part of Y",
        # "X-backed Y"), so a trigger needs a possible argument starting before it and another
        # ending after it. Possible arguments: the actor mentions, and runs of capitalised
        # words (named entities, which English capitalises).
        start, end = sentence.start_char, sentence.end_char
        units = [(s, e) for s, e in actor_spans if start <= s < end]
        in_run = False
        for token in words:
            capital = token.text[:1].isupper()
            if capital and in_run:  # the run goes on: stretch its unit
                units[-1] = (units[-1][0], token.idx + len(token.text))
            elif capital:
                units.append((token.idx, token.idx + len(token.text)))
            in_run = capital
        return any(a != b and a[0] < at < b[1] for at in triggers for a in units for b in units)

    def _word_in(self, words: frozenset[str]) -> Callable[[str], bool]:
        def test(lower: str) -> bool:
            return not words.isdisjoint(self._lemmas.lemmas(lower))

        return test
