"""Villages a report names that no gazetteer knows: an event each, placed near what it knows.

"Government forces restored control over Marhamiyah, Uwaynat Kabirah, Mash and Tal Mash",
"IS fighters recaptured the villages of al-Jalaa, Saiyal and Mujawdah": ACLED codes one event
per village. Where the gazetteer (even with the village files imported) has no such village,
the report still names one; dropping it would lose an event the analyst can see in the text.
Such a village gets the country, province and coordinates of another village of the same
list that the gazetteer does know, at geo_precision 2 ("near"),
and an id that says where it came from (``unlisted:<CC>:<name>``, feature "unlisted
village"): the analyst sees it is not a gazetteer place. One village named as such ("the
village of Umm Harmala in the Idlib countryside") is placed by the next place the sentence
names: near a town (geo_precision 2), in a province or district (3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from orbat.nlp.place_names import Place
from orbat.resolve.geometry import distance_km
from orbat.resolve.places import ResolvedPlace

__all__ = ["is_unlisted", "placed_by_reference", "unlisted_villages"]

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
    rf"(?P<items>{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NAME})+)"
)
_ITEM = re.compile(_NAME)
#: Capitalised words a list may hold that name no village (nor does "the Israeli town of").
_NOT_VILLAGES = frozenset(
    {"The", "Syria", "Iraq", "Syrian", "Iraqi", "Kurdish", "Turkish", "Islamic", "State", "ISIS",
     "ISIL", "Daesh", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
     "Sunday", "Israeli", "Lebanese", "Jordanian", "Iranian", "Yemeni", "Saudi", "Emirati",
     "Egyptian", "Palestinian", "Russian", "American", "British", "Arab", "Druze", "Alawite",
     "Sunni", "Shiite", "Shia", "Christian", "Yazidi", "Assyrian", "Turkmen", "Bedouin"}
)  # fmt: skip


def unlisted_villages(
    text: str, start: int, end: int, places: Sequence[ResolvedPlace]
) -> list[ResolvedPlace]:
    """The villages ``text[start:end]`` lists that ``places`` (resolved) does not hold, each
    placed at a village of the same list the gazetteer knows (a list without one is left
    alone: its names may be no places at all), and the one village it names as such that no
    gazetteer knows, placed by the next place the span names (which, when a phrase like
    "near" or "south of" ties it to the village, :func:`orbat.extract.references.
    reference_pairs` makes a reference point, not an event of its own)."""
    inside = [p for p in places if start <= p.start and p.end <= end]
    known = [p for p in inside if p.place.kind in ("city", "site", "admin1", "admin2")]
    out: list[ResolvedPlace] = []
    listed: list[tuple[int, int]] = []
    for items_start, items_end in _lists(text, start, end):
        listed.append((items_start, items_end))
        in_list = [p for p in known if items_start <= p.start < items_end]
        if not in_list:
            continue  # no item the gazetteer knows: maybe no list of places at all
        anchor = in_list[0].place
        for m in _ITEM.finditer(text, items_start, items_end):
            name = m.group()
            if _unknown(name, m.start(), m.end(), inside):
                out.append(ResolvedPlace(_village(name, anchor), m.start(), m.end(), name, 2, 0.0))
    # "the village of Umm Harmala in the Idlib countryside": one village named as such, placed
    # by the next place the sentence names after it (a town: near it; a province: in it).
    for m in _ONE_VILLAGE.finditer(text, start, end):
        group = "name" if m["name"] else "area"
        name, at, stop = m[group], m.start(group), m.end(group)
        if any(a <= at < b for a, b in listed) or not _unknown(name, at, stop, inside):
            continue
        locator = next(
            (p for p in known if p.start >= stop and p.start - stop <= _ANCHOR_REACH), None
        )
        if locator is not None:
            precision = 2 if locator.place.kind in ("city", "site") else 3
            place = _village(name, locator.place)
            out.append(ResolvedPlace(place, at, stop, name, precision, 0.0))
    return out


def _unknown(name: str, start: int, end: int, inside: Sequence[ResolvedPlace]) -> bool:
    """Whether ``name`` (at ``start:end``) may be a village no resolved place covers."""
    return name.split()[0] not in _NOT_VILLAGES and not any(
        p.start < end and start < p.end for p in inside
    )


# What says one unknown name is a place: "the village of X", "took control of X", "retook X",
# "in the X area" (not "captured X": people are captured too).
_ONE_VILLAGE = re.compile(
    rf"\b(?:(?:village|town|hamlet)\s+of|control\s+(?:of|over)|recaptured|retook|liberated"
    rf"|stormed)\s+(?P<name>{_NAME})(?!\s*,?\s+(?:and|or)\s+[A-Z])"
    rf"|\b(?:in|near|at)\s+(?:the\s+)?(?P<area>{_NAME})\s+(?:area|village|town|district)\b"
)
#: How far after an unknown village the place that locates it may stand ("… of X in the
#: southern countryside of Idlib").
_ANCHOR_REACH = 60


# "the village of Imam Wais, northeast of Baqubah", "in Albu Dor, 20 km south of Tikrit": a
# village placed by its bearing from a town.
_BEARING = re.compile(
    rf"(?P<name>{_NAME}),?\s+(?:(?:about|some|around|nearly)\s+)?"
    r"(?:(?P<km>\d+)\s*(?:km|kilometers|kilometres)\s+)?"
    r"(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?\s+of|(?P<near>near|outside))\s+"
    r"(?:the\s+(?:city|town)\s+of\s+)?"
    r"(?:(?:al|el|ad|ar|as|ash|at|az|an)[-‑\s])?"
)
# What says an unknown name is a place: "the village of", "in", "near".
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:village|town|hamlet|area)\s+of|in|near|at)\s+(?:the\s+)?$", re.I
)
# How far from the town a village "north of" it may lie, with no distance given.
_BEARING_KM = 100
#: How far from the town it is "near" a village may lie (a namesake farther is another place).
_NEAR_KM = 50


def placed_by_reference(
    text: str, start: int, end: int, places: Sequence[ResolvedPlace]
) -> list[tuple[ResolvedPlace | None, ResolvedPlace]]:
    """Villages ``text[start:end]`` places by their bearing from a town the gazetteer knows,
    that the gazetteer lacks or knows only as a namesake far from that town (an "Al Budur"
    in Dhi Qar for the Albu Dor "south of Tikrit"): (the namesake or ``None``, the village as
    written, placed at the town, geo_precision 2). Also a small village the text puts in a
    province its only namesake is not in: (the namesake, the village placed in that province,
    geo_precision 3)."""
    out: list[tuple[ResolvedPlace | None, ResolvedPlace]] = []
    for m in _BEARING.finditer(text, start, end):
        town = next(
            (p for p in places if p.start == m.end() and p.place.kind in ("city", "site")), None
        )
        if town is None or m.group("name").split()[0] in _NOT_VILLAGES:
            continue
        named = [p for p in places if p.start < m.end("name") and m.start("name") < p.end]
        if not named:
            if not _PLACE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue
            namesake = None
        else:
            namesake = named[0]
            limit = int(m.group("km")) + 50 if m.group("km") else _BEARING_KM
            limit = _NEAR_KM if m.group("near") else limit
            small = namesake.place.feature == "village" and namesake.place.population < 1000
            if not small or distance_km(namesake.place, town.place) <= limit:
                continue  # a town may lie far from the city it is placed by ("al-Qaim, west of")
        name = namesake.text if namesake is not None else m.group("name")
        spot = namesake.start if namesake is not None else m.start("name")
        village = ResolvedPlace(_village(name, town.place), spot, spot + len(name), name, 2, 0.0)
        out.append((namesake, village))
    # "the village of Kfeir al-Zeit in Hama province", the gazetteer's only Kfeir al-Zeit a
    # hamlet of Rif Dimashq: the province the text names places it (geo_precision 3).
    for far in places:
        if not (start <= far.start and far.end <= end) or not _small(far.place):
            continue
        said = _IN_PROVINCE.match(text, far.end)
        province = next(
            (p for p in places if said and p.start == said.end() and p.place.kind == "admin1"),
            None,
        )
        if province is None or province.place.admin1 == far.place.admin1:
            continue
        moved = _village(far.text, province.place)
        out.append((far, replace(far, place=moved, geo_precision=3, score=0.0)))
    return out


def _small(place: Place) -> bool:
    return place.feature == "village" and place.population < 1000


# ", in Hama province", " in the southern countryside of Idlib": the province a village is in.
_IN_PROVINCE = re.compile(
    r",?\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:countryside|province|governorate)\s+of\s+)?"
)


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
