"""The actors a text names, as ACLED names them: the pack's resolver, and a state named before
the means it fights with ("US warplanes", "Turkish drones") as that state's forces.

:func:`default_finder` gives the finder of a pack; :mod:`orbat.extract.actors` gives the found
actors their roles in an event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from orbat.extract.named_groups import named_groups
from orbat.extract.state_forces import military_name, police_name, state_names
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from orbat.packs import Pack

__all__ = ["ActorFinder", "FoundActor", "default_finder"]


@dataclass(frozen=True, slots=True)
class FoundActor:
    """An actor named in a text: the span, and the ACLED name and inter code it resolves to.

    ``generic`` marks a bare descriptor of people ("civilians", "protesters"): whose country
    they are is the event's, not whatever country the pack lists first. ``wielder`` marks a
    state named as the owner of the weapon that struck ("US airstrikes"): the attacker.
    ``unlisted`` marks a group no pack lists, named as the text names it ("Taliban
    fighters": :mod:`orbat.extract.named_groups`).
    """

    start: int
    end: int
    acled_name: str
    inter: int | None
    generic: bool = False
    wielder: bool = False
    unlisted: bool = False


class ActorFinder(Protocol):
    """Finds the actors named in ``text``; ``context`` is the article it stands in, whose full
    names support the weak aliases in ``text``."""

    def __call__(
        self, text: str, when: dt.date | None = None, context: str | None = None
    ) -> list[FoundActor]: ...


# What a state fights with: "<state word> <means>" is that state's forces acting ("US
# warplanes", "Israeli missiles", "Syrian government helicopters", "Russia's air force"; its
# police for "Turkish police").
# A hyphen after the state word ("US-backed", "Iranian-made") is someone else's forces.
# An instrument ("US airstrikes were undertaken", "Israeli missiles hit") is always wielded by
# its owner, whatever the grammar; forces ("Iraqi soldiers were killed") take the parse's role.
_MEANS = re.compile(
    r"(?:['’]s)?\s+(?:(?:military|army|air\s+force|naval|government|regime|state|security|"
    r"armed|fighter|attack|combat|unmanned|ballistic|cruise|guided|suicide|kamikaze)\s+)?"
    # Hostile outlets' epithets: "American occupation forces", "US terrorist forces", "the
    # Israeli enemy's drone", "the Turkish occupation army".
    r"(?:(?:occupation|occupying|terrorist|invading|aggressor|enemy(?:['’]s)?)\s+)?"
    # An aircraft's type between ("US B-52 bombers", "Russian Su-24 jets", "Turkish F-16s"),
    # or its model's name before the aircraft or missile ("French Rafale jets", "US Reaper
    # drones", "Yemen's Zalzal-3 missile", "Iran's Fateh-110 missiles").
    r"(?:(?-i:[A-Z][A-Za-z]?)-?\d{1,3}[A-Z]?(?:s\b|\s+)|(?-i:[A-Z][a-z]+)(?:-\d{1,3}[A-Z]?)?\s+"
    r"(?:(?:ballistic|cruise|guided)\s+)?"
    r"(?=(?:war\s*planes?|jets?|drones?|aircraft|helicopters?|bombers?|fighter|missiles?"
    r"|rockets?|(?:military\s+|air\s+)?bases?)\b))?"
    r"(?:(?P<instrument>war\s*planes?|jets?|(?-i:[A-Z])-?\d{1,3}s\b|"
    r"aircraft|planes?|drones?|helicopters?|gunships?|artillery|missiles?|rockets?|"
    r"air\s*strikes?|air\s+raids?|strikes?|shelling|shells|bombardment|warships?|bombers?|raids?|"
    r"attacks?|snipers?(?:\s+fire)?|"
    r"(?:gun)?fire)|forces|troops|"
    # "a convoy of the American occupation": militia statements' name for US forces; "the
    # Turkish Defence Ministry said its forces …": the ministry speaks for them.
    r"occupation|defen[cs]e\s+ministry|soldiers?|army|military|tanks|navy|air\s+force"
    r"|special\s+forces|marines"
    # Hostile outlets' word for a state: "groups affiliated with the Turkish regime" (the
    # pack's bare "regime" is Syria's).
    r"|regime"
    # What a state's forces hold or move in stands for them as a target: "a U.S. base",
    # "a Turkish patrol", "Turkish positions".
    r"|bases?|convoys?|patrols?|positions|outposts?|military\s+bases?"
    r"|observation\s+(?:points?|posts?)"
    r"|ground\s+forces"
    r"|ground\s+troops|land\s+forces|border\s+guards?|security\s+forces|servicem[ae]n"
    r"|(?P<police>police(?:m[ae]n)?|police\s+officers?|riot\s+police|police\s+forces))\b",
    re.I,
)


_AND = " and "  # "Syrian and Russian air strikes"
_BELIEVED = re.compile(
    r"\b(?:war\s*planes?|jets?|aircraft|drones?|helicopters?|bombers?|warships?)\s+"
    r"(?:(?:widely|likely|probably)\s+)?(?:believed|thought|suspected|presumed)\s+to\s+"
    r"(?:be|have\s+been)\s+(?:the\s+)?$"
    # "Airstrikes attributed to Israel hit a weapons depot": the state they are laid to.
    r"|\b(?:air\s*strikes?|strikes?|air\s+raids?|raids?|bombardment|shelling)\s+"
    r"(?:(?:widely|generally)\s+)?(?:attributed|ascribed)\s+to\s+$",
    re.I,
)
_BELIEVED_REACH = 60
# A state's name before "-backed" names the patron of whom the phrase speaks, not its forces.
_BACKING = re.compile(
    r"-(?:backed|linked|affiliated|aligned|allied|sponsored|supported|funded|trained|armed)\b",
    re.I,
)
_DRESS = re.compile(r"\s+(?:clothes|clothing|dress|attire|uniforms?|fatigues)\b", re.I)
_FORMER = re.compile(r"\b(?:former|ex-)\s*$", re.I)
_HEDGED = re.compile(r"\b(?:alleged|suspected|purported|possible|apparent)\s+(?:the\s+)?$", re.I)


def default_finder(pack: Pack | None = None) -> ActorFinder:
    """The resolver of ``pack`` (default: the selected one), wrapped to give ACLED names and
    inter codes, plus a state's name or adjective before the means it fights with
    (:data:`_MEANS`) as its forces; built once per pack."""
    if pack is None:
        from orbat.packs import load_pack

        pack = load_pack()
    return _finder_for(pack)


@lru_cache(maxsize=4)
def _finder_for(pack: Pack) -> ActorFinder:
    from orbat.resolve.actors import ActorResolver

    resolver = ActorResolver(pack)
    states = state_names(pack)
    state_words = re.compile(
        r"\b(?:"
        + "|".join(re.escape(w) for w in sorted(states.words(), key=len, reverse=True))
        + r")(?![\w.-])"
    )

    def is_state_word(word: str) -> bool:
        return states.country(word) is not None

    def find(
        text: str, when: dt.date | None = None, context: str | None = None
    ) -> list[FoundActor]:
        day = when.isoformat() if when else None
        found = []
        former: list[tuple[int, int]] = []
        for mention in resolver.find_mentions(text, when=day, context=context):
            if _FORMER.search(text, max(0, mention.start - 12), mention.start):
                # "a former rebel commander" is no longer the group's; nor is the "Syrian
                # Army" inside "a former Free Syrian Army commander" anyone's forces.
                former.append((mention.start, mention.end))
                continue
            actor = pack.actor(mention.actor_id)
            if (
                actor is not None
                and actor.inter == Inter.STATE_FORCES
                and _BACKING.match(text, mention.end)
            ):
                continue  # "Syrian regime-backed mercenaries" are not the regime's forces
            if _DRESS.match(text, mention.end):
                # "men in civilian clothes", "gunmen in military uniform": not the people
                # the clothes are those of.
                continue
            if actor is not None:
                generic = mention.method == "descriptor"
                found.append(
                    FoundActor(
                        mention.start, mention.end, actor.acled_name_on(day), actor.inter, generic
                    )
                )
        for m in state_words.finditer(text):
            if any(s <= m.start() < e for s, e in former):
                continue
            if _HEDGED.search(text, max(0, m.start() - 20), m.start()):
                continue  # "an alleged US airstrike": the attribution is not the text's own
            means = _MEANS.match(text, m.end())
            joined = text.startswith(_AND, m.end())
            shared = state_words.match(text, m.end() + len(_AND)) if joined else None
            if means is None and shared is not None:
                # "Syrian and Russian air strikes": both states' strikes, the first named first.
                means = _MEANS.match(text, shared.end())
            start, end = m.start(), means.end() if means is not None else m.end()
            if _BACKING.match(text, end):
                continue
            if means is None:
                # "warplanes believed to be Russian": the state named after its means.
                believed = _BELIEVED.search(text, max(0, m.start() - _BELIEVED_REACH), start)
                if believed is None:
                    continue
                start = believed.start()
            wielder = means is None or means["instrument"] is not None
            overlapping = [a for a in found if a.start < end and start < a.end]
            if overlapping and all(start < a.start and a.end <= end for a in overlapping):
                # A pack name inside a longer state word ("the Zionist regime's warplanes" holds
                # the Syrian "regime"): the state word is the name.
                found = [a for a in found if a not in overlapping]
            elif overlapping:
                # The pack knows the phrase ("Turkish drone"); it still names a wielder.
                found = [replace(a, wielder=wielder) if a in overlapping else a for a in found]
                continue
            actor_id = states.actor(m.group(), day)
            country = states.country(m.group())
            if actor_id is not None:
                actor = pack.actor(actor_id)
                name, inter = actor.acled_name_on(day), actor.inter
                country = actor.country or country
            elif country is not None:
                # A state the pack has no forces of ("Yemeni government forces", "Jordanian
                # troops", "Saudi warplanes"): ACLED's generic name for them.
                name, inter = military_name(country, when, pack), int(Inter.STATE_FORCES)
            else:
                continue
            if means is not None and means["police"] and country:
                name = police_name(country, when, pack)  # "Turkish police"
            found.append(FoundActor(start, end, name, inter, False, wielder))
        if context:
            found += _by_acronym(text, found, defined_acronyms(context, when))
        # "Abu Sayyaf gunmen": the pack's bare "gunmen" gives way to the group they are of.
        taken = [(a.start, a.end) for a in found if not a.generic]
        for start, end, name, inter in named_groups(
            text, taken, is_state_word, _known_place, context
        ):
            found = [a for a in found if not (start <= a.start and a.end <= end)]
            found.append(FoundActor(start, end, name, inter, unlisted=True))
        return sorted(found, key=lambda a: a.start)

    @lru_cache(maxsize=16)
    def defined_acronyms(article: str, when: dt.date | None) -> tuple[tuple[str, FoundActor], ...]:
        """The acronyms ``article`` defines for actors it names in full: "Turkish Armed Forces
        (TAF)" makes a later "TAF" the Turkish military, as the reader takes it."""
        defined = []
        for m in _DEFINITION.finditer(article):
            before = article[max(0, m.start() - _DEFINITION_REACH) : m.start()]
            named = [a for a in find(before, when) if not a.generic]
            if not named or named[-1].end != len(before):
                continue  # the words before the brackets are not an actor's name
            actor = named[-1]
            initials = {w[0].upper() for w in before[actor.start :].split() if w[:1].isalpha()}
            if m["acronym"][0] in initials:
                defined.append((m["acronym"], actor))
        return tuple(defined)

    return find


# "Turkish Armed Forces (TAF)": an acronym defined in brackets right after a name.
_DEFINITION = re.compile(r"\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,7})\)")
#: How far before the brackets the defined name may start.
_DEFINITION_REACH = 80


def _by_acronym(
    text: str, found: list[FoundActor], defined: tuple[tuple[str, FoundActor], ...]
) -> list[FoundActor]:
    """The actors ``text`` names by an acronym its article defined, where nothing else was
    found (the definition's own brackets repeat the name already found before them)."""
    named: list[FoundActor] = []
    for acronym, actor in defined:
        for m in re.finditer(rf"(?<![\w(&-]){re.escape(acronym)}(?![\w)&-])", text):
            if not any(a.start < m.end() and m.start() < a.end for a in (*found, *named)):
                named.append(replace(actor, start=m.start(), end=m.end()))
    return named


#: A place this big, spelled as the text spells it, is a place before it is a group's name
#: ("Idlib rebels", "Gaza militants"); a hamlet of the name is not ("Taliban", a Kurdish
#: village).
_PLACE_POPULATION = 5_000


@lru_cache(maxsize=1024)
def _known_place(name: str) -> bool:
    from orbat.nlp.gazetteer import load_gazetteer

    spelled = name.casefold()
    return any(
        (p.kind != "city" or p.id.startswith("pack:") or p.population >= _PLACE_POPULATION)
        and spelled in (n.casefold() for n in (p.name, *p.names))
        for p in load_gazetteer().lookup(name)
    )
