"""Namesakes: a gazetteer place that bears the name a text uses but is not the place meant.

The resolver (:mod:`orbat.resolve.places`) scores every place of a name and keeps the best;
these tests then tell whether the best is a false friend the event must not be placed at.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import MutableMapping, Sequence

from rapidfuzz import fuzz

from orbat.nlp.gazetteer import Gazetteer, Place, place_key, scan_form
from orbat.resolve.place_mentions import MentionContext

__all__ = [
    "KNOWN_POPULATION",
    "keep_in_named_countries",
    "loose_stranger",
    "misspelt_namesake",
    "outside_its_container",
    "spells",
    "stray_alternate",
]

#: A place this populous is known; an imported village (which carries no population) is not.
KNOWN_POPULATION = 1_000


def misspelt_namesake(
    best: Place,
    ctx: MentionContext,
    found: Sequence[Place],
    countries: Counter[str],
    gaz: Gazetteer,
) -> bool:
    """Whether ``best`` is a place abroad that only a loose spelling key ties to a word the
    scan knows as an imported village's name: "Barham Salih" is no reason to put an event in
    Sari, Iran ("Salih" ~ "Sari"), when the village Salih lost to it."""
    if best.feature or countries[best.country_code] or gaz.vouched(best, ctx.mention.text):
        return False
    if not any(p.feature and p.country_code in gaz.imported for p in found):
        return False
    return fuzz.ratio(scan_form(ctx.mention.text), scan_form(best.name)) < 75


def loose_stranger(
    best: Place, ctx: MentionContext, countries: Counter[str], gaz: Gazetteer
) -> bool:
    """Whether ``best``, a town the text does not spell as any of its names do, lies in a
    country nothing in the article supports while the article is about others: only a loose
    spelling key ties "Tal Aas", a village in a list of Idlib's, to Talas in Turkey."""
    if best.kind not in ("city", "site") or not countries or countries[best.country_code]:
        return False
    return ctx.demonym != best.country_code and not gaz.vouched(best, ctx.mention.text)


def stray_alternate(
    best: Place, ctx: MentionContext, countries: Counter[str], gaz: Gazetteer
) -> bool:
    """Whether ``best`` is a town of a country the article never names, found only by one of
    its alternate names: "the Mazraa project area of Damascus" is not Elazığ in Turkey
    (once called Mezre), whatever its size. Its own name, a container or a demonym would
    have been support."""
    if best.kind not in ("city", "site") or not countries or countries[best.country_code]:
        return False
    if place_key(best.name) == ctx.key or best.id.startswith("pack:"):
        return False
    supported = ctx.container is not None or ctx.demonym is not None
    return not (supported or gaz.vouched(best, ctx.mention.text))


def outside_its_container(text: str, place: Place, ctx: MentionContext, gaz: Gazetteer) -> bool:
    """A village the text puts "in" a province or city ("the Saqr base in southern Baghdad")
    that the gazetteer has only in another province is a namesake: the village named is one
    the gazetteer lacks, and its container places the event. So is any town put "in" a named
    province of another country ("the village of Koya in Deraa province" is not Koya in
    Erbil), or in a town or province only another country has ("Sida in the Ain Issa
    countryside", "Arab Saeed in western Idlib", "Basra's Hayyaniyah district")."""
    container = ctx.container
    if container is None or place.kind != "city":
        return False
    owner = container.end <= ctx.mention.start  # "Basra's Hayyaniyah district"
    gap = text[ctx.mention.end : container.start]
    if not owner and not _HELD_IN.search(gap):
        # "A, B and C" lists towns; only "in" or "the A district of B" says one holds the other
        return False
    province = _PROVINCE_AFTER.match(text, container.end) is not None
    named = gaz.lookup(container.text)
    outer = [
        p
        for p in named
        if p.country_code == place.country_code and p.kind in ("admin1", "city") and p.admin1
    ]
    if province and not outer:
        # A province of another country: the town named is not this one either.
        return any(p.kind == "admin1" for p in named)
    if named and all(p.kind != "country" and p.country_code != place.country_code for p in named):
        # ... nor is one put in (the countryside of) a town or province only another country
        # has ("the village of Sida in the Ain Issa countryside" is no Turkish resort, "Arab
        # Saeed in western Idlib" no Baghdad village).
        return True
    if place.population >= KNOWN_POPULATION:
        return False  # a known town in the country named: trust it over the province's name
    return bool(outer) and all(p.admin1 != place.admin1 for p in outer)


_PROVINCE_AFTER = re.compile(r"\s+(?:province|governorate)\b", re.I)
_HELD_IN = re.compile(
    r"\bin\b|\b(?:sub-?district|district|area|countryside|outskirts|region)\s+of\s*$", re.I
)


def _country_around(
    text: str,
    ctx: MentionContext,
    by_mention: dict[int, MentionContext],
    gaz: Gazetteer,
) -> Place | None:
    """The country the text puts ``ctx``'s place in, when it spells one: its possessor
    ("Nigeria's Borno state") or where its chain of containers ends ("Gubio in Borno state,
    Nigeria"). ``by_mention`` holds the article's mention contexts by ``id`` of their
    mention."""
    possessor = _POSSESSOR.search(text, max(0, ctx.mention.start - 30), ctx.mention.start)
    owner = _spelled_country(possessor["name"], gaz) if possessor is not None else None
    if owner is not None:
        return owner
    seen: set[int] = set()
    outer = ctx.container
    while outer is not None and id(outer) not in seen:
        seen.add(id(outer))
        country = _spelled_country(outer.text, gaz)
        if country is not None:
            return country
        holder = by_mention.get(id(outer))
        outer = holder.container if holder is not None else None
    return None


_POSSESSOR = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+$")


def _spelled_country(name: str, gaz: Gazetteer) -> Place | None:
    return next((p for p in gaz.lookup(name) if p.kind == "country" and spells(name, p)), None)


def spells(text: str, place: Place) -> bool:
    """Whether ``text`` spells ``place``'s own name (a spelling key shared by accident,
    "Samawah" ~ "Samoa", does not)."""
    return fuzz.ratio(text.casefold(), place.name.casefold()) >= 80


def keep_in_named_countries(
    text: str,
    contexts: Sequence[MentionContext],
    candidates: MutableMapping[int, list[Place]],
    gaz: Gazetteer,
) -> Counter[str]:
    """Keep, of each mention's ``candidates`` (by ``id`` of its context), only the places in
    the country the text puts it in ("Gubio in Borno state, Nigeria" is no Italian town of
    the spelling; a place the gazetteer has only abroad is unknown), and count those
    countries as the article's."""
    countries: Counter[str] = Counter()
    by_mention = {id(c.mention): c for c in contexts}
    for ctx in contexts:
        country = _country_around(text, ctx, by_mention, gaz)
        if country is not None:
            found = candidates[id(ctx)]
            candidates[id(ctx)] = [p for p in found if p.country_code == country.country_code]
            countries[country.country_code] += 1
    return countries
