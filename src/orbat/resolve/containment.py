"""Which place an article's words put inside which: "Nairab in Idlib", "Kansafra, Idlib",
"Idlib's Jisr al-Shughur", and the larger units (a governorate, a country) that hold a town."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbat.resolve.places import ResolvedPlace

__all__ = ["OWNER_GAP", "contains", "holds", "owns"]

#: What stands between a possessor and the place it holds: "Idlib's Jisr al-Shughur".
OWNER_GAP = re.compile(r"^['’]s\s+$")
_IN_OR_COMMA = re.compile(r"^\s*(?:,|in|,\s*in)\s*$")


def holds(text: str, inner: ResolvedPlace, outer: ResolvedPlace) -> bool:
    """Whether ``outer``, named right after ``inner`` ("Nairab in Idlib", "Kansafra,
    Idlib"), only says where ``inner`` lies: a town of the same province."""
    gap = text[inner.end : outer.start]
    return (
        _IN_OR_COMMA.match(gap) is not None
        and inner.place.admin1 is not None
        and inner.place.admin1 == outer.place.admin1
    )


def owns(text: str, outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    """Whether ``outer`` is named as the possessor of ``inner`` ("Idlib's Jisr al-Shughur",
    "Baghdad's Sadr City"): it only says where ``inner`` lies."""
    return (
        OWNER_GAP.match(text[outer.end : inner.start]) is not None
        and outer.place.country_code == inner.place.country_code
    )


def contains(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    """Whether ``outer`` is a larger unit holding ``inner`` (its admin1 or its country)."""
    if outer is inner or outer.place.country_code != inner.place.country_code:
        return False
    if outer.place.kind == "country":
        return inner.place.kind != "country"
    if outer.place.kind == "admin2":
        return inner.place.kind != "admin1" and inner.place.admin2 == outer.place.admin2
    return outer.place.kind == "admin1" and inner.place.admin1 == outer.place.name
