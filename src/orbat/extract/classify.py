"""Rule-based ACLED sub-event classification of a sentence or snippet, from lexicon cues.

The classifier reads a parsed spaCy ``Doc`` (or ``Span``): lexicon phrases are matched over
lemmas by one precompiled trie, each match gets a stance from the dependency parse (a cue
under "threatened to", "denied", "would", "if" or a negation is not an event), and a few
compositional rules read who acted against whom (a militant attack on a base is an Armed
clash; on a village, an Attack). Cues in the first sentence count most, because news puts
the event first. Ties go to ACLED's precedence order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from orbat.extract.compose import compose_evidence, decay, inside, partly_stopped
from orbat.extract.idioms import (
    amid,
    bomber_in_person,
    depicted,
    describes_a_party,
    in_an_idiom,
    misattached,
    only_flew,
    says_no,
    tells_no_act,
    terms_of_a_deal,
)
from orbat.extract.lexicon import Lexicon, load_lexicon
from orbat.extract.lexicon.rules import number, rules, words
from orbat.extract.roles import REPORTING_VERBS, in_a_teller
from orbat.extract.territory import takes_a_person
from orbat.extract.weapon_cues import aircraft_model, stopped_weapon, struck_weapon
from orbat.nlp.model import text_of
from orbat.taxonomy import sub_event_type

__all__ = [
    "COMPONENT",
    "Classification",
    "Cue",
    "EventClassifier",
    "classify",
    "default_classifier",
]

#: Versioned name stored with every event this classifier codes (provenance).
COMPONENT = "orbat.event_classifier.v1"

Stance = Literal["asserted", "negated", "hypothetical"]

# Weights, thresholds and type groups: lexicon/classifier.toml (syntax: docs/lexicons.md).
_FILE = "classifier.toml"
_RULES = rules(_FILE)
# A classification needs at least one strong cue's worth of evidence in a lead sentence.
_MIN_SCORE = number(_FILE, "weights.min_score")
# Dependencies through which a cue inherits the stance of the word governing it.
_CLIMB = words(_FILE, "parse.climb")
# Types whose cue words ("attacked", "killed", "clashes") also describe most other violence:
# when a weapon or a protest is named, they are the background, not the event. (ACLED codes an
# airstrike inside a ground battle as Battles, but that needs one event across sources, which
# is resolve's job; a snippet that names the weapon is about the weapon.)
_GENERIC = words(_FILE, "types.generic")
_WEAPONS = words(_FILE, "types.weapons")
_DAMP_SAME_SENTENCE = number(_FILE, "weights.damp_same_sentence")
_DAMP_ELSEWHERE = number(_FILE, "weights.damp_elsewhere")
# Repeated cues of one type in one sentence add a little, not their full weight each.
_REPEAT = number(_FILE, "weights.repeat")
_MAX_CLIMB = int(number(_FILE, "limits.max_climb"))
_MIN_SENTENCE_WORDS = int(number(_FILE, "limits.min_sentence_words"))
# The main verb of a sentence states its event; a cue there outweighs one in a clause.
_MAIN_CLAUSE = number(_FILE, "weights.main_clause")
# A lead sentence about an earthquake, a factory fire or a robbery needs much more evidence
# to be coded as political violence (a strong main-clause cue plus more).
_NON_CONFLICT_PENALTY = number(_FILE, "weights.non_conflict_penalty")
_SECURITY_OPERATIONS = words(_FILE, "types.security_operations")
_ARMED_CONTEXT = tuple(str(label) for label in _RULES["types"]["armed_context"])
_PROTEST_KEYS = words(_FILE, "types.protests")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon match in the text, with where it is and whether it is asserted."""

    label: str
    start: int
    end: int
    char_start: int
    char_end: int
    text: str
    sentence: int
    stance: Stance
    main: bool = False


@dataclass(frozen=True, slots=True)
class Classification:
    """The sub-event type a text was coded as, with the cues that decided it.

    ``scores`` holds every sub-event type that collected evidence (ACLED names), so callers
    can see the runner-up when two types were close.
    """

    sub_event_type: str
    event_type: str
    disorder_type: str
    score: float
    cues: tuple[Cue, ...]
    scores: dict[str, float]
    component: str = COMPONENT

    def cue_tokens(self, doc: Doc) -> list[Token]:
        """The tokens of ``doc`` (the document the cues were found in) that decided it."""
        return [doc[i] for cue in self.cues for i in range(cue.start, cue.end)]


class EventClassifier:
    """Codes parsed text into an ACLED sub-event type, or ``None`` when it reports none.

    Build with a lexicon (default: the shipped one) and, for :meth:`classify_text`, a spaCy
    pipeline (default: :func:`orbat.nlp.model.load_nlp`). Both are loaded once.
    """

    def __init__(self, lexicon: Lexicon | None = None, nlp: Language | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from orbat.nlp.model import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def classify_text(self, text: str) -> Classification | None:
        """Parse ``text`` and classify it."""
        return self.classify(self.nlp(text))

    def classify(self, doc: Doc | Span) -> Classification | None:
        """The sub-event type ``doc`` reports, or ``None``.

        1. Match every lexicon phrase and give each match a stance from the parse.
        2. Score direct cues (strong 3, weak 1) times the sentence weight.
        3. Add the two-cue evidence of :mod:`orbat.extract.compose` (protests, territory,
           attacks, seized weapons), less a disruption that stopped only part of an attack.
        4. Damp everything when the lead sentence is about a disaster, crime or diplomacy.
        5. Pick the best score; ties go to ACLED's precedence; below the minimum, ``None``.
        """
        cues = self.cues(doc)
        told_by = in_a_teller(doc)
        asserted = [
            c
            for c in cues
            if c.stance == "asserted"
            and not told_by(c.start)
            and not _false_protest(doc, c)
            and not _in_name(doc, c)
            and not aircraft_model(doc, c)
            and not struck_weapon(doc, c)
            and not stopped_weapon(doc, c)
            and not _finds_remains(doc, c)
            and not (_finds_no_arms(c, cues) and not takes_a_person(doc, c))
            and not depicted(doc, c.char_start)
            and not (not c.label.startswith("cue:agreement") and terms_of_a_deal(doc, c.start))
            and not (c.label.endswith(":weak") and in_an_idiom(doc, c.start, c.end))
            and not tells_no_act(doc, c.label, c.start, c.end)
            and not (c.label.startswith("cue:air_strike") and only_flew(doc, c.start, c.end))
            and not bomber_in_person(c.text, {d.label for d in cues if d.sentence == c.sentence})
        ]
        by_label: defaultdict[str, list[Cue]] = defaultdict(list)
        for cue in asserted:
            by_label[cue.label].append(cue)
        # 2.
        found: list[tuple[str, float, Cue]] = []
        # "water cannon", "stun grenade": a crowd-control tool, not the weapon inside its name.
        tools = by_label.get("ctx:intervention", [])
        # "Iraqi intelligence arrested a cell that launched rockets at Erbil airport": beside
        # a main act, what a relative clause tells of a party counts half, as circumstances do.
        acts = {
            c.sentence
            for c in asserted
            if c.label.endswith(":strong") and not describes_a_party(doc, c.start)
        }
        for cue in _drop_nested(
            c for c in asserted if c.label.startswith("cue:") and not inside(c, tools)
        ):
            # "…, amid flights of Russian warplanes": the circumstances count half.
            aside = cue.sentence in acts and describes_a_party(doc, cue.start)
            weight = self.lexicon.weights[cue.label] * (0.5 if amid(doc, cue.start) or aside else 1)
            key = "abduction" if takes_a_person(doc, cue) else cue.label.split(":")[1]
            found.append((key, weight, cue))
        # 3.
        found.extend(compose_evidence(doc, by_label))
        partly = partly_stopped(doc, by_label)
        found = [f for f in found if f[0] != "disrupted_weapons" or f[2].sentence not in partly]
        scores, support = _aggregate(found, by_label)
        # 4.
        if _damps_the_lead(doc, by_label):
            armed = any(by_label.get(label) for label in _ARMED_CONTEXT)
            for key in scores:
                # Security forces arresting armed "remnants, drug traffickers and arms dealers"
                # or seizing their weapons is a security operation, not a crime story: the
                # crime words describe whom they took, not what happened.
                if armed and key in _SECURITY_OPERATIONS:
                    continue
                if key in _PROTEST_KEYS and by_label.get("ctx:protest"):
                    continue  # a protest against corruption or a lockdown is still a protest
                scores[key] -= _NON_CONFLICT_PENALTY
        # 5.
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], sub_event_type(kv[0]).rank))
        if not ranked or ranked[0][1] < _MIN_SCORE:
            return None
        best, score = _explosion_precedence(ranked)
        if "other" in scores and any(
            "grave" in c.text.lower() for c in by_label["cue:other:strong"]
        ):
            # ACLED codes a mass grave found as Other, whatever killing it holds.
            best, score = "other", scores["other"]
        sub = sub_event_type(best)
        return Classification(
            sub_event_type=sub.name,
            event_type=sub.event_type,
            disorder_type=sub.disorder_type,
            score=round(score, 3),
            cues=tuple(sorted(support[best], key=lambda c: c.start)),
            scores={sub_event_type(k).name: round(v, 3) for k, v in ranked if v > 0},
        )

    def cues(self, doc: Doc | Span) -> list[Cue]:
        """Every lexicon match in ``doc`` with its stance (negated and hypothetical included)."""
        offset = doc.start if isinstance(doc, Span) else 0
        sentence_of = _sentence_index(doc)
        out = []
        for m in self.lexicon.find(doc):
            span = doc[m.start - offset : m.end - offset]
            out.append(
                Cue(
                    label=m.label,
                    start=m.start,
                    end=m.end,
                    char_start=span.start_char,
                    char_end=span.end_char,
                    text=span.text,
                    sentence=sentence_of.get(m.start, 0),
                    stance="negated" if says_no(span) else self._stance(span.root),
                    main=_is_main(span.root),
                )
            )
        return out

    def _stance(self, token: Token) -> Stance:
        """Whether the event word ``token`` is asserted, negated or hypothetical.

        Climbs at most a few arcs up the parse (a cue noun to its verb, a verb to the verb it
        complements) and stops at the first verb that asserts something else, so "militants
        threatened to attack" is hypothetical but "officials said militants attacked" is not.
        """
        lex = self.lexicon
        current = previous = token
        for depth in range(_MAX_CLIMB + 1):
            lemma = current.lemma_.lower()
            # (A noun of stance blocks as a noun: "the claim of an attack", not "claimed
            # responsibility for the attack", which reports it.)
            blocking = lemma in lex.blocking_verbs or (
                lemma in lex.blocking_nouns and current.pos_ == "NOUN"
            )
            if depth > 0 and blocking and misattached(current, previous):
                break  # "… killed a commander, sources said, days after the US vowed to …"
            if depth > 0 and blocking and not _reports(lemma, previous):
                if previous.lemma_.lower() in _ATTRIBUTION and lemma in _DENYING:
                    # "denied involvement in the rocket attack on Camp Taji": the attack
                    # happened; who did it is what is denied.
                    return "asserted"
                return "negated" if lemma in _DENYING else "hypothetical"
            for child in current.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "det" and child.lower_ == "no" and current.pos_ == "NOUN"
                ):
                    return "negated"
                if child.dep_ in {"aux", "auxpass"} and child.lower_ in lex.modal_aux:
                    return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in lex.hypothetical_marks:
                    return "hypothetical"
            if current.dep_ not in _CLIMB or current.head.i == current.i:
                break
            previous, current = current, current.head
        return "asserted"


def _reports(lemma: str, clause: Token) -> bool:
    """Whether ``lemma`` reports the finite clause under it ("a bomb exploded …, a source told
    AFP") rather than asks for an act ("told them to attack")."""
    return lemma in _TELLING and clause.dep_ in ("ccomp", "parataxis") and clause.tag_ != "VB"


_TELLING = frozenset({"tell", "warn"})
_DENYING = frozenset({"deny", "reject", "refuse"})
_ATTRIBUTION = frozenset({"involvement", "responsibility", "role", "part", "hand", "link"})


def _aggregate(
    found: list[tuple[str, float, Cue]], by: dict[str, list[Cue]]
) -> tuple[dict[str, float], dict[str, list[Cue]]]:
    """Sum evidence per sub-event type: sentence-weighted, repeats damped, background damped.

    Within one sentence a type scores its best cue plus a fraction of the others. Generic
    violence (clash, attack) in a sentence that names a weapon or a protest counts a fifth,
    elsewhere in such a snippet three fifths.
    """
    strong_weapon = {c.sentence for key, w, c in found if key in _WEAPONS and w >= 3.0}
    protest = {c.sentence for c in by.get("ctx:protest", [])}
    background = strong_weapon | protest
    per_sentence: defaultdict[tuple[str, int], list[float]] = defaultdict(list)
    support: defaultdict[str, list[Cue]] = defaultdict(list)
    for key, weight, cue in found:
        if key in _GENERIC and background:
            same = cue.sentence in background
            weight *= _DAMP_SAME_SENTENCE if same else _DAMP_ELSEWHERE
        if cue.main:
            weight *= _MAIN_CLAUSE
        per_sentence[(key, cue.sentence)].append(weight)
        support[key].append(cue)
    scores: defaultdict[str, float] = defaultdict(float)
    for (key, sentence), weights in per_sentence.items():
        top = max(weights)
        scores[key] += decay(sentence) * (top + _REPEAT * (sum(weights) - top))
    return dict(scores), dict(support)


def _explosion_precedence(ranked: list[tuple[str, float]]) -> tuple[str, float]:
    """ACLED's precedence inside Explosions/Remote violence for the winning snippet.

    When the winner is a weapon type and another weapon type has at least half its score,
    the report describes one attack with both (jets firing missiles; a chemical shell), and
    ACLED codes the higher-precedence one: chemical > air > suicide > shelling > IED > grenade.
    """
    best, score = ranked[0]
    if best not in _WEAPONS:
        return best, score
    rivals = [(k, v) for k, v in ranked if k in _WEAPONS and v >= 0.5 * score]
    return min(rivals, key=lambda kv: sub_event_type(kv[0]).rank)


def _is_main(token: Token) -> bool:
    """Whether ``token`` is its sentence's main verb, or a verb conjoined with it."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ROOT" and token.pos_ in {"VERB", "AUX"}


def _false_protest(doc: Doc | Span, cue: Cue) -> bool:
    """A protest word that is not about a protest here.

    "March" with a capital inside a sentence is the month ("up to 130 since March"); a
    gathering verb with a direct object is collecting something ("has gathered conflicting
    reports"), while people who protest gather intransitively.
    """
    if not cue.label.startswith("ctx:protest"):
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    span = doc[cue.start - offset : cue.end - offset]
    root = span.root
    if cue.text[:1].isupper() and not root.is_sent_start and root.lower_ in _MONTH_PROTEST:
        return True
    if root.dep_ in ("compound", "amod") and root.head.lemma_.lower() in _PROTEST_PEOPLE:
        return True  # "a string of killings targeting protest leaders": people, not a protest
    if cue.label == "ctx:protest_weak" and root.pos_ == "VERB":
        return any(c.dep_ == "dobj" for c in root.children)
    if cue.label == "ctx:protest_weak" and root.dep_ == "nsubj":
        # "Activists said / documented …": monitors telling of an event, not protesting.
        return root.head.lemma_.lower() in REPORTING_VERBS | _RECORDING_VERBS
    return False


_PROTEST_PEOPLE = frozenset(
    {"leader", "activist", "organizer", "organiser", "figure", "movement", "coordinator"}
)
_RECORDING_VERBS = frozenset({"document", "record", "report", "confirm", "count", "monitor"})


_MONTH_PROTEST = words(_FILE, "types.month_protest")


def _in_name(doc: Doc | Span, cue: Cue) -> bool:
    """An event word that is part of an organisation's name ("the United States Air Force")
    names an actor, not what it did."""
    if not cue.label.startswith("cue:") or not cue.text.istitle():
        return False
    # Part of a longer name only: a name all its own ("Paveway", tagged ORG) is a munition's.
    return any(e.label_ == "ORG" and e.start <= cue.start and cue.end <= e.end
               and e.end - e.start > cue.end - cue.start for e in doc.doc.ents)  # fmt: skip


def _damps_the_lead(doc: Doc | Span, by_label: dict[str, list[Cue]]) -> bool:
    """Whether a disaster, crime or diplomacy word in the lead sentence marks the story as no
    conflict. A strong cue in the main clause outweighs such a word below it: "jets struck
    depots … after identifying attempts to smuggle arms" is a strike."""
    lead = [c for c in by_label.get("ctx:non_conflict", ()) if c.sentence == 0]
    if not lead:
        return False
    whole = doc.doc if isinstance(doc, Span) else doc
    if any(not _subordinate(whole[c.start]) for c in lead):
        return True
    return not any(
        label.endswith(":strong") and c.sentence == 0 and not _subordinate(whole[c.start])
        for label, found_cues in by_label.items()
        for c in found_cues
    )


def _subordinate(token: Token) -> bool:
    """Whether a word sits in a clause below the main one: "jets struck depots … after
    identifying attempts to smuggle arms" is a strike; the smuggling is why."""
    return any(a.dep_ in ("advcl", "pcomp", "acl", "relcl") for a in [token, *token.ancestors])


def _finds_remains(doc: Doc | Span, cue: Cue) -> bool:
    """A find that turned up the dead ("found the bodies of two shepherds", "a mass grave was
    discovered") is no weapons find: the bare find words count for seized weapons only when
    no body or grave is what was found."""
    finds = cue.label.startswith(("cue:disrupted_weapons", "ctx:weapon_disruption"))
    if not finds or cue.text.lower() not in _BARE_FINDS:
        return False
    whole = doc.doc if isinstance(doc, Span) else doc
    window = text_of(whole)[max(0, cue.char_start - 60) : cue.char_end + 60]
    return bool(_REMAINS.search(window))


def _finds_no_arms(cue: Cue, cues: Sequence[Cue]) -> bool:
    """A bare find, seizure or interception in a sentence that names no weapon and no armed
    or security force ("a cat missing for five years was found in Santa Fe", "the team
    discovered water vapour") is no weapons find: general news is full of them."""
    if cue.label != "cue:disrupted_weapons:strong" or cue.text.lower() not in _BARE_DISRUPTIONS:
        return False
    return not any(c.sentence == cue.sentence and c.label in _ARMS_CONTEXT for c in cues)


_BARE_DISRUPTIONS = frozenset({"found", "discovered", "was found", "were found", "seized",
                               "intercepted", "accidentally", "prematurely"})  # fmt: skip
_ARMS_CONTEXT = frozenset({"ctx:weapon_objects", "ctx:state_actors", "ctx:nonstate_actors",
                           "ctx:armed_targets"})  # fmt: skip
_BARE_FINDS = frozenset({"found", "find", "discovered", "discover", "was found", "were found",
                         "uncovered", "recovered"})  # fmt: skip
_REMAINS = re.compile(r"\b(?:body|bodies|corpses?|remains|mass graves?)\b", re.I)


def _sentence_index(doc: Doc | Span) -> dict[int, int]:
    """Token index → sentence number, where fragments ("Hamburg.", a dateline) do not count.

    A headline stub or dateline cut off as its own sentence would otherwise push the lead
    sentence to second place and halve its weight.
    """
    index: dict[int, int] = {}
    whole = doc.doc if isinstance(doc, Span) else doc
    span = doc if isinstance(doc, Span) else doc[:]
    if whole.has_annotation("SENT_START"):
        sents = [s for s in whole.sents if s.start < span.end and s.end > span.start]
    else:
        sents = [span]
    n = 0
    for k, sent in enumerate(sents):
        for tok in sent:
            index[tok.i] = n
        # A tail cut off by a stray full stop ("…That day. using a drone") starts in lower
        # case: it continues this sentence (see orbat.nlp.sentences).
        follows = k + 1 < len(sents) and sents[k + 1].text[:1].islower()
        if sum(tok.is_alpha for tok in sent) >= _MIN_SENTENCE_WORDS and not follows:
            n += 1
    return index


def _drop_nested(cues: Iterable[Cue]) -> list[Cue]:
    """Keep the longest cue where cues overlap ("suicide car bomb" is not also a "car bomb")."""
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (-(c.end - c.start), c.start)):
        if not inside(cue, kept):
            kept.append(cue)
    return kept


@lru_cache(maxsize=1)
def default_classifier() -> EventClassifier:
    """The shared classifier with the shipped lexicon (built on first use)."""
    return EventClassifier()


def classify(doc: Doc | Span | str) -> Classification | None:
    """Classify parsed text (or a string, parsed with the default pipeline)."""
    clf = default_classifier()
    if isinstance(doc, str):
        return clf.classify_text(doc)
    return clf.classify(doc)
