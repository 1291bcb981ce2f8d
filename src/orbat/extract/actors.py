"""Who did what to whom in an event sentence: actor1/actor2 with ACLED names and inter codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from orbat.extract.classify import Classification
from orbat.extract.taxonomy import Inter

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ActorFinder", "ActorRoles", "FoundActor", "assign_actors", "generic_inter"]


@dataclass(frozen=True, slots=True)
class FoundActor:
    """An actor named in a text: the span, and the ACLED name and inter code it resolves to."""

    start: int
    end: int
    acled_name: str
    inter: int | None


class ActorFinder(Protocol):
    def __call__(self, text: str) -> list[FoundActor]: ...


@dataclass(frozen=True, slots=True)
class ActorRoles:
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None


# Victims that make an attack's target civilians (ACLED actor2 "Civilians (<country>)").
_CIVILIAN_WORDS = re.compile(
    r"\b(civilians?|people|residents?|villagers|famil(?:y|ies)|mother|sisters?|brothers?|"
    r"children|women|workers?|passers-by|refugees|journalists?|activists?|shoppers|"
    r"worshippers|employees?|students?|farmers?|shepherds?)\b",
    re.I,
)
_PROTEST_TYPES = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}
_STATE_DEFAULT_TYPES = {"Arrests", "Excessive force against protesters", "Disrupted weapons use"}
_DRONE = re.compile(r"\bdrones?\b", re.I)

# Walking up the parse from an actor's name: these links keep going to the head.
_PASS_UP = {"compound", "amod", "poss", "appos", "nmod", "conj", "pobj", "prep", "det", "npadvmod"}
_AGENT_PREPS = {"by"}
_PATIENT_PREPS = {"on", "against", "at", "targeting", "toward", "towards", "from"}


def generic_inter(acled_name: str) -> int | None:
    """The inter code ACLED's generic actor names imply."""
    prefixes = (
        ("Civilians", Inter.CIVILIANS),
        ("Protesters", Inter.PROTESTERS),
        ("Rioters", Inter.RIOTERS),
        ("Unidentified Armed Group", Inter.POLITICAL_MILITIA),
        ("Militia", Inter.POLITICAL_MILITIA),
        ("Police Forces of", Inter.STATE_FORCES),
        ("Military Forces of", Inter.STATE_FORCES),
        ("Unidentified Military Forces", Inter.EXTERNAL_OTHER),
    )
    for prefix, code in prefixes:
        if acled_name.startswith(prefix):
            return int(code)
    return None


def _role(token: Token) -> str | None:
    """ "agent" or "patient" from the dependency path above an actor's head token."""
    for _ in range(6):
        dep = token.dep_
        if dep in ("nsubj", "csubj"):
            return "agent"
        if dep in ("nsubjpass", "dobj", "attr"):
            return "patient"
        if dep == "pobj":
            prep = token.head.lower_
            if prep in _AGENT_PREPS:
                return "agent"
            if prep in _PATIENT_PREPS:
                return "patient"
        if dep == "agent":
            return "agent"
        if dep not in _PASS_UP or token.head is token:
            return None
        token = token.head
    return None


def assign_actors(
    sentence: Span,
    coded: Classification,
    country: str | None,
    finder: ActorFinder | None = None,
) -> ActorRoles:
    """Actor1 (who acted), actor2 (against whom) and their associates for an event sentence.

    1. Find the actors the sentence names (pack aliases and descriptors).
    2. Give each a role from the parse: subject or "by X" → actor1; object, passive subject,
       "on/against X" → actor2. Unplaced ones fill the free slot in text order.
    3. A second actor on the same side becomes that side's associated actor.
    4. Fill what is still empty with ACLED's generic actors: protesters for protests, the
       country's police for arrests, civilians as victims of attacks on people, an
       unidentified armed group (or military forces for air strikes) as perpetrator.
    """
    find = finder or default_finder()
    offset = sentence.start_char
    # 1.
    found = find(sentence.text)
    doc = sentence.doc
    agents: list[FoundActor] = []
    patients: list[FoundActor] = []
    loose: list[FoundActor] = []
    # 2.
    for actor in found:
        span = doc.char_span(offset + actor.start, offset + actor.end, alignment_mode="expand")
        role = _role(span.root) if span is not None else None
        bucket = agents if role == "agent" else patients if role == "patient" else loose
        if all(a.acled_name != actor.acled_name for a in agents + patients + loose):
            bucket.append(actor)
    for actor in loose:
        (agents if not agents else patients).append(actor)
    # 3.
    side1 = agents[:2]
    side2 = [p for p in patients if p.acled_name not in {a.acled_name for a in side1}][:2]
    actor1 = side1[0].acled_name if side1 else None
    inter1 = side1[0].inter if side1 else None
    actor2 = side2[0].acled_name if side2 else None
    inter2 = side2[0].inter if side2 else None
    # 4.
    sub = coded.sub_event_type
    where = f" ({country})" if country else ""
    if sub in _PROTEST_TYPES:
        if actor1 is None or inter1 not in (Inter.PROTESTERS, Inter.RIOTERS):
            actor2, inter2 = actor2 or actor1, inter2 or inter1
            actor1, inter1 = f"Protesters{where}", int(Inter.PROTESTERS)
    elif sub == "Excessive force against protesters" and actor2 is None:
        actor2, inter2 = f"Protesters{where}", int(Inter.PROTESTERS)
    civilian_victims = coded.event_type == "Violence against civilians" or (
        sub in ("Arrests", "Attack") and _CIVILIAN_WORDS.search(sentence.text) is not None
    )
    if actor2 is None and civilian_victims:
        actor2, inter2 = f"Civilians{where}", int(Inter.CIVILIANS)
    if actor1 is None and sub not in _PROTEST_TYPES:
        if sub in _STATE_DEFAULT_TYPES and country:
            actor1 = f"Police Forces of {country}"
        elif sub == "Air/drone strike" and not _DRONE.search(sentence.text):
            actor1 = "Unidentified Military Forces"
        else:
            actor1 = f"Unidentified Armed Group{where}"
        inter1 = generic_inter(actor1)
    return ActorRoles(
        actor1=actor1,
        assoc_actor_1=side1[1].acled_name if len(side1) > 1 else None,
        inter1=inter1 if inter1 is not None else generic_inter(actor1 or ""),
        actor2=actor2,
        assoc_actor_2=side2[1].acled_name if len(side2) > 1 else None,
        inter2=inter2 if inter2 is not None else (generic_inter(actor2) if actor2 else None),
    )


@lru_cache(maxsize=1)
def default_finder() -> ActorFinder:
    """The actor pack's resolver, wrapped to give ACLED names and inter codes."""
    from orbat.packs import load_pack
    from orbat.resolve.actors import ActorResolver

    pack = load_pack()
    resolver = ActorResolver(pack)

    def find(text: str) -> list[FoundActor]:
        found = []
        for mention in resolver.find_mentions(text):
            actor = pack.actor(mention.actor_id)
            if actor is not None:
                found.append(FoundActor(mention.start, mention.end, actor.acled_name, actor.inter))
        return found

    return find
