"""Who "the country's forces" are where a de facto authority calls its fighters the army.

Sanaa's Houthi-run authorities speak of "the Yemeni army and popular committees" and "Yemen's
armed forces"; their outlets and those who quote them report "Yemen's Zalzal-3 missile
attack" on a Saudi base. Read literally these are the recognised government's forces, which
fight beside Saudi Arabia, never against it. A pack says so in ``countries.yaml``
(``de_facto``: the actor, the countries only it fights, the words only it uses); here a
found state force of that country becomes the de facto actor when the event is in one of
those countries, the sentence names one of their forces, or one of the words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from orbat.extract.actor_finder import FoundActor
    from orbat.packs import Pack
    from orbat.packs.theatre import DeFacto

__all__ = ["as_de_facto"]


def as_de_facto(
    found: Sequence[FoundActor],
    sentence: str,
    country: str | None,
    when: dt.date | None,
    pack: Pack,
) -> list[FoundActor]:
    """``found`` with each state force of a country that has a de facto authority renamed to
    that authority's actor where the sentence (``country``: the event's) shows it is theirs."""
    contested = _contested(pack)
    if not contested:
        return list(found)
    out = []
    for actor in found:
        owner = next((c for c, (_, prefix) in contested.items() if _is_force(actor, prefix)), None)
        if owner is not None:
            de_facto = contested[owner][0]
            theirs = de_facto.actor in pack and (
                country in de_facto.against
                or any(_is_force(a, _prefix(pack, c)) for a in found for c in de_facto.against)
                or _names_their_words(sentence, de_facto.words)
            )
            if theirs and not _own_name(actor, de_facto, pack):
                ruler = pack.actor(de_facto.actor)
                day = when.isoformat() if when else None
                actor = replace(actor, acled_name=ruler.acled_name_on(day), inter=ruler.inter)
        out.append(actor)
    return out


@lru_cache(maxsize=4)
def _contested(pack: Pack) -> dict[str, tuple[DeFacto, str]]:
    """Country → (its de facto authority, the prefix of ACLED's name of its military)."""
    return {
        c.name: (c.de_facto, _prefix(pack, c.name))
        for c in pack.words.countries
        if c.de_facto is not None
    }


def _prefix(pack: Pack, country: str) -> str:
    # "Military Forces of Saudi Arabia (2015-)" → "Military Forces of Saudi Arabia"
    return pack.words.acled_name("military", country).split(" (")[0]


def _is_force(actor: FoundActor, prefix: str) -> bool:
    return actor.acled_name == prefix or actor.acled_name.startswith(prefix + " (")


def _own_name(actor: FoundActor, de_facto: DeFacto, pack: Pack) -> bool:
    ruler = pack.actor(de_facto.actor)
    names = {ruler.acled_name, *(name for name, _ in ruler.acled_periods)}
    return actor.acled_name in names


def _names_their_words(sentence: str, words: Sequence[str]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", sentence, re.I) for w in words)
