"""Who did what to whom in an Arabic sentence: the parties it names and their roles.

Arabic reports put the verb first and mark roles with small words (``من قبل`` "by",
``على`` "on", ``مع`` "with", ``ل`` joined to a name after an attack noun: "هجوم لعناصر داعش"
"an attack by IS fighters"); there is no Arabic parse in orbat, so roles are read from the
word before each name, as the lexicon's ``[roles]`` table lists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orbat.extract.arabic.lexicon import ArabicLexicon
from orbat.extract.arabic.names import ActorName, ArabicActors
from orbat.extract.arabic.text import ReadText, Sentence
from orbat.nlp.arabic import parse_arabic_number
from orbat.packs import PackError

__all__ = ["Party", "assign_roles", "find_parties", "generic_party"]

# Inter codes of ACLED's generic actors, by the lexicon's [actors.generic] group.
_GENERIC = {
    "unidentified": ("Unidentified Armed Group ({})", 3, "unidentified-armed-group-{}"),
    "unidentified_military": ("Unidentified Military Forces", 8, "unidentified-military-forces"),
    "civilians": ("Civilians ({})", 7, "civilians-{}"),
    "protesters": ("Protesters ({})", 6, "protesters-{}"),
}


@dataclass(frozen=True, slots=True)
class Party:
    """An actor a sentence names, coded: ACLED name, inter code, pack id, tokens, role."""

    acled_name: str
    inter: int | None
    actor_id: str | None
    first: int
    last: int
    role: str  # agent | target | victim | partner | "" (unmarked)
    kind: str = "named"  # named | state | occupier | generic group name


def generic_party(
    group: str, country: str | None, first: int, last: int, role: str, pack: ArabicActors
) -> Party | None:
    """ACLED's generic actor of ``group`` for ``country`` ("Civilians (Iraq)")."""
    name, inter, pack_id = _GENERIC[group]
    if "{}" in name and not country:
        return None
    actor_id = pack_id.format((country or "").lower())
    try:
        actor = pack.pack.actor(actor_id)
    except PackError:
        return Party(name.format(country), inter, None, first, last, role, group)
    return Party(actor.acled_name, actor.inter, actor.id, first, last, role, group)


def _role_before(text: ReadText, sentence: Sentence, first: int, lexicon: ArabicLexicon) -> str:
    """The role the words before token ``first`` give a name starting there."""
    tokens = text.tokens
    j = first - 1
    while j >= sentence.first:
        word = lexicon.roles.match_at(tokens, j, j + 1)
        if (word is not None and word.value == "transparent") or parse_arabic_number(
            tokens[j].text
        ) is not None:
            j -= 1
        else:
            break
    if j < sentence.first:
        return "agent" if first == sentence.first else ""
    for start in (j - 1, j):
        if start < sentence.first:
            continue
        phrase = lexicon.roles.match_at(tokens, start, j + 1)
        if phrase is not None and start + len(phrase) == j + 1 and phrase.value != "transparent":
            return phrase.value
    return ""


def find_parties(
    text: ReadText,
    sentence: Sentence,
    names: list[ActorName],
    country: str | None,
    country_code: str | None,
    day: dt.date | None,
    actors: ArabicActors,
    lexicon: ArabicLexicon,
) -> list[Party]:
    """The parties a sentence names, each with the role the words before it give.

    1. The pack's actors by their Arabic aliases; a state force of another country than the
       event's is dropped ("القوات الأمنية" in a Syrian town are not Iraq's).
    2. States by adjective: after a weapon noun ("غارات أمريكية") the wielder, else a target.
    3. "The occupation": the US in Iraq and Syria, Israel in Israel and Lebanon (a target).
    4. Generic people: unidentified gunmen (agents), civilians (victims), protesters.
    """
    tokens = text.tokens
    parties: list[Party] = []
    taken: set[int] = set()
    # 1.
    for name in names:
        actor = actors.choose(name.ids, country, day)
        if actor.inter == 1 and country and actor.country and actor.country != country:
            continue
        role = _role_before(text, sentence, name.first, lexicon)
        parties.append(Party(actor.acled_name, actor.inter, actor.id, name.first, name.last, role))
        taken |= set(range(name.first, name.last))
    # 2.
    for i, phrase in lexicon.states.find(tokens, sentence.first, sentence.last):
        if i in taken:
            continue
        actor = actors.pack.actor(phrase.value)
        wielded = any(
            lexicon.wielder_nouns.match_at(tokens, j, i) is not None
            for j in (i - 1, i - 2)
            if j >= sentence.first
        )
        role = "agent" if wielded else _role_before(text, sentence, i, lexicon) or "target"
        parties.append(
            Party(actor.acled_name, actor.inter, actor.id, i, i + len(phrase), role, "state")
        )
        taken |= set(range(i, i + len(phrase)))
    # 3.
    occupier = lexicon.occupier.get(country_code or "")
    if occupier:
        for i, phrase in lexicon.occupier_words.find(tokens, sentence.first, sentence.last):
            if i not in taken:
                actor = actors.pack.actor(occupier)
                parties.append(
                    Party(actor.acled_name, actor.inter, actor.id, i, i + len(phrase), "target",
                          "occupier")
                )  # fmt: skip
                taken |= set(range(i, i + len(phrase)))
    # 4.
    for i, phrase in lexicon.generic.find(tokens, sentence.first, sentence.last):
        if i in taken:
            continue
        role = {"civilians": "victim", "protesters": ""}.get(phrase.value, "agent")
        party = generic_party(phrase.value, country, i, i + len(phrase), role, actors)
        if party is not None:
            parties.append(party)
    return sorted(parties, key=lambda p: p.first)


def assign_roles(parties: list[Party]) -> tuple[Party | None, Party | None]:
    """actor1 and actor2 of an event from its sentence's parties.

    actor1: the first agent; else the first unmarked party; else, when someone else is the
    target, the partner ("مع"). actor2: the first target or victim other than actor1 (named
    actors before generic civilians), then partners, unmarked parties, other agents.
    Each ACLED name is used once.
    """

    def of(*roles: str) -> list[Party]:
        return [p for p in parties if p.role in roles]

    agents, unmarked, partners = of("agent"), of(""), of("partner")
    hit = sorted(of("target", "victim"), key=lambda p: p.kind in _GENERIC)
    first: list[Party] = agents or unmarked or (partners if hit else [])
    actor1 = first[0] if first else None
    for party in [*hit, *partners, *unmarked, *agents]:
        if actor1 is None or party.acled_name != actor1.acled_name:
            return actor1, party
    return actor1, None
