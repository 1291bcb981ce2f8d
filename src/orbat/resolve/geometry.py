"""Distances on the globe between places and points."""

from __future__ import annotations

import math

from orbat.nlp.gazetteer import Place

__all__ = ["distance_km", "km_between"]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in kilometres."""
    return km_between(a.lat, a.lon, b.lat, b.lon)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
