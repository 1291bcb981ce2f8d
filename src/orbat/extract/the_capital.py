""" "The capital" with no country before it: the capital of the country the story is filed from
or is about.

"BAGHDAD (Reuters) - A roadside bomb exploded in the capital on Monday": wire copy names the
city once, in the dateline (never the event's place by itself, :mod:`orbat.extract.locate`),
and then says "the capital". Without this the bomb has no place at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from orbat.extract.locate import main_country
from orbat.nlp.gazetteer import Gazetteer
from orbat.resolve.capitals import capital_of
from orbat.resolve.places import ResolvedPlace

__all__ = ["bare_capitals"]

# "in the capital", "the capital's Karrada district"; not "the capital of the Kurdistan
# Region" (another capital), nor "the capital, Damascus" or "the capital Sanaa" (named).
# (AP style drops the "on" before a weekday: "in the capital Thursday" is not a name.)
_THE_CAPITAL = re.compile(
    r"\b(?:the|The)\s+capital\b(?!\s+of\b|\s+city\s+[A-Z]"
    r"|\s*,?\s*(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z])"
)


def bare_capitals(
    text: str,
    filed: ResolvedPlace | None,
    resolved: Sequence[ResolvedPlace],
    places: Sequence[ResolvedPlace],
    gazetteer: Gazetteer,
) -> list[ResolvedPlace]:
    """The capital each bare "the capital" in ``text`` means: of the country of the
    dateline ``filed``, else of the country most of ``places`` (the article's event places)
    lie in. ``resolved`` are every place read, the dateline's among them."""
    country = filed.place.country if filed is not None else main_country(places)
    code = next((p.place.country_code for p in resolved if p.place.country == country), None)
    capital = capital_of(gazetteer, code) if country is not None and code else None
    if capital is None:
        return []
    return [
        ResolvedPlace(capital, m.start(), m.end(), m.group(), 1, 10.0)
        for m in _THE_CAPITAL.finditer(text)
        if not any(p.start < m.end() and m.start() < p.end for p in resolved)
    ]
