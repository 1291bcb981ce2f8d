"""Towns a sentence names only to say where another town lies.

"Tarmiya, north of Baghdad", "near Mayadeen, southeast of Deir Ezzor": the second town is a
reference point for the first, not a second event location. So is a town the first one lies
in: "the village of Kashkash in the southern parts of al-Shadadi city in southern Hasaka" is
one event in Kashkash. ("A and B", "A, B" list places; a list is several events.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from orbat.resolve.geometry import distance_km
from orbat.resolve.places import ResolvedPlace

__all__ = ["reference_pairs"]

_COMPASS = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?|central"
_REFERENCE_GAP = re.compile(
    r"^,?\s*(?:(?:city|town|village|district|area|countryside|region|province)\s*,?\s+)?(?:"
    r"(?:(?:about|some|around|nearly|roughly)\s+)?(?:\d+\s*(?:km|kilometers|kilometres|miles)"
    r"\s+)?(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?|outside"
    r"|district|province|governorate|outskirts|suburbs?|neighbou?rhoods?|quarter)\s+of\s+"
    r"(?:the\s+(?:city|town)\s+of\s+)?"
    # "in the town of Jaramana near Damascus", "… outside Saraqib": the second town says
    # where the first is.
    r"|,?\s*(?:just\s+)?(?:near|outside)\s+(?:the\s+(?:city|town|capital)\s+(?:of\s+)?)?"
    rf"|,?\s*in\s+(?:the\s+)?(?:(?:{_COMPASS})\s+)?(?:(?:parts?|outskirts|countryside|suburbs?"
    r"|areas?|region|province|governorate|district)\s+of\s+)?(?:the\s+(?:city|town|province)"
    r"\s+of\s+)?)(?:(?:al|el|ad|ar|as|ash|at|az|an)[-‑\s])?$",
    re.I,
)


def reference_pairs(text: str, towns: Sequence[ResolvedPlace]) -> list[tuple[int, int]]:
    """(placed, reference) index pairs of ``towns``: the second only serves as the first's
    reference point, after a phrase of direction or containment ("Tarmiya, north of
    Baghdad"), or after a bare comma when the first lies within the second ("a market in
    Sadr City, Baghdad")."""
    return [
        (i, j)
        for i, first in enumerate(towns)
        for j, second in enumerate(towns)
        if first.end <= second.start
        and (
            _REFERENCE_GAP.match(text[first.end : second.start])
            or (
                _COMMA_GAP.match(text[first.end : second.start])
                and distance_km(first.place, second.place) <= _WITHIN_KM
                and not _listed(text, towns, i, j)
            )
        )
    ]


def _listed(text: str, towns: Sequence[ResolvedPlace], i: int, j: int) -> bool:
    """Whether towns ``i`` and ``j``, a comma apart, are items of a list ("the villages of
    al-Jalaa, Saiyal, Salihiyah and Abbas"): another town joins them by a comma or "and"."""
    before = towns[i - 1] if i > 0 else None
    after = towns[j + 1] if j + 1 < len(towns) else None
    return bool(
        (before is not None and _LIST_GAP.match(text[before.end : towns[i].start]))
        or (after is not None and _LIST_GAP.match(text[towns[j].end : after.start]))
    )


_COMMA_GAP = re.compile(r"^\s*,\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|&)\s*$")
#: A town named after a comma this close to the one before it is where that one lies.
_WITHIN_KM = 20.0
