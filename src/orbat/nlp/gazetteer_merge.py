"""Imported places into the gazetteer: merged with GeoNames cities, the pack and each other.

A village that OCHA, Who's On First and GeoNames all list becomes one place with every name
the three give: two records are the same place when they are of the same kind and country, a
name of one has the :func:`~orbat.nlp.gazetteer.place_key` of a name of the other, and they lie
within :data:`MERGE_KM` of each other (or the source links them by GeoNames id). The first
record of a place keeps its id and display name (GeoNames cities500 first, then OCHA, Who's On
First and GeoNames dumps, see :data:`~orbat.nlp.gazetteer_formats.FORMATS`); the others' ids
still find it (:meth:`~orbat.nlp.gazetteer.Gazetteer.get`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from orbat.nlp.gazetteer_formats import ImportedPlace
from orbat.nlp.place_names import Place, place_key

if TYPE_CHECKING:
    from orbat.nlp.gazetteer import _Builder

__all__ = ["FILL_KM", "MERGE_KM", "merge_imported"]

#: Records of the same kind, country and name key closer than this are one place.
MERGE_KM = 5.0
#: A place without a governorate takes its nearest neighbour's within this distance.
FILL_KM = 25.0
#: Imported places abroad are scanned for in any text only from this population up.
_WORLD_SCAN_POPULATION = 100_000
_SOURCES = {
    "wof": "https://spelunker.whosonfirst.org/id/{}",
    "ocha": "https://data.humdata.org/dataset/syrian-arab-republic-populated-places#{}",
    "geonames": "https://www.geonames.org/{}",
}
#: Districts and subdistricts of one name this close are one, wherever each source puts them.
_UNIT_KM = 40.0
# Words around a governorate's name in GeoNames' ADM1 rows ("Muḩāfaz̧at Idlib").
_UNIT_WORDS = frozenset(
    ["governorate", "province", "muhafazat", "muḩāfaz̧at", "muhafazah", "mohafazat", "region"]
)


def merge_imported(
    builder: _Builder,
    places: Iterable[ImportedPlace],
    admin1_doc: dict[str, Any],
    country_names: dict[str, str],
) -> frozenset[str]:
    """Add ``places`` to ``builder``; the countries they cover.

    1. Map each place's governorate to the pack's admin1 name (by GeoNames admin1 code or by
       spelling: "Idleb", "Idlib" and "Muhafazat Idlib" are all the pack's "Idlib").
    2. Find the place it duplicates: the one its source links to, one of the same id, the
       pack's governorate of its name, or a place of its kind, country and name within 5 km.
    3. Merge it into that place (names, district, feature) or add it as a new place.
    4. Give imported places without a governorate that of their nearest neighbour (25 km).
    """
    admin1 = _Admin1(admin1_doc)
    covered: set[str] = set()
    orphans: list[int] = []
    for p in places:
        covered.add(p.country)
        # 1.
        governorate = admin1.name(p.country, p.admin1)
        if p.kind == "admin1":
            governorate = admin1.name(p.country, p.name) or governorate
        scan = p.country in builder.theatre or p.population >= _WORLD_SCAN_POPULATION
        # 2.
        target = _duplicate(builder, p, admin1.place_id(p.country, governorate))
        # 3.
        if target is None:
            place = Place(
                p.id, p.name, p.kind, p.country, country_names.get(p.country, p.country),
                governorate, p.name if p.kind == "admin2" else p.admin2, p.lat, p.lon,
                p.population, _source(p.id), p.feature, p.names,
            )  # fmt: skip
            builder.add(place, p.names, scan=scan)
            if governorate is None:
                orphans.append(builder.index[p.id])
            continue
        old = Place(*builder.rows[target])
        builder.replace(
            replace(
                old,
                admin1=old.admin1 or governorate,
                admin2=old.admin2 or (p.name if p.kind == "admin2" else p.admin2),
                population=max(old.population, p.population),
                feature=old.feature or p.feature,
                names=tuple(dict.fromkeys((old.name, *old.names, *p.names))),
            )
        )
        builder.add_names(old.id, p.names, scan=scan)
        if p.id != old.id:
            builder.same_as[p.id] = target
    # 4.
    _fill_admin1(builder, orphans)
    return frozenset(covered)


def _source(place_id: str) -> str:
    scheme, _, local = place_id.partition(":")
    return _SOURCES.get(scheme, "{}").format(local)


def _duplicate(builder: _Builder, p: ImportedPlace, admin1_id: str | None) -> int | None:
    """The row ``p`` is a record of, if the builder has one already (see step 2)."""
    for linked in (p.link, p.id):
        i = builder.index.get(linked) if linked else None
        if i is not None and builder.rows[i][3] == p.country:
            return i
    if p.kind == "admin1" and admin1_id is not None:
        return builder.index.get(admin1_id)
    best: tuple[float, int] | None = None
    for key in {builder.key(n) for n in p.names}:
        for i in builder.keys.get(key, ()):
            row = builder.rows[i]
            if row[2] != p.kind or row[3] != p.country:
                continue
            km = _km(p.lat, p.lon, row[7], row[8])
            # Sources put a district's point anywhere in it: same name and governorate will do.
            same_unit = p.kind in ("admin2", "admin3") and km <= _UNIT_KM
            if (km <= MERGE_KM or same_unit) and (best is None or km < best[0]):
                best = (km, i)
    return None if best is None else best[1]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough below a few hundred kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


class _Admin1:
    """The pack's admin1 table, by GeoNames code and by the key of every spelling."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.by_code: dict[tuple[str, str], str] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        self.ids: dict[tuple[str, str], str] = {}
        for cc, rows in doc["countries"].items():
            for row in rows:
                self.by_code[(cc, row["code"])] = row["name"]
                self.ids[(cc, row["name"])] = f"admin1:{cc}.{row['code']}"
                for name in (row["name"], *row.get("names", ())):
                    self.by_key[(cc, place_key(name))] = row["name"]

    def name(self, cc: str, raw: str | None) -> str | None:
        """The pack's name for governorate ``raw`` of ``cc``; ``raw`` itself if unknown."""
        if not raw:
            return None
        if raw.startswith("code:"):
            return self.by_code.get((cc, raw.removeprefix("code:")))
        head, _, tail = raw.partition("(")
        bare = " ".join(w for w in raw.split() if w.casefold() not in _UNIT_WORDS)
        for part in (raw, head, tail.rstrip(")"), bare):
            found = self.by_key.get((cc, place_key(part))) if part.strip() else None
            if found is not None:
                return found
        return raw

    def place_id(self, cc: str, name: str | None) -> str | None:
        return self.ids.get((cc, name)) if name else None


def _fill_admin1(builder: _Builder, orphans: list[int]) -> None:
    """Step 4: the governorate of the nearest place within :data:`FILL_KM` that has one."""
    import numpy as np

    for cc in sorted({builder.rows[i][3] for i in orphans}):
        known = [
            i
            for i, row in enumerate(builder.rows)
            if row[3] == cc and row[5] and row[2] in ("city", "site")
        ]
        if not known:
            continue
        lat = np.radians([builder.rows[i][7] for i in known])
        lon = np.radians([builder.rows[i][8] for i in known])
        for i in (i for i in orphans if builder.rows[i][3] == cc):
            row = builder.rows[i]
            la, lo = math.radians(row[7]), math.radians(row[8])
            km = 6371.0 * np.hypot((lon - lo) * math.cos(la), lat - la)
            j = int(np.argmin(km))
            if km[j] <= FILL_KM:
                builder.replace(replace(Place(*row), admin1=builder.rows[known[j]][5]))
