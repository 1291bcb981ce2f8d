"""Score place, strike-count and date extraction on US CENTCOM strike-report lines (2014-2016).

The gold file holds one row per report line: ``date`` (the report's date, MM/DD/YYYY),
``country`` (the report section the line sat under, "Iraq" or "Syria"), ``location`` (a
normalised place name), ``number`` (how many strikes) and ``line`` (the line itself, e.g.
"- Near Ar Raqqah, one strike destroyed two oil pump jacks.").

What the extractor is given: the ``line`` and the report date as publication date, nothing
else; in particular not the country, which the gold takes from the report's section heading.
What it returns: a place (the resolver's event location for the line, or, when the resolver
finds no place, the name in the report's fixed "Near X," opening), the strike count and a date.

Date, honestly: the lines carry no date of their own (one in 5,531 does), so the extracted date
is the publication date and date accuracy measures only that the pipeline keeps it. The
reports cover strikes "since 8 a.m. yesterday", so the true strike date is often the day before;
the gold codes the report date, and so do we.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from orbat.nlp.gazetteer import Gazetteer, load_gazetteer, place_key
from orbat.resolve.places import ResolvedPlace, event_location, resolve_places

__all__ = [
    "COMPONENT",
    "GoldStrike",
    "Scores",
    "StrikeExtraction",
    "extract_strike",
    "load_gold",
    "parse_count",
    "score",
]

#: Versioned name of the extractor scored here.
COMPONENT = "orbat.eval.centcom.v1"

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER_WORDS |= {"a": 1, "an": 1, "single": 1, "thirty": 30}
_COUNT = re.compile(
    r"\b(\d+|[a-z]+(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\s+"
    r"(?:(?:coalition|separate|additional|more|precision|u\.s\.)\s+)*"
    r"(?:air\s*)?strikes?\b",
    re.I,
)
_NEAR = re.compile(r"^\W*(?:Near|In|At)\s+([^,]+?),")


@dataclass(frozen=True, slots=True)
class GoldStrike:
    """One gold row."""

    published: date
    country: str
    location: str
    count: int
    line: str


@dataclass(frozen=True, slots=True)
class StrikeExtraction:
    """What the extractor found in one line."""

    place_name: str | None
    place: ResolvedPlace | None
    count: int | None
    date: date


@dataclass(frozen=True, slots=True)
class Scores:
    """Accuracies over the gold rows (each a share of ``n``)."""

    n: int
    place: float
    place_resolved: float
    country: float
    count: float
    date: float

    def as_dict(self) -> dict[str, float]:
        """The scores as a plain mapping, for reports."""
        return {
            "n": self.n,
            "place": self.place,
            "place_resolved": self.place_resolved,
            "country": self.country,
            "count": self.count,
            "date": self.date,
        }


def load_gold(path: Path) -> list[GoldStrike]:
    """Read the gold CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            GoldStrike(
                published=datetime.strptime(row["date"], "%m/%d/%Y").date(),
                country=row["country"],
                location=row["location"],
                count=int(row["number"]),
                line=row["line"],
            )
            for row in csv.DictReader(handle)
        ]


def parse_count(text: str) -> int | None:
    """The number of strikes a line reports: "two strikes" → 2, "an airstrike" → 1."""
    for match in _COUNT.finditer(text):
        word = match.group(1).lower()
        if word.isdigit():
            return int(word)
        parts = re.split(r"[- ]", word)
        if all(p in _NUMBER_WORDS for p in parts):
            return sum(_NUMBER_WORDS[p] for p in parts)
    return None


def extract_strike(line: str, published: date, gazetteer: Gazetteer) -> StrikeExtraction:
    """Place, strike count and date from one report line and its publication date."""
    resolved = resolve_places(line, gazetteer=gazetteer)
    place = event_location(line, 0, len(line), resolved=resolved)
    name = place.text if place is not None else None
    if name is None:
        opening = _NEAR.match(line)
        name = opening.group(1).strip() if opening else None
    return StrikeExtraction(name, place, parse_count(line), published)


def _place_ok(gold: GoldStrike, found: StrikeExtraction, gazetteer: Gazetteer) -> bool:
    if found.place_name is not None and place_key(found.place_name) == place_key(gold.location):
        return True
    if found.place is None:
        return False
    return found.place.place.id in {p.id for p in gazetteer.lookup(gold.location)}


def score(gold: Sequence[GoldStrike], gazetteer: Gazetteer | None = None) -> Scores:
    """Extract from every gold line and compare.

    A place is right when its name has the gold name's :func:`place_key` ("Ar Raqqah" for
    "Raqqa"), or when the resolved place is one the gold name also names ("Tadmur" resolved to
    the place GeoNames also calls Palmyra). ``place_resolved`` is the share right *and*
    resolved to a gazetteer place with coordinates; ``country`` compares the resolved place's
    country with the report section.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    results = [(g, extract_strike(g.line, g.published, gaz)) for g in gold]
    return _summarise(results, gaz)


def _summarise(results: Iterable[tuple[GoldStrike, StrikeExtraction]], gaz: Gazetteer) -> Scores:
    n = place = resolved = country = count = when = 0
    for gold, found in results:
        n += 1
        ok = _place_ok(gold, found, gaz)
        place += ok
        resolved += ok and found.place is not None
        country += found.place is not None and found.place.place.country in gold.country
        count += found.count == gold.count
        when += found.date == gold.published
    share = (lambda k: k / n) if n else (lambda k: 0.0)
    return Scores(n, share(place), share(resolved), share(country), share(count), share(when))
