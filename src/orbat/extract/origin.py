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
    name = found.group("name")
    code = words.demonyms.get(name.lower())  # "from Syrian territory"
    named = gazetteer.country(code or name) or next(
        (p for p in gazetteer.lookup(name) if p.kind == "admin1"), None
    )  # "fired from Gaza": a region names its country too
    if named is None or named.country == country:
        return None
    return named.country


#: "fired from Lebanon", "launched from Syrian territory", "fired from southern Lebanon".
_FIRED_FROM = re.compile(
    r"\b(?:fired|launched|came)\s+from\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?P<name>[A-Z][a-z]+)\b"
)
