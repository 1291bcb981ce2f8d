"""Where fire came from: the country a sentence says rockets or shells were fired from.

ACLED codes an unidentified attacker by where it fired from ("mortar shells fired from
Lebanon" at an Israeli post: an Unidentified Armed Group (Lebanon)), while the victims stay
the event country's.
"""

from __future__ import annotations

import re

from orbat.nlp.gazetteer import Gazetteer
from orbat.packs.theatre import TheatreWords


def fire_origin(
    sentence: str, country: str | None, gazetteer: Gazetteer, words: TheatreWords
) -> str | None:
    """The country ``sentence`` says the fire came from ("rockets fired from Syrian
    territory", "launched from Lebanon", "fired from Gaza"), when it is not ``country``, the
    event's own."""
    found = _FIRED_FROM.search(sentence)
    if found is None:
        return None
    words_of_name = found.group("name").split()
    for size in range(len(words_of_name), 0, -1):  # "Syrian Territory", then "Syrian"
        name = " ".join(words_of_name[:size])
        origin = _country_named(name, gazetteer, words, towns=size == len(words_of_name))
        if origin is not None:
            return None if origin == country else origin
    return None


def _country_named(
    name: str, gazetteer: Gazetteer, words: TheatreWords, *, towns: bool
) -> str | None:
    """The country ``name`` names: itself, its people's adjective ("Syrian territory"), a
    region of it ("fired from Gaza"), or (with ``towns``: the whole name, not a first word
    of it) a town of the theatre no other country has one so named ("fired from Tal
    Rifaat")."""
    code = words.demonyms.get(name.lower())
    named = gazetteer.country(code or name) or next(
        (p for p in gazetteer.lookup(name) if p.kind == "admin1"), None
    )
    if named is not None:
        return named.country
    if not towns:
        return None
    # Only the theatre's towns: a village the gazetteer lacks must not become a namesake
    # far away ("the Sheikh Amir village area" near Erbil is no Afghan town).
    places = [p for p in gazetteer.lookup(name) if p.kind != "country"]
    countries = {p.country for p in places}
    theatre = all(p.country_code in gazetteer.theatre for p in places)
    return countries.pop() if len(countries) == 1 and theatre else None


#: "fired from Lebanon", "launched from Syrian territory", "fired from southern Lebanon",
#: "fired from the town of Tal Rifaat" (the name's first one to three words).
_FIRED_FROM = re.compile(
    r"\b(?:fired|launched|came)\s+from\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:village|town|city|district)\s+of\s+)?"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+(?:[a-z]{2}-)?[A-Z][a-z’'-]+){0,2})"
)
