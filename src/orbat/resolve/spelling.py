"""Places spelled in a way no gazetteer records: "Dayr Az Zayr", "Deir Ezzor", "Abu Kemal".

Arabic names reach English in many transliterations. :func:`orbat.nlp.gazetteer.place_key`
folds the regular ones (ei/ay, q/k, doubled letters, articles); what is left are one-letter
slips and idiosyncratic spellings of one outlet (CENTCOM's "Dayr Az Zayr"). For a capitalised
name right after a place preposition ("near X", "in the village of X") that no key matches,
the nearest theatre key by edit distance is taken when it is close, unique and long enough
that a slip cannot turn one village into another by accident.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from orbat.nlp.gazetteer import Gazetteer, place_key

__all__ = ["near_spelling"]

#: Keys shorter than this are too easily one letter from another place's.
_MIN_KEY = 7
#: How close (rapidfuzz ratio, 0-100) the key must be: one letter in eight.
_MIN_SCORE = 87.0


@lru_cache(maxsize=4096)
def near_spelling(gazetteer: Gazetteer, name: str) -> str | None:
    """The key of the one theatre place name ``name`` is a near spelling of, or None.

    Cached per gazetteer and name: a scan of every theatre key costs milliseconds, and wire
    copy repeats its misspellings line after line."""
    key = place_key(name)
    if len(key) < _MIN_KEY:
        return None
    # The same first letter and length within one: slips, not another name.
    shapes = _keys_by_shape(gazetteer)
    keys = [k for n in (len(key) - 1, len(key), len(key) + 1) for k in shapes.get((key[0], n), ())]
    matches = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=_MIN_SCORE, limit=8)
    near = [(str(k), float(score)) for k, score, _ in matches]
    if not near:
        return None
    top = max(score for _, score in near)
    best = [k for k, score in near if score == top]
    places = {p.id for k in best for p in gazetteer.lookup_key(k)}
    if len(places) > 1:
        return None  # two places as near: no telling which
    return str(best[0])


@lru_cache(maxsize=4)
def _keys_by_shape(gazetteer: Gazetteer) -> dict[tuple[str, int], tuple[str, ...]]:
    """The theatre's keys by first letter and length: a near spelling is looked for only
    among keys of its own shape, a few hundred of the tens of thousands."""
    shapes: dict[tuple[str, int], list[str]] = {}
    for k in gazetteer.theatre_keys():
        if k:
            shapes.setdefault((k[0], len(k)), []).append(k)
    return {shape: tuple(keys) for shape, keys in shapes.items()}
