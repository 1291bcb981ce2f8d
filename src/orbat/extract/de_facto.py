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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from orbat.extract.actor_finder import FoundActor
    from orbat.packs import Pack

__all__ = ["as_de_facto", "fire_from_de_facto"]


def as_de_facto(
    found: Sequence[FoundActor],
    sentence: str,
    country: str | None,
    when: dt.date | None,
    pack: Pack,
) -> list[FoundActor]:
    """``found`` with each state force of a country that has a de facto authority renamed to
    that authority's actor where the sentence (``country``: the event's) shows it is theirs."""
    contests = _contests(pack)
    if not contests:
        return list(found)
    out = []
    for actor in found:
        contest = next((c for c in contests if _is_force(actor, c.force)), None)
        if (
            contest is not None
            and actor.acled_name not in contest.own_names
            and (
                country in contest.against
                or any(_is_force(a, force) for a in found for force in contest.enemy_forces)
                or (contest.words is not None and contest.words.search(sentence) is not None)
            )
        ):
            ruler = pack.actor(contest.actor)
            day = when.isoformat() if when else None
            actor = replace(actor, acled_name=ruler.acled_name_on(day), inter=ruler.inter)
        out.append(actor)
    return out


def fire_from_de_facto(
    origin: str, country: str | None, when: dt.date | None, pack: Pack
) -> tuple[str, int] | None:
    """The ACLED name and inter code of the de facto authority of ``origin``, the country
    unclaimed fire came from, when the event's ``country`` is one only that authority fights
    ("a projectile launched from Yemen fell on Jazan": the Houthis'); else ``None``."""
    for contest in _contests(pack):
        if contest.country == origin and country in contest.against:
            ruler = pack.actor(contest.actor)
            return ruler.acled_name_on(when.isoformat() if when else None), ruler.inter
    return None


@dataclass(frozen=True, slots=True)
class _Contest:
    """A country's de facto authority, with the names the test needs read once per pack."""

    actor: str  # the pack actor id
    country: str  # the country it rules in part
    force: str  # "Military Forces of Yemen": the prefix of ACLED's names of its military
    own_names: frozenset[str]  # the authority's own ACLED names (periods included)
    against: tuple[str, ...]
    enemy_forces: tuple[str, ...]  # the name prefixes of the `against` countries' militaries
    words: re.Pattern[str] | None


@lru_cache(maxsize=4)
def _contests(pack: Pack) -> tuple[_Contest, ...]:
    """The de facto authorities of the pack's countries whose actor the pack holds."""
    out = []
    for country in pack.words.countries:
        de_facto = country.de_facto
        if de_facto is None or de_facto.actor not in pack:
            continue
        ruler = pack.actor(de_facto.actor)
        words = "|".join(re.escape(w) for w in de_facto.words)
        out.append(
            _Contest(
                actor=de_facto.actor,
                country=country.name,
                force=_force(pack, country.name),
                own_names=frozenset({ruler.acled_name, *(n for n, _ in ruler.acled_periods)}),
                against=de_facto.against,
                enemy_forces=tuple(_force(pack, c) for c in de_facto.against),
                words=re.compile(rf"\b(?:{words})\b", re.I) if words else None,
            )
        )
    return tuple(out)


def _force(pack: Pack, country: str) -> str:
    # "Military Forces of Saudi Arabia (2015-)" → "Military Forces of Saudi Arabia"
    return pack.words.acled_name("military", country).split(" (")[0]


def _is_force(actor: FoundActor, force: str) -> bool:
    return actor.acled_name == force or actor.acled_name.startswith(force + " (")
