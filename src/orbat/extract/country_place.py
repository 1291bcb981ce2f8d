"""The country of an event its text places nowhere.

ACLED gives every event a location; one reported without a town or a region ("Turkish police
detained the chief editor of an opposition newspaper", "Syrian government forces captured five
villages in the country's northwest") is coded at its country (geo_precision 3). Which
country is read from what the text does say, never from whoever acted abroad:

1. the country the article's towns and regions lie in, when one stands out (a country named
   alone is as often who acted or was attacked: "the rocket attack on the U.S. embassy"),
   or else the one whose region the text names though the gazetteer lacks it ("in the
   eastern Afghan province of Kunar", "Nigeria's Borno state");
2. else the country of the event's domestic parties: a state's police, and the protesters,
   rioters, civilians or rebels of a country (ACLED names them by where the event happened);
3. else a state's military fighting that state's own people or rebels ("Military Forces of
   Syria" against "Opposition Rebels (Syria)") or regaining territory, which is its own.

A military alone never places an event: "US warplanes struck targets" happened wherever the
targets were, not in the United States.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from orbat.extract.actors import of_event_country
from orbat.extract.locate import fields_at, main_country

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from orbat.nlp.gazetteer import Gazetteer
    from orbat.records.events import EventRecord
    from orbat.resolve.places import ResolvedPlace

__all__ = ["placed_in_country"]

_DOMESTIC = re.compile(
    r"^(?:Police Forces of (?P<police>[^(]+?)|(?:Protesters|Rioters|Civilians|Opposition Rebels) "
    r"\((?P<people>[^)]+)\))(?: \(|$)"
)
_MILITARY = re.compile(r"^Military Forces of (?P<country>[^(]+?)(?: \(|$)")
_OF_COUNTRY = re.compile(r"\((?P<country>[^)\d]+)\)$")
_REGAINS = "Government regains territory"
#: ACLED's geo_precision for an event known only by its region or country.
_COUNTRY_LEVEL = 3


def placed_in_country(
    records: Iterable[EventRecord],
    places: Sequence[ResolvedPlace],
    gazetteer: Gazetteer,
    text: str,
    country_of: Callable[[str], str | None],
    filed_in: str | None = None,
) -> Iterator[EventRecord]:
    """Each of ``records`` placed at its country (see the module) when it has no location;
    else as it is. ``places`` are the article's, ``text`` its text; ``country_of`` gives the
    country a state's name or adjective stands for ("Afghan": Afghanistan); ``filed_in`` is
    the country of the story's dateline, the last word on where a story with no other place
    happened ("ISLAMABAD - Militants … attacked a TV station's office")."""
    home = main_country([p for p in places if p.place.kind != "country"])
    home = home or _country_of_regions(text, country_of) or filed_in
    for record in records:
        yield record if record.location is not None else _at_country(record, home, gazetteer)


def _at_country(record: EventRecord, home: str | None, gazetteer: Gazetteer) -> EventRecord:
    country = home or _domestic_country(record) or _military_at_home(record)
    place = next((p for p in gazetteer.lookup(country or "") if p.kind == "country"), None)
    if place is None:
        return record
    # Generic people and unknown attackers are the event country's (ACLED names them so);
    # read with no country, they carried none.
    placed = replace(record, **fields_at(place, _COUNTRY_LEVEL))
    return replace(
        placed,
        actor1=_of_country(record.actor1, place.country),
        actor2=_of_country(record.actor2, place.country),
    )


def _of_country(actor: str | None, country: str) -> str | None:
    return f"{actor} ({country})" if actor and of_event_country(actor) else actor


# "the eastern Afghan province of", "Nigeria's Borno state", "a Syrian village", "a Syrian
# airfield", "on Iraqi soil": a state's word before a word for a part or a place of it.
_REGION_OF = re.compile(
    r"\b(?P<state>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:['’]s)?\s+"
    r"(?:(?:north|south|east|west|central)\w*\s+|[A-Z][\w'’-]+\s+)?"
    r"(?:province|governorate|state|region|district|county|village|town|city|countryside"
    r"|capital|territory|soil|airfield|air ?base|airport)\b"
)


def _country_of_regions(text: str, country_of: Callable[[str], str | None]) -> str | None:
    """The one country whose parts ``text`` names by the state's word, if only one."""
    found = {country_of(m["state"]) for m in _REGION_OF.finditer(text)} - {None}
    return found.pop() if len(found) == 1 else None


def _domestic_country(record: EventRecord) -> str | None:
    for actor in (record.actor1, record.actor2):
        named = _DOMESTIC.match(actor or "")
        if named is not None:
            return (named["police"] or named["people"]).strip().removeprefix("the ")
    return None


def _military_at_home(record: EventRecord) -> str | None:
    for military, other in ((record.actor1, record.actor2), (record.actor2, record.actor1)):
        named = _MILITARY.match(military or "")
        if named is None:
            continue
        country = named["country"].strip().removeprefix("the ")
        own_people = _OF_COUNTRY.search(other or "")
        if (own_people is not None and own_people["country"].removeprefix("the ") == country) or (
            military == record.actor1 and record.sub_event_type == _REGAINS
        ):
            return country
    return None
