"""A province in brackets after a place: "Thiban (Deir ez-Zor)", "Makhoul mountains (Salah al-Din)".

ACLED's own notes, monitoring digests and many wire stories name a village and then, in
brackets, the province it lies in. The bracket is not a second place where something
happened; it says which of the places of that name is meant. Read plainly it would give two
events (the village and the province's namesake city) and often the wrong village (a
"Thiban" in Raqqa for the one in Deir ez-Zor).

:func:`apply_qualifiers` reads each bracketed province as a qualifier:

1. the place before it is re-chosen among the places of its name in that province, and the
   bracket itself is dropped;
2. when no place of that name lies in the province (a village the gazetteer lacks, or a
   wrong guess), the place before it is dropped and the event falls back to the province
   (ACLED geo_precision 3) instead of a town elsewhere;
3. a bracketed province after words the gazetteer does not know ("Tal Tamr countryside
   (Al-Hasakeh)" with no Tal Tamr) is the province, not its namesake city.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbat.nlp.gazetteer import Gazetteer
    from orbat.nlp.place_names import Place
    from orbat.resolve.places import ResolvedPlace

__all__ = ["apply_qualifiers"]

# What may stand between a place and its bracket: "Qamishli city (", "Makhoul mountains (".
_PLACE_WORDS = (
    r"city|town|village|area|areas|countryside|district|sub-?district|mountains?|hills?|"
    r"desert|outskirts|neighbou?rhood|camp|region|plains?|valley|villages|suburbs?"
)
_GAP = re.compile(rf"^(?:\s+(?:{_PLACE_WORDS}))*\s*\(\s*$", re.I)
_CLOSING = re.compile(r"^\s*\)")
# Place kinds ranked for re-choosing the bracketed place's namesake inside the province.
_KIND_ORDER = {"site": 0, "city": 1, "admin3": 2, "admin2": 3, "admin1": 4, "country": 5}


def apply_qualifiers(
    text: str, resolved: Sequence[ResolvedPlace], gazetteer: Gazetteer
) -> list[ResolvedPlace]:
    """``resolved`` with each bracketed province read as a qualifier (see the module doc)."""
    out = list(resolved)
    i = 0
    while i < len(out):
        bracket = out[i]
        province = _bracketed_province(text, bracket, gazetteer)
        if province is None:
            i += 1
            continue
        as_province = replace(bracket, place=province, geo_precision=3)
        before = out[i - 1] if i > 0 else None
        if before is not None and _GAP.match(text[before.end : bracket.start]):
            # 1. and 2.
            inside = _namesake_in(before, province, gazetteer)
            if inside is not None:
                out[i - 1 : i + 1] = [inside]
                continue
            out[i - 1 : i + 1] = [as_province]
            continue
        # 3.
        out[i] = as_province
        i += 1
    return out


def _bracketed_province(text: str, place: ResolvedPlace, gazetteer: Gazetteer) -> Place | None:
    """The province ``place`` names when it stands alone in brackets after other words."""
    if not text[: place.start].rstrip().endswith("(") or not _CLOSING.match(text[place.end :]):
        return None
    provinces = [
        p
        for p in gazetteer.lookup(place.text)
        if p.kind == "admin1" and p.country_code == place.place.country_code
    ]
    return provinces[0] if len(provinces) == 1 else None


def _namesake_in(
    place: ResolvedPlace, province: Place, gazetteer: Gazetteer
) -> ResolvedPlace | None:
    """``place`` re-chosen among the places of its name that lie in ``province``."""
    if place.place.admin1 == province.name and place.place.kind != "admin1":
        return place
    inside = [
        p
        for p in gazetteer.lookup(place.text)
        if p.admin1 == province.name and p.country_code == province.country_code
        and p.kind not in ("admin1", "country")
    ]  # fmt: skip
    if not inside:
        return None
    best = min(inside, key=lambda p: (_KIND_ORDER.get(p.kind, 9), -p.population))
    precision = 1 if best.kind in ("city", "site") else 2
    return replace(place, place=best, geo_precision=max(place.geo_precision, precision))
