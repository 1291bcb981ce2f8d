"""Who took a place a capture sentence talks about, and whether a capture word reports one.

"Syrian government forces seized control of the highway" is the government regaining
territory; "rebel fighters took control of the district" a non-state actor overtaking it. The
classifier asks this module which, from the parse of the capture verb's subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from orbat.extract.retype import retyped
from orbat.extract.state_forces import military_name
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from orbat.extract.classify import Cue
    from orbat.extract.records import EventRecord
    from orbat.packs import Pack

__all__ = [
    "captures_people",
    "describes_holding",
    "frees_people",
    "names_a_place_after",
    "taker_decides",
    "takes_a_person",
    "territory_winner",
    "the_state_regains",
]

_REGAINS = "Government regains territory"
_OVERTAKES = "Non-state actor overtakes territory"
# ACLED inter codes of armed groups that are no state's: rebels, political and identity militias.
_NON_STATE = frozenset(
    {int(Inter.REBEL_GROUP), int(Inter.POLITICAL_MILITIA), int(Inter.IDENTITY_MILITIA)}
)


def taker_decides(record: EventRecord) -> EventRecord:
    """``record`` with its capture sub-type set by the actor that took the place, once the
    actors are known: the classifier guessed from words ("The Kurdish-led forces seized
    Tabqa": "forces" sounds like a state's), but ACLED's "Government regains territory" is
    for the state's own forces and "Non-state actor overtakes territory" for everyone else's.
    An unnamed taker leaves the guess standing."""
    taker, inter = record.actor1 or "", record.inter1
    if record.sub_event_type == _REGAINS and inter in _NON_STATE and not _unnamed(taker):
        return retyped(record, _OVERTAKES)
    if record.sub_event_type == _OVERTAKES and inter == int(Inter.STATE_FORCES):
        own = record.country and f" of {record.country}" in taker
        if own and record.inter2 in _NON_STATE:
            return retyped(record, _REGAINS)
    return record


def the_state_regains(record: EventRecord, pack: Pack) -> EventRecord:
    """``record`` with the military of its country as the taker of territory ACLED's
    "Government regains territory" gives the state by definition, when the text leaves the
    taker unnamed ("the town was retaken on Monday", "the liberation of key towns"): the
    sub-type already says it was the government's forces (see :func:`territory_winner`), so
    "Unidentified Armed Group" would contradict it. Run once the event's country is known."""
    if record.sub_event_type != _REGAINS or not _unnamed(record.actor1 or "") or not record.country:
        return record
    return retyped(
        record,
        _REGAINS,
        actor1=military_name(record.country, record.event_date, pack),
        inter1=int(Inter.STATE_FORCES),
    )


def _unnamed(actor: str) -> bool:
    return actor.startswith("Unidentified")


def territory_winner(doc: Doc | Span, cap: Cue, by: dict[str, list[Cue]]) -> str:
    """``state`` or ``nonstate``: who took the place the capture cue ``cap`` talks about.

    The grammatical subject of the capture verb took it, unless the verb is passive ("were
    pushed back"), in which case the subject lost it. Without a parseable subject, the
    nearest actor word before the verb decides; with none, government forces are assumed,
    because news reports recaptures by states far more often than the reverse.
    """
    offset = doc.start if isinstance(doc, Span) else 0
    verb = doc[cap.start - offset : cap.end - offset].root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    # A conjoined verb ("pushed into X and retook Y") shares its first verb's subject, and so
    # does a participle clause ("troops pushed into the enclave, capturing a village").
    while verb.dep_ in ("conj", "advcl") and not any(
        c.dep_.startswith("nsubj") for c in verb.children
    ):
        verb = verb.head
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    subject = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    state, nonstate = by.get("ctx:state_actors", []), by.get("ctx:nonstate_actors", [])
    if verb.lemma_.lower() == "lose":
        # "Daesh lost control of al-Shaddadi to the SDF": the winner is whom it was lost to;
        # without one named, the loser's enemy.
        to = [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
        if to:
            won = _kind_in(min(t.i for t in to), max(t.i for t in to) + 1, state, nonstate)
            if won is not None:
                return won
        passive = True
    kind = None
    if subject:
        # The subject's head noun and its modifiers, not its prepositional tail ("forces in
        # a crackdown on Taliban militants" are state forces).
        lo = min(s.left_edge.i for s in subject)
        hi = max(s.i for s in subject) + 1
        kind = _kind_in(lo, hi, state, nonstate)
    if kind is None:
        before = [c for c in state + nonstate if c.sentence == cap.sentence and c.end <= cap.start]
        if before:
            nearest = max(before, key=lambda c: c.end)
            kind = "state" if nearest.label == "ctx:state_actors" else "nonstate"
            passive = False
    if kind is None:
        return "state"
    if passive:
        return "nonstate" if kind == "state" else "state"
    return kind


def _kind_in(lo: int, hi: int, state: list[Cue], nonstate: list[Cue]) -> str | None:
    # Non-state words win inside one subject: "Turkish-backed Syrian rebel fighters".
    if any(lo <= c.start < hi for c in nonstate):
        return "nonstate"
    if any(lo <= c.start < hi for c in state):
        return "state"
    return None


#: Words that make an attributive capture word recent news again ("newly liberated areas").
_RECENT = frozenset({"newly", "recently", "just"})


def describes_holding(doc: Doc | Span, cap: Cue) -> bool:
    """Whether the capture word ``cap`` only says who holds a place: "the occupied Golan",
    "liberated areas", "captured territory" use the participle as an adjective before its
    noun and report no change of hands (unless it is recent: "newly liberated villages")."""
    if cap.end - cap.start != 1:
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    token = doc[cap.start - offset]
    if token.dep_ != "amod" or token.head.i < token.i:
        return False
    before = doc[cap.start - offset - 1] if cap.start - offset > 0 else None
    recent = before is not None and before.lower_ in _RECENT
    return not recent and not any(c.lower_ in _RECENT for c in token.children)


def names_a_place_after(doc: Doc | Span, cap: Cue, *, moving: bool = False) -> bool:
    """Whether a name follows the capture cue ``cap`` closely ("restored control over
    Marhamiyah", "recaptured Palmyra"): the place taken, without a word like "village". In a
    clause of time ("the crossing was closed when rebels took control of Damascus") the
    capture is the setting of another report. Entering is only movement, unless ``moving``
    (the sentence tells of a withdrawal or a deal) makes it a taking."""
    offset = doc.start if isinstance(doc, Span) else 0
    verb = doc[cap.start - offset : cap.end - offset].root
    if verb.lemma_.lower() in _MOVEMENT and not moving:
        return False
    if verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SETTING for c in verb.children
    ):
        return False
    after = doc[cap.end - offset : cap.end - offset + 3]
    return any(
        t.ent_type_ in ("GPE", "LOC", "FAC")
        or (t.pos_ == "PROPN" and t.ent_type_ not in _NOT_PLACES)
        for t in after
    )


#: Capture words that are also plain movement: only a word like "village" makes them a
#: capture ("the lorry had entered Iraq").
_MOVEMENT = frozenset({"enter", "storm"})
#: Conjunctions of a clause that sets the time of another ("… when rebels took Damascus").
_SETTING = frozenset({"when", "since", "after", "before", "until", "as", "once"})
#: Entity types of a proper noun that is no place ("freed on Tuesday"); the small tagger calls
#: many a town a person ("restored control over Palmyra").
_NOT_PLACES = frozenset({"DATE", "TIME", "NORP", "ORDINAL", "CARDINAL", "EVENT"})


def captures_people(doc: Doc | Span, cap: Cue) -> bool:
    """Whether the capture word ``cap`` took people of an armed group, not ground: "captured
    a senior ISIS leader in a raid", "seized an Islamic State emir". ACLED codes forces
    detaining them, the state or an actor in control of the area, as Arrests."""
    offset = doc.start if isinstance(doc, Span) else 0
    verb = doc[cap.start - offset]
    # Only taking words: enemies "driven back" or "pushed out" lost ground, not freedom.
    return verb.lemma_.lower() in _TAKING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _HELD_PEOPLE for c in verb.children
    )


_TAKING = frozenset({"capture", "seize", "nab"})


def frees_people(doc: Doc | Span, cap: Cue) -> bool:
    """Whether the capture word ``cap`` freed people, not ground: "citizens who have been
    liberated from villages around Raqqa", "troops freed 20 hostages". No place changed hands
    in the telling (if one did, the sentence that says so codes it)."""
    offset = doc.start if isinstance(doc, Span) else 0
    verb = doc[cap.start - offset : cap.end - offset].root
    if verb.lemma_.lower() not in _FREEING:
        return False
    freed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":  # "citizens who have been liberated": the clause's noun
        freed.append(verb.head)
    return any(t.lemma_.lower() in _FREED_PEOPLE for t in freed)


def takes_a_person(doc: Doc | Span, cue: Cue) -> bool:
    """Whether the seizing word ``cue`` (a weapons-seizure cue) took a person, not arms:
    "men in civilian clothes seized a 27-year-old activist" is an abduction."""
    if cue.label != "cue:disrupted_weapons:strong" or cue.end - cue.start != 1:
        return False
    offset = doc.start if isinstance(doc, Span) else 0
    verb = doc[cue.start - offset]
    return verb.lemma_.lower() in _SEIZING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _SEIZED_PEOPLE for c in verb.children
    )


_SEIZING = frozenset({"seize", "grab", "snatch"})
_SEIZED_PEOPLE = frozenset(
    {"activist", "journalist", "man", "woman", "child", "boy", "girl", "student", "doctor",
     "lawyer", "engineer", "civilian", "shepherd", "farmer", "worker", "resident", "person",
     "teacher", "blogger", "protester", "demonstrator", "youth", "son", "daughter", "organiser",
     "organizer", "cleric", "businessman", "trader", "merchant", "contractor", "candidate"}
)  # fmt: skip


_FREEING = frozenset({"liberate", "free", "release", "rescue"})
_FREED_PEOPLE = frozenset(
    {"citizen", "civilian", "people", "person", "resident", "hostage", "captive", "prisoner",
     "detainee", "woman", "child", "family", "villager", "inhabitant", "yazidi", "abductee"}
)  # fmt: skip


# The people a raid takes: ranks and roles in an armed group, and suspects.
_HELD_PEOPLE = frozenset(
    {"leader", "commander", "emir", "amir", "official", "operative", "militant", "member",
     "suspect", "wali", "financier", "recruiter", "terrorist", "jihadist", "smuggler"}
)  # fmt: skip
