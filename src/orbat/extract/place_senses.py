"""Place names that say who reports or what process is meant, not where anything happened:
"al-Mayadeen TV reported", "according to al-Mayadeen", "… – Kurdistan CTD", "the Astana
process"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbat.resolve.places import ResolvedPlace

__all__ = ["names_a_landmark", "names_a_process", "names_a_source"]


def names_a_source(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` names who reports, not where: an outlet named after a town
    ("al-Mayadeen TV reported", "Lebanon's al-Mayadeen channel"), the source after
    "according to" ("according to al-Mayadeen") or a flash's closing credit after a dash
    ("Drone attack targets Erbil airport, no injuries – Kurdistan CTD")."""
    after = text[place.end : place.end + 30]
    before = text[max(0, place.start - 20) : place.start]
    credit = _DASH_BEFORE.search(before) and _CREDIT_AFTER.match(text, place.end)
    # "The defence ministry in Damascus said its troops killed five gunmen near Beit Ana": the
    # teller's seat.
    seat = _TELLER_IN.search(before) and _TELLS_AFTER.match(after)
    return bool(_MEDIA_AFTER.match(after) or _ACCORDING_TO.search(before) or credit or seat)


def names_a_landmark(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` is a town the gazetteer found for a landmark's name: "a police
    position near the Old Bridge" in Mosul is no Old Bridge, New Jersey. A town's name does
    not take "the" before it; a bridge, a square or a gate does."""
    before = text[max(0, place.start - 4) : place.start]
    return (
        place.place.kind == "city"
        and before.lower() == "the "
        and _LANDMARK_WORD.search(place.text) is not None
    )


_LANDMARK_WORD = re.compile(
    r"\b(?:Bridge|Square|Market|Mosque|Gate|Street|Road|Hospital|Bazaar|Roundabout|Circle"
    r"|Tower|Palace|Stadium|University|Park|Hotel|Church|Dam)$"
)


def names_a_process(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` names a diplomatic process, not where anything happened ("in
    accordance with the Astana process", "the Geneva track")."""
    return bool(_PROCESS_AFTER.match(text[place.end : place.end + 20]))


_TELLER_IN = re.compile(
    r"\b(?:ministry|government|authorities|officials?|command|spokes\w+|sources?|police)"
    r"\s+in\s+$",
    re.I,
)
_TELLS_AFTER = re.compile(
    r"^\s*,?\s+(?:said|says|announced|reported|told|claimed|stated|confirmed)\b", re.I
)
_PROCESS_AFTER = re.compile(r"^\s+(?:peace\s+)?(?:process|format|track|framework)\b", re.I)
_MEDIA_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:TV|television|channel|satellite\s+channel|news(?:\s+agency)?|network"
    r"|website|newspaper|daily|radio|correspondent|reporter)\b"
    # "local officials told Kurdistan 24", "France 24 reported": a channel's number.
    r"|^\s+24\b",
    re.I,
)
# "… – Kurdistan CTD" at the end of a line: a dash, then a name of a few words, then nothing
# (not "… – Qamishli": a place alone after the dash is where).
_DASH_BEFORE = re.compile(r"\s[–—-]\s*$")
_CREDIT_AFTER = re.compile(r"(?:\s+[A-Z][\w.]*){1,3}\s*(?:\n|$)")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:(?:al|el)[-‑\s])?$", re.I)
