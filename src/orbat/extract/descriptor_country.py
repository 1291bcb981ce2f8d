"""Whose forces an unnamed description means, by where the event happened.

The pack lets one descriptor stand for several actors of different countries: unnamed
"Kurdish forces" are the YPG in Syria and the Peshmerga in Iraq. The actor resolver chooses
among them by the country words around the mention, but a report often names only a village
("Kurdish forces liberated the village of Tal Hamis"), whose country the gazetteer knows and
the resolver does not. Once the event is placed, its country decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from orbat.resolve.actors import default_resolver

if TYPE_CHECKING:
    from orbat.extract.actor_finder import FoundActor
    from orbat.packs import Pack

__all__ = ["of_the_event_country"]


def of_the_event_country(
    actor: FoundActor, text: str, country: str | None, when: dt.date | None, pack: Pack
) -> FoundActor:
    """``actor`` (found in ``text``) as the actor of ``country`` its descriptor also names,
    when the resolver chose one of another country; else ``actor`` unchanged."""
    if not actor.generic or not country:
        return actor
    day = when.isoformat() if when else None
    named = [
        a
        for m in default_resolver(pack).resolve(text[actor.start : actor.end])
        if m.method == "descriptor" and (a := pack.actor(m.actor_id)) is not None
    ]
    chosen = [a for a in named if a.acled_name_on(day) == actor.acled_name]
    if not chosen or chosen[0].country in (None, country):
        return actor
    other = next((a for a in named if a.country == country), None)
    if other is None:
        return actor
    return replace(actor, acled_name=other.acled_name_on(day), inter=other.inter)
