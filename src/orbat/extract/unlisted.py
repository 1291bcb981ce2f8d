"""Villages a report lists that no gazetteer knows: an event each, placed near what it knows.

"Government forces restored control over Marhamiyah, Uwaynat Kabirah, Mash and Tal Mash",
"IS fighters recaptured the villages of al-Jalaa, Saiyal and Mujawdah": ACLED codes one event
per village. Where the gazetteer (even with the village files imported) has no such village,
the report still names one; dropping it would lose an event the analyst can see in the text.
Such a village gets the country, province and coordinates of another village of the same
list that the gazetteer does know, at geo_precision 2 ("near"),
and an id that says where it came from (``unlisted:<CC>:<name>``, feature "unlisted
village"): the analyst sees it is not a gazetteer place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from orbat.nlp.place_names import Place
from orbat.resolve.places import ResolvedPlace

__all__ = ["is_unlisted", "unlisted_villages"]

_NAME = (
    r"(?:(?:al|el|as|ar|ad|an|at|az|ash)[-‑\s])?[A-Z][\w'’‑-]+"
    r"(?:\s+(?:(?:al|el|as|ar|ad|an|at|az|ash)[-‑])?[A-Z][\w'’‑-]+){0,2}"
)
_ITEMS = rf"(?P<items>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:\s*,?\s+and\s+{_NAME})*)"
# "the villages of A, B and C": the noun says they are places.
_VILLAGES_OF = re.compile(rf"\b(?:villages|towns|hamlets|localities)\s+of\s+{_ITEMS}")
# "restored control over A, B and C", "recaptured A, B, C": a capture of several names.
_CAPTURED = re.compile(
    rf"\b(?:control\s+(?:over|of)|recaptured|captured|seized|liberated|retook|retaken)\s+"
    rf"(?P<items>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})+(?:\s*,?\s+and\s+{_NAME})?)"
)
_ITEM = re.compile(_NAME)
#: Capitalised words a list may hold that name no village.
_NOT_VILLAGES = frozenset(
    {"The", "Syria", "Iraq", "Syrian", "Iraqi", "Kurdish", "Turkish", "Islamic", "State", "ISIS",
     "ISIL", "Daesh", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
     "Sunday"}
)  # fmt: skip


def unlisted_villages(
    text: str, start: int, end: int, places: Sequence[ResolvedPlace]
) -> list[ResolvedPlace]:
    """The villages ``text[start:end]`` lists that ``places`` (resolved) does not hold, each
    placed at a village of the same list the gazetteer knows (a list without one is left
    alone: its names may be no places at all)."""
    inside = [p for p in places if start <= p.start and p.end <= end]
    known = [p for p in inside if p.place.kind in ("city", "site", "admin1", "admin2")]
    out: list[ResolvedPlace] = []
    for items_start, items_end in _lists(text, start, end):
        in_list = [p for p in known if items_start <= p.start < items_end]
        if not in_list:
            continue  # no item the gazetteer knows: maybe no list of places at all
        anchor = in_list[0].place
        for m in _ITEM.finditer(text, items_start, items_end):
            name = m.group()
            if name.split()[0] in _NOT_VILLAGES or any(
                p.start < m.end() and m.start() < p.end for p in inside
            ):
                continue
            out.append(ResolvedPlace(_village(name, anchor), m.start(), m.end(), name, 2, 0.0))
    return out


def is_unlisted(place_id: str | None) -> bool:
    """Whether an event's place is a village this module made up from the text."""
    return place_id is not None and place_id.startswith(_PREFIX)


_PREFIX = "unlisted:"


def _lists(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for pattern in (_VILLAGES_OF, _CAPTURED):
        for m in pattern.finditer(text, start, end):
            yield m.start("items"), m.end("items")


def _village(name: str, near: Place) -> Place:
    return Place(
        id=f"{_PREFIX}{near.country_code}:{name}",
        name=name,
        kind="city",
        country_code=near.country_code,
        country=near.country,
        admin1=near.admin1 if near.kind != "country" else None,
        admin2=near.admin2 if near.kind in ("city", "site") else None,
        lat=near.lat,
        lon=near.lon,
        population=0,
        source="",
        feature="unlisted village",
    )
