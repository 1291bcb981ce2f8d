"""Who did what to whom in an event sentence: actor1/actor2 with ACLED names and inter codes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from orbat.extract.actor_finder import ActorFinder, FoundActor, default_finder
from orbat.extract.classify import Classification
from orbat.extract.de_facto import as_de_facto, fire_from_de_facto
from orbat.extract.descriptor_country import of_the_event_country
from orbat.extract.members import specified_descriptors
from orbat.extract.roles import (
    REPORTING_VERBS,
    launched_the_weapon,
    tells_own_act,
    tells_own_loss,
    trailing_attribution,
)
from orbat.extract.roles import role as parse_role
from orbat.extract.state_forces import (
    bare_forces,
    military_name,
    police_name,
    security_is_military,
)
from orbat.extract.states_acting import states_acting
from orbat.nlp.model import article_of
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from orbat.packs import Pack

__all__ = [
    "ActorFinder",
    "ActorRoles",
    "FoundActor",
    "assign_actors",
    "default_finder",
    "generic_inter",
    "named_in_country",
    "of_event_country",
    "unnamed_attacker",
]


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
    r"child|children|women|woman|boys?|girls?|workers?|passers-by|refugees|journalists?|activists?|shoppers|"
    r"worshippers|employees?|students?|farmers?|shepherds?|(?:young|elderly)\s+m[ae]n|a\s+man)\b",
    re.I,
)
# Civilians among the dead or hurt of a strike or a blast make them its target (ACLED's
# actor2), even when the text names no one who aimed at them.
_CIVILIAN_CASUALTIES = re.compile(
    rf"(?:{_CIVILIAN_WORDS.pattern})[^.;]{{0,40}}?\b(?:were|was|have\s+been|had\s+been)?\s*"
    r"(?:killed|wounded|injured|hurt|died|dead|suffered)\b"
    r"|\b(?:killing|wounding|injuring|killed|wounded|injured)\s+(?:\w+\s+){0,3}?"
    rf"(?:{_CIVILIAN_WORDS.pattern})",
    re.I,
)
_PROTEST_TYPES = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}
_STATE_DEFAULT_TYPES = {"Arrests", "Excessive force against protesters", "Disrupted weapons use"}
_DRONE = re.compile(r"\bdrones?\b", re.I)
_BETWEEN = re.compile(r"\bbetween\b", re.I)


def unnamed_attacker(actor1: str | None) -> bool:
    """Whether an event's actor1 names nobody: ACLED's "Unidentified Armed Group (...)" or
    "Unidentified Military Forces" (or none at all)."""
    return actor1 is None or actor1.startswith(("Unidentified Military", "Unidentified Armed"))


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


_DISRUPTED = "Disrupted weapons use"
_BASE_SET_UP = "Headquarters or base established"
_AIR_DEFENCE = re.compile(
    r"\b(?:air\s+defen[cs]es?|intercept\w*|sho(?:t|ot)\s+down|downed|anti-?aircraft)\b", re.I
)
# Arrests and the policing of protests are law enforcement: ACLED codes the "security
# forces" doing them as the country's police.
_LAW_ENFORCEMENT = frozenset(
    {"Arrests", "Excessive force against protesters", "Protest with intervention"}
)
_SECURITY_FORCES = re.compile(r"\bsecurity\s+(?:forces|services|personnel)\b", re.I)
_MILITARY_OF = re.compile(r"^Military Forces of (?P<country>[^(]+?)(?: \(|$)")


def _as_police(actor: FoundActor, text: str, when: dt.date | None, pack: Pack) -> FoundActor:
    named = _MILITARY_OF.match(actor.acled_name)
    if named is None or not _SECURITY_FORCES.search(text[actor.start : actor.end]):
        return actor
    if security_is_military(named["country"], pack):
        return actor  # Iraq's security forces are its military, policing or not
    police = police_name(named["country"], when, pack)
    return FoundActor(actor.start, actor.end, police, int(Inter.STATE_FORCES))


def _subject_of_another_act(token: Token, coded: Classification) -> bool:
    """Whether ``token`` is the subject (or the "by" agent) of a verb that tells of something
    else than the event: "rockets landed near Erbil airport; Peshmerga later found the
    launcher", "the bombers blew themselves up after they were surrounded by police" (no
    event word in the verb's clause, nor the verb above one). A participle describing a thing
    is no other act ("a bomb planted by IS")."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.dep_ != "acl":
        token = token.head
    verb = token.head
    if token.dep_ not in ("nsubj", "agent") or verb.pos_ != "VERB" or not coded.cues:
        return False
    # ("The army retaliated after rockets … hit Kilis": what it answered is not its act.)
    answered = {t.i for c in verb.children if _told_as_before(c) for t in c.subtree}
    inside = {t.i for t in verb.subtree} - answered
    return not any(
        c.i in inside or (verb in c.ancestors and c.i not in answered)
        for c in coded.cue_tokens(token.doc)
    )


def _told_as_before(clause: Token) -> bool:
    """Whether a verb's dependent tells what came before its act ("after rockets hit …").
    Fighting is two-sided: "advanced into Saraqib after days of fighting with rebels" tells
    the subject's own fight, not something it answered."""
    if clause.dep_ == "advcl":
        return any(m.dep_ == "mark" and m.lower_ in _BEFORE_WORDS for m in clause.children)
    if clause.dep_ != "prep" or clause.lower_ not in _BEFORE_WORDS:
        return False
    return not any(t.lemma_.lower() in _FIGHTING for t in clause.subtree)


_BEFORE_WORDS = frozenset({"after", "following", "since"})
_FIGHTING = frozenset({"fighting", "fight", "clash", "clashes", "battle", "confrontation"})


def _military_named(text: str, country: str, pack: Pack) -> bool:
    """Whether ``text`` names, without an owner, forces that are ``country``'s military: the
    army, troops, or "security forces" where the pack says those are the military (Iraq)."""
    kinds = {kind for _, _, kind in bare_forces(text)}
    return "military" in kinds or ("security" in kinds and security_is_military(country, pack))


def sub_is_arrest(coded: Classification) -> bool:
    return coded.sub_event_type == "Arrests"


def assign_actors(
    sentence: Span,
    coded: Classification,
    country: str | None,
    finder: ActorFinder | None = None,
    *,
    when: dt.date | None = None,
    pack: Pack | None = None,
    origin: str | None = None,
) -> ActorRoles:
    """Actor1 (who acted), actor2 (against whom) and their associates for an event sentence.

    1. Find the actors the sentence names (pack aliases and descriptors).
    2. Give each a role from the parse: subject or "by X" → actor1; object, passive subject,
       "on/against X" → actor2. Unplaced ones fill the free slot in text order.
    3. A second actor on the same side becomes that side's associated actor.
    4. Fill what is still empty with ACLED's generic actors: protesters for protests, the
       country's police for arrests, civilians as victims of attacks on people, an
       unidentified armed group (or military forces for air strikes) as perpetrator.

    ``pack`` (default: the selected one) names the state forces and ``finder`` (default: the
    pack's :func:`default_finder`) the actors. ``origin`` is the country the fire came from
    ("mortar shells fired from Lebanon"): an unidentified attacker is that country's group
    (ACLED codes it so), while the victims stay the event country's.
    """
    if pack is None:
        from orbat.packs import load_pack

        pack = load_pack()
    find = finder or default_finder(pack)
    offset = sentence.start_char
    # 1.
    sub = coded.sub_event_type
    found = [
        _in_country(of_the_event_country(a, sentence.text, country, when, pack), country, pack)
        for a in find(sentence.text, when, article_of(sentence.doc))
    ]
    found += states_acting(sentence, coded, found, when, pack)
    if country:
        found += _own_forces(sentence, found, country, when, pack)
    found = as_de_facto(found, sentence.text, country, when, pack)  # "Yemen's missile force"
    # In text order: "The United States carried out air strikes … on U.S. troops" names it
    # acting before it names it targeted.
    found.sort(key=_start)
    if sub in _LAW_ENFORCEMENT:
        found = [_as_police(a, sentence.text, when, pack) for a in found]
    armed = [a.generic and not _GENERIC_PEOPLE.match(a.acled_name.split(" (")[0]) for a in found]
    specified = specified_descriptors(sentence, found)
    found = [a for i, a in enumerate(found) if not (armed[i] and i in specified)]
    doc = sentence.doc
    agents: list[FoundActor] = []
    patients: list[FoundActor] = []
    loose: list[FoundActor] = []
    # Everything in the subject of a reporting verb ("Iraq's PMF, an umbrella grouping of
    # Iran-backed militias, said …") tells of the event; none of it took part as named there.
    # "…, local sources reported": a closing attribution holds the teller; what comes before
    # its comma is what was told, whatever subject the parser hangs on the verb.
    told_up_to = _closing_attribution(sentence)
    sources = {
        t.i
        for tok in sentence
        if tok.dep_ == "nsubj"
        and tok.head.lemma_.lower() in REPORTING_VERBS
        and not tells_own_act(tok.head)
        and not tells_own_loss(tok.head)
        and (told_up_to is None or tok.i > told_up_to)
        for t in tok.subtree
    }
    root = sentence.root
    if told_up_to is not None:
        sources |= {t.i for t in sentence if t.i > told_up_to}
    elif root.lemma_.lower() in REPORTING_VERBS and not (
        tells_own_act(root) or tells_own_loss(root)
    ):
        # The parser does not always find that subject; words before a reporting main verb
        # are its subject in news style, unless they belong to the reported clause.
        reported = {t.i for c in root.children if c.dep_ == "ccomp" for t in c.subtree}
        sources |= {t.i for t in sentence if t.i < root.i and t.i not in reported}
    # 2.
    for actor in found:
        span = doc.char_span(offset + actor.start, offset + actor.end, alignment_mode="expand")
        role = "agent" if actor.wielder else parse_role(span.root) if span is not None else None
        if sub == _DISRUPTED and (
            actor.wielder or (span is not None and launched_the_weapon(span.root))
        ):
            # "intercepted Israeli missiles", "a drone launched by the Houthis": whose weapon
            # was stopped is the disruption's target (the interceptor is actor1 in ACLED).
            role = "patient"
        if role == "alleged":
            # Those arrested "on charges of belonging to ISIS" are ISIS's (ACLED codes them
            # so); the man executed "for collaborating with the regime" was a civilian.
            if not sub_is_arrest(coded):
                continue
            role = "patient"
        if role == "source" or (span is not None and span.root.i in sources):
            continue
        if span is not None and _subject_of_another_act(span.root, coded):
            continue
        bucket = agents if role == "agent" else patients if role == "patient" else loose
        if all(a.acled_name != actor.acled_name for a in agents + patients + loose):
            bucket.append(actor)
    for actor in loose:
        # Those an arrest names without a role are the arrested ("the arrest of 18
        # individuals described as former regime remnants"); the arresting force is the
        # subject or the "by" phrase when the text names it.
        # Civilians named without a role suffered the event ("rockets … slammed into Kilis,
        # killing seven Kurds"): ACLED never codes them as its perpetrator.
        if sub_is_arrest(coded) or agents or actor.inter == Inter.CIVILIANS:
            patients.append(actor)
        else:
            agents.append(actor)
    if sub == _BASE_SET_UP and patients and not agents:
        # "A new Iranian base was set up near Albu Kamal": whose base was set up set it up.
        agents.append(patients.pop(0))
    if len(agents) > 1 and not patients and _BETWEEN.search(sentence.text):
        # "clashes between the SDF and Turkish-backed factions": the second side is actor2.
        patients.append(agents.pop(1))
    # 3.
    side1 = agents[:2]
    side2 = [p for p in patients if p.acled_name not in {a.acled_name for a in side1}][:2]
    actor1 = side1[0].acled_name if side1 else None
    inter1 = side1[0].inter if side1 else None
    actor2 = side2[0].acled_name if side2 else None
    inter2 = side2[0].inter if side2 else None
    # 4.
    where = f" ({country})" if country else ""
    if sub in _PROTEST_TYPES:
        if actor1 is None or inter1 not in (Inter.PROTESTERS, Inter.RIOTERS):
            # The force that acted at the protest is its actor2, not the protesters it hit.
            police = inter1 == Inter.STATE_FORCES or inter2 in (Inter.PROTESTERS, Inter.RIOTERS)
            if police:
                actor2, inter2 = actor1, inter1
            elif inter1 != Inter.CIVILIANS:  # "residents protested": they are the protesters
                actor2, inter2 = actor2 or actor1, inter2 or inter1
            actor1, inter1 = f"Protesters{where}", int(Inter.PROTESTERS)
        if sub == "Peaceful protest":
            # ACLED: a peaceful protest has no second party; what it is against ("the
            # regime's arrest campaign") is its cause.
            actor2, inter2 = None, None
        if sub == "Violent demonstration" and inter1 == Inter.PROTESTERS:
            # ACLED: those who demonstrate violently are rioters, whatever the text calls them.
            actor1 = "Rioters" + actor1[len("Protesters") :]
            inter1 = int(Inter.RIOTERS)
    elif sub == "Mob violence" and (
        actor1 is None or inter1 in (Inter.CIVILIANS, Inter.PROTESTERS)
    ):
        # ACLED: a mob is rioters ("villagers clashed with sticks"), whatever the text calls it.
        actor1, inter1 = f"Rioters{where}", int(Inter.RIOTERS)
    elif sub == "Excessive force against protesters" and (
        actor2 is None or actor2.startswith("Civilians")
    ):
        # ACLED codes the people fired on at a protest as protesters, even "peaceful
        # civilian protesters".
        actor2, inter2 = f"Protesters{where}", int(Inter.PROTESTERS)
    civilian_victims = (
        coded.event_type == "Violence against civilians"
        or (sub in ("Arrests", "Attack") and _CIVILIAN_WORDS.search(sentence.text) is not None)
        or (
            coded.event_type == "Explosions/Remote violence"
            and _CIVILIAN_CASUALTIES.search(sentence.text) is not None
        )
    )
    if actor2 is None and civilian_victims and sub not in _PROTEST_TYPES:
        actor2, inter2 = f"Civilians{where}", int(Inter.CIVILIANS)
    if actor1 is None and sub not in _PROTEST_TYPES:
        if sub == _DISRUPTED and country and _AIR_DEFENCE.search(sentence.text):
            actor1 = military_name(country, when, pack)  # air defences are the army's
        elif sub in _STATE_DEFAULT_TYPES and country:
            # "… killed after security forces opened fire": the force the sentence names,
            # though its clause was not the parse's event.
            army = _military_named(sentence.text, country, pack)
            actor1 = (military_name if army else police_name)(country, when, pack)
        elif sub == "Air/drone strike" and not _DRONE.search(sentence.text):
            actor1 = "Unidentified Military Forces"
        elif origin and (ruler := fire_from_de_facto(origin, country, when, pack)):
            actor1, inter1 = ruler  # fire from Yemen on Saudi Arabia: the Houthis'
        else:
            actor1 = (
                f"Unidentified Armed Group ({origin})"
                if origin
                else f"Unidentified Armed Group{where}"
            )
        inter1 = inter1 if inter1 is not None else generic_inter(actor1)
    return ActorRoles(
        actor1=actor1,
        assoc_actor_1=side1[1].acled_name if len(side1) > 1 else None,
        inter1=inter1 if inter1 is not None else generic_inter(actor1 or ""),
        actor2=actor2,
        assoc_actor_2=side2[1].acled_name if len(side2) > 1 else None,
        inter2=inter2 if inter2 is not None else (generic_inter(actor2) if actor2 else None),
    )


def _closing_attribution(sentence: Span) -> int | None:
    """The index of the comma before a closing attribution ("…, killing two fighters, local
    sources reported."): the main verb tells, and its last subject follows that comma."""
    root = sentence.root
    if root.lemma_.lower() not in REPORTING_VERBS:
        # The parser may hang the teller anywhere: "…, a police officer told Shafaq News."
        return trailing_attribution(sentence)
    if tells_own_act(root) or tells_own_loss(root):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
    if not subjects:
        return None
    comma = subjects[-1].left_edge.i - 1
    if comma <= sentence.start or sentence.doc[comma].text != ",":
        return None
    # "In a separate statement, the cell said aircraft had bombed …": the comma closes a
    # phrase that opens the sentence, not a told clause.
    opening = {t.i for c in root.children if c.dep_ in _OPENERS and c.i < comma for t in c.subtree}
    if all(t.i in opening for t in sentence if t.i < comma):
        return None
    return comma


_OPENERS = frozenset({"prep", "advmod", "npadvmod"})


_COUNTRY_SUFFIX = re.compile(r"^(?P<base>.+) \((?P<country>[^)\d]+)\)$")


def _in_country(actor: FoundActor, country: str | None, pack: Pack) -> FoundActor:
    """The actor as ACLED names it where the event happened.

    * A bare "civilians" or "protesters" are the event country's ("Civilians (Syria)" for
      villagers killed in Hasakah), whatever country the pack lists first.
    * An actor ACLED names per country ("ISIL" is "Islamic State (Syria)" in Syria and
      "Islamic State (Iraq)" in Iraq) takes the event country's name when the pack has it.
    """
    named = _COUNTRY_SUFFIX.match(actor.acled_name)
    if named is None or named["country"] == country:
        return actor
    per_country = of_event_country(named["base"])
    if not country:
        # Of a country the text does not tell, bare "protesters" or "gunmen" are nobody's in
        # particular, not the first country the pack lists.
        return replace(actor, acled_name=named["base"]) if per_country and actor.generic else actor
    if per_country:
        # "Syrian refugees" in Iraq stay Syrian: of people, only a bare descriptor moves. So
        # do "gunmen": ACLED names unknown perpetrators by the event's country, one the pack
        # need not list ("Unidentified Armed Group (Somalia)" for gunmen in Mogadishu).
        moved = f"{named['base']} ({country})" if actor.generic else actor.acled_name
    else:
        moved = named_in_country(actor.acled_name, country, pack)
    return replace(actor, acled_name=moved) if moved != actor.acled_name else actor


def named_in_country(acled_name: str, country: str | None, pack: Pack) -> str:
    """``acled_name`` as ACLED names that actor in ``country``, for actors it names per
    country ("Islamic State (Iraq)" → "Islamic State (Syria)" for an event in Syria), when
    ``pack`` has that name."""
    named = _COUNTRY_SUFFIX.match(acled_name)
    if named is None or not country or _GENERIC_PEOPLE.match(named["base"]):
        return acled_name
    name = f"{named['base']} ({country})"
    if name in _pack_names(pack) or named["base"] in _named_per_country(pack):
        # An actor the pack names in two countries is one ACLED names in every country:
        # "Islamic State (Afghanistan)", "Islamic State (Indonesia)".
        return name
    return acled_name


@lru_cache(maxsize=4)
def _named_per_country(pack: Pack) -> frozenset[str]:
    """The names the pack gives per country ("Islamic State" of Iraq and of Syria), not
    counting generic people, whose country is always the event's."""
    countries: dict[str, set[str]] = {}
    for name in _pack_names(pack):
        named = _COUNTRY_SUFFIX.match(name)
        if named is not None and not _GENERIC_PEOPLE.match(named["base"]):
            countries.setdefault(named["base"], set()).add(named["country"])
    return frozenset(base for base, found in countries.items() if len(found) > 1)


def of_event_country(name: str) -> bool:
    """Whether ``name`` (without a country) is one ACLED names by the event's country: bare
    civilians, protesters, rioters and unknown attackers."""
    return bool(_GENERIC_PEOPLE.match(name)) or name == _UNIDENTIFIED


_GENERIC_PEOPLE = re.compile(r"^(?:Civilians|Protesters|Rioters)$")
_UNIDENTIFIED = "Unidentified Armed Group"


@lru_cache(maxsize=4)
def _pack_names(pack: Pack) -> frozenset[str]:
    return frozenset(a.acled_name for a in pack)


def _start(actor: FoundActor) -> int:
    return actor.start


def _own_forces(
    sentence: Span, found: list[FoundActor], country: str, when: dt.date | None, pack: Pack
) -> list[FoundActor]:
    """The event country's police or military for bare "police", "security forces", "the
    army", "troops", "government forces" no named actor covers ("security forces" are the
    police unless the pack says the country's are its military, as Iraq's)."""
    text = sentence.text
    out: list[FoundActor] = []
    security_police = not security_is_military(country, pack)
    for start, end, kind in bare_forces(text):
        if any(a.start < end and start < a.end for a in [*found, *out]):
            continue
        police = kind == "police" or (kind == "security" and security_police)
        name = police_name(country, when, pack) if police else military_name(country, when, pack)
        out.append(FoundActor(start, end, name, int(Inter.STATE_FORCES)))
    return out
