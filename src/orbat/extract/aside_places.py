"""Places a sentence names in passing, not as where its event happened.

* A motive's place: "targeted the base with two drones in response to the crimes of the
  occupation in Gaza", "in retaliation for an attack that killed soldiers in Hakkari". The
  act avenged happened elsewhere, and often long before.
* The end of a flight: "the militants opened fire on the patrol before fleeing towards the
  Hamrin mountains", "the attackers fled into Syria". Where the attackers went is not where
  they struck.
* A launch site: "missiles fired from the direction of the occupied Golan Heights", "the
  rockets were launched from the nearby village of Albu Hassan". ACLED places a strike
  where it landed; whose territory it came from is read apart
  (:mod:`orbat.extract.origin`).
* Where the launcher was found: "Peshmerga later found the launcher on a truck in the Nineveh
  plains", "the launch pad was discovered in an orchard near Dora". Security forces search
  for the launch site after the rockets have landed; it is not where the event happened.

A place so named is dropped from the article's places: it can neither place an event nor
anchor a sentence as an event's own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbat.resolve.places import ResolvedPlace

__all__ = ["names_an_aside"]

# A motive runs from its opener to the end of its clause (:func:`_clause_runs_on`).
_MOTIVE = re.compile(
    r"\b(?:in|as\s+(?:an?\s+)?)\s*(?:response|retaliation|reprisal|revenge|vengeance)\s+"
    r"(?:to|for)\b|\bin\s+solidarity\s+with\b|\bto\s+avenge\b",
    re.I,
)
_FLIGHT = re.compile(
    r"\b(?:fle(?:e|es|d|eing)|escap(?:e|es|ed|ing)|withdr(?:ew|aw|awing|awn)"
    r"|retreat(?:s|ed|ing)?|ran\s+away|made\s+off)\s+"
    r"(?:back\s+)?(?:towards?|to|into|in\s+the\s+direction\s+of)\s+"
    r"(?:the\s+)?(?:(?:nearby|neighbou?ring|adjacent|north|south|east|west)\w*\s+)?$",
    re.I,
)
_LAUNCH = re.compile(
    r"\b(?:fired|launched|shot)\s+from\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?"
    r"(?:(?:occupied|nearby|neighbou?ring|adjacent)\s+)?"
    r"(?:(?:village|town|city|area|region|territory)\s+of\s+)?"
    r"(?:(?:north|south|east|west)\w*\s+)?$"
    # "the raids came shortly after midnight from the direction of the occupied Golan"
    r"|\bfrom\s+the\s+direction\s+of\s+(?:the\s+)?(?:(?:occupied|nearby)\s+)?$",
    re.I,
)
_LAUNCHER = re.compile(
    r"\b(?:(?:rocket\s+)?launch(?:ers?|\s*pads?|ing\s+pads?|\s+platforms?|\s+ramps?)"
    r"|launching\s+(?:platforms?|ramps?|sites?))\b",
    re.I,
)
_FOUND = re.compile(r"\b(?:found|discovered|located|seized|recovered|uncovered)\b", re.I)
#: How far back a motive's opener may stand from the place it names.
_MOTIVE_REACH = 90


def names_an_aside(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` is named as a motive's, a flight's or a launch's place (see the
    module)."""
    before = text[max(0, place.start - _MOTIVE_REACH) : place.start]
    if _FLIGHT.search(before[-60:]) or _LAUNCH.search(before[-70:]):
        return True
    if _found_the_launcher(before):
        return True
    return any(_clause_runs_on(before[m.end() :]) for m in _MOTIVE.finditer(before))


def _found_the_launcher(before: str) -> bool:
    """Whether the clause that runs on to the place tells where a launcher was found."""
    launchers = [m.start() for m in _LAUNCHER.finditer(before)]
    finds = [m.start() for m in _FOUND.finditer(before)]
    if not launchers or not finds:
        return False
    return _clause_runs_on(before[min(launchers[-1], finds[-1]) :])


def _clause_runs_on(gap: str) -> bool:
    """Whether nothing in ``gap`` (from a motive's opener to the place) ends its clause."""
    return re.search(r"[.;:!?—]|\b(?:while|whereas|but)\b", gap) is None
