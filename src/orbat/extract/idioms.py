"""Event words whose sense the words around them decide.

A weak cue such as "took" (an arrest: "forces took dozens of Palestinians") or "held" ("held
for questioning") is part of a fixed phrase more often than not ("took place", "held talks");
the phrase decides. A "bomber" that blows himself up is a person, not an aircraft. What
people protest against ("against the regime's arrest campaign") is not what was done to them,
and whom a victim is accused of serving ("a man accused of collaborating with the regime") took
no part in what was done to him.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from orbat.nlp.model import text_of

__all__ = [
    "alleging_word",
    "amid",
    "bomber_in_person",
    "depicted",
    "describes_a_party",
    "held_before",
    "in_a_grievance",
    "in_an_allegation",
    "in_an_idiom",
    "misattached",
    "only_flew",
    "says_no",
    "tells_no_act",
]

# lemma -> the words after it that make an idiom of it
_TAKE = ("place part office note effect power steps measures time advantage responsibility "
         "credit control over off")  # fmt: skip
_HOLD = "talks meeting meetings elections election"
_IDIOMS: dict[str, frozenset[str]] = {
    "take": frozenset(_TAKE.split()),
    "hold": frozenset(_HOLD.split()),
}


def in_an_idiom(doc: Doc | Span, start: int, end: int) -> bool:
    """Whether the one-word cue at token ``start`` (doc index) is the verb of an idiom."""
    if end - start != 1:
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    token: Token = doc[start - offset]
    after = _IDIOMS.get(token.lemma_.lower())
    if after is None or token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].lower_ in after


def says_no(phrase: Span) -> bool:
    """Whether a cue phrase holds its own negation in a wildcard's place: "carried out no
    strikes in the area" (the parse hangs "no" on the noun, below the phrase's verb)."""
    return any(t.lower_ in ("no", "not", "never") for t in phrase)


def tells_no_act(doc: Doc | Span, label: str, start: int, end: int) -> bool:
    """Whether the cue at tokens ``start``-``end`` (doc indexes) names no act of the event's
    kind: people held before (:func:`held_before`) or a civil body formed
    (:func:`forms_a_body`)."""
    return held_before(doc, label, start, end) or forms_a_body(doc, label, start, end)


def forms_a_body(doc: Doc | Span, label: str, start: int, end: int) -> bool:
    """Whether a word of forming tells of a committee, an inquiry or a government ("an
    investigative committee had been formed"), not a change to an armed group."""
    if not label.startswith("cue:change_to_group"):
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    words = doc[start - offset : end - offset]
    verb = next((t for t in words if t.lemma_.lower() in ("form", "formation")), None)
    if verb is None:
        return False
    bodies = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj", "dobj", "pobj")]
    bodies += [c for p in verb.children if p.dep_ == "prep" for c in p.children]
    return any(b.lemma_.lower() in _CIVIL_BODIES for b in bodies)


_CIVIL_BODIES = frozenset(
    {"committee", "commission", "panel", "inquiry", "investigation", "government", "cabinet",
     "council", "party", "coalition", "alliance", "list", "bloc", "delegation", "team"}
)  # fmt: skip


def held_before(doc: Doc | Span, label: str, start: int, end: int) -> bool:
    """Whether an arrest or abduction word only describes people held before ("the detained
    organisers were released in the evening", "the kidnapped engineer was found dead"): a
    participle before its noun tells no new arrest."""
    if end - start != 1 or not label.startswith(("cue:arrests", "cue:abduction")):
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    token: Token = doc[start - offset]
    return token.dep_ == "amod" and token.head.i > token.i


def bomber_in_person(text: str, labels_in_sentence: set[str]) -> bool:
    """Whether the cue ``text`` is "bomber(s)" in a sentence that tells a suicide bombing
    ("a bomber blew himself up at a checkpoint"): the person, not the aircraft."""
    return text.lower() in ("bomber", "bombers") and "cue:suicide_bomb:strong" in labels_in_sentence


def in_a_grievance(doc: Doc | Span, start: int) -> bool:
    """Whether the cue at token ``start`` (doc index) names what a protest is against
    ("protested against the regime's arrest campaign", "rallies denouncing the crackdown"),
    not police action at the protest."""
    offset = doc.start if isinstance(doc, Span) else 0
    at = start - offset
    before = doc[max(0, at - _GRIEVANCE_REACH) : at]
    return any(t.lower_ in _GRIEVANCE_WORDS for t in before)


_GRIEVANCE_REACH = 4
_GRIEVANCE_WORDS = frozenset(
    ["against", "denouncing", "condemning", "rejecting", "protesting", "over", "decrying"]
)  # fmt: skip


def in_an_allegation(token: Token) -> bool:
    """Whether ``token`` lies in what an allegation against someone says: "executed a man
    accused of collaborating with the regime", "killed a shepherd on charges of spying for
    the Iraqi army", "arrested three men suspected of belonging to ISIS"."""
    return alleging_word(token) is not None


def alleging_word(token: Token) -> Token | None:
    """The word of the allegation ``token`` lies in ("suspected", "charges"), or ``None``."""
    for _ in range(_ALLEGATION_REACH):
        if token.dep_ == "prep" and token.head.lower_ in _ALLEGING:
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


_ALLEGATION_REACH = 6
_ALLEGING = frozenset(
    ["accused", "charged", "suspected", "charges", "charge", "accusation", "accusations",
     "suspicion", "suspicions", "pretext"]
)  # fmt: skip


def amid(doc: Doc | Span, start: int) -> bool:
    """Whether the word at ``start`` (a doc index) tells the circumstances of another act:
    "shelled the town of Kansafra, amid intense flights of Russian warplanes", "its units,
    supported by Iraqi Air Force aircraft, killed four militants during a raid" (the support
    of the ground forces' act, not an act of its own)."""
    offset = doc.start if isinstance(doc, Span) else 0
    token = doc[start - offset]
    return any(
        (a.dep_ == "prep" and a.lower_ in ("amid", "amidst")) or _in_support(a) or _conceded(a)
        for a in token.ancestors
    )


def _conceded(word: Token) -> bool:
    """ "although all three had settled their status under last year's reconciliation deal":
    a clause that concedes a circumstance tells no act of the report."""
    return word.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("although", "though") for c in word.children
    )


def _in_support(word: Token) -> bool:
    """ "supported by X" modifying the actors, "with the support of X", "under air cover"."""
    if word.dep_ == "agent" and word.head.lemma_.lower() in _SUPPORTING:
        return word.head.dep_ in ("acl", "advcl", "amod")
    return (
        word.lemma_.lower() in ("support", "cover", "backing")
        and word.head.dep_ == "prep"
        and word.head.lower_ in ("with", "under")
    )


_SUPPORTING = frozenset({"support", "back", "assist", "aid", "cover", "accompany"})


def only_flew(doc: Doc | Span, start: int, end: int) -> bool:
    """Whether the aircraft named at tokens ``start``-``end`` (doc indexes) only flew: the
    subject of a patrol or of surveillance ("an RAF Reaper provided surveillance over western
    Iraq", "Tornado GR4s conducted an armed reconnaissance patrol"), which strikes nothing."""
    whole = doc.doc if isinstance(doc, Span) else doc
    aircraft = whole[start:end].root
    while aircraft.dep_ in ("compound", "amod", "conj") and aircraft.head.i != aircraft.i:
        aircraft = aircraft.head
    verb = aircraft.head
    if aircraft.dep_ != "nsubj":
        return False
    if verb.lemma_.lower() in _FLYING:
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _WATCHES for c in verb.children)


_FLYING = frozenset({"patrol", "surveil", "fly", "escort", "refuel", "overfly"})
_WATCHES = frozenset({"patrol", "surveillance", "reconnaissance", "overwatch", "flight"})


def describes_a_party(doc: Doc | Span, start: int) -> bool:
    """Whether the word at ``start`` (a doc index) lies in a relative clause that tells who a
    party is: "arrested a cell that launched rockets", "the man who planted the bomb"."""
    offset = doc.start if isinstance(doc, Span) else 0
    return any(a.dep_ == "relcl" for a in [doc[start - offset], *doc[start - offset].ancestors])


def misattached(verb: Token, clause: Token) -> bool:
    """Whether ``verb`` opens a time clause after ``clause`` ("days after the United States
    vowed to retaliate"): the parser hung the main clause on it; it governs nothing before."""
    return any(
        c.dep_ == "mark" and c.lower_ in _TIME_MARKS and c.i > clause.i for c in verb.children
    )


_TIME_MARKS = frozenset({"after", "before", "since", "until", "as", "when", "while"})


def depicted(doc: Doc | Span, char_start: int) -> bool:
    """Whether the word at ``char_start`` is what a video or photo shows ("released a video of
    a drone flying over the US embassy"): depicted, not reported as an act."""
    whole = doc.doc if isinstance(doc, Span) else doc
    return bool(_DEPICTION.search(text_of(whole)[max(0, char_start - 60) : char_start]))


_DEPICTION = re.compile(
    r"\b(?:released|published|posted|shared|aired|broadcast)\s+(?:a\s+|the\s+)?(?:new\s+)?"
    r"(?:video|footage|photos?|images?|pictures?|clip)\s+(?:of|showing)\s+[^.;,]{0,30}$",
    re.I,
)


def terms_of_a_deal(doc: Doc | Span, start: int) -> bool:
    """Whether the word at ``start`` (a doc index) is in what an agreement says will be done:
    "reached an agreement to hand over border posts", "agreed to withdraw from the town", "a
    deal to evacuate fighters". The agreement is the event; the handover is its term."""
    whole = doc.doc if isinstance(doc, Span) else doc
    token = whole[start]
    for clause in (token, *token.ancestors):
        infinitive = clause.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        )
        if infinitive and clause.dep_ in ("acl", "relcl", "xcomp", "advcl"):
            return clause.head.lemma_.lower() in _DEALS
    return False


_DEALS = frozenset(
    {"agreement", "deal", "accord", "truce", "ceasefire", "pact", "arrangement", "agree",
     "understanding", "settlement"}
)  # fmt: skip
