"""Readers for village-level gazetteer files: GeoNames dumps, Who's On First TSV, OCHA P-codes.

Each reader turns one file into :class:`ImportedPlace` records. The format is detected from the
content (compression by magic bytes, then the header line or the shape of the first row), never
from the file name alone. Anything a reader cannot make sense of raises
:class:`~orbat.errors.GazetteerError` with the file's name and what was wrong.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from orbat.errors import GazetteerError

__all__ = [
    "ATTRIBUTIONS",
    "FORMATS",
    "Format",
    "ImportedPlace",
    "detect_format",
    "read_places",
]

Format = Literal["geonames", "wof", "ocha"]

#: Source order when places are merged: the first source's spelling names the merged place.
#: OCHA's spellings are the ones Syrian reporting uses ("Sfuhen", "Kansafra").
FORMATS: tuple[Format, ...] = ("ocha", "wof", "geonames")

#: Attribution lines and licence of each format; they travel with the data (manifest, info).
ATTRIBUTIONS: dict[Format, tuple[tuple[str, ...], str]] = {
    "wof": (
        (
            "Data from Who's On First (https://whosonfirst.org/docs/licenses/)",
            "GeoNames (geonames.org), CC BY 4.0",
        ),
        "CC0 (Who's On First's own work); CC BY 4.0 (names and ids from GeoNames)",
    ),
    "ocha": (
        ("UN OCHA, Syrian Arab Republic populated places (P-codes), via HDX",),
        "CC BY 3.0 IGO",
    ),
    "geonames": (("GeoNames (geonames.org), CC BY 4.0",), "CC BY 4.0"),
}

#: ``kind`` is the gazetteer's place kind; ``feature`` says what the place is, in words.
Kind = Literal["city", "site", "admin1", "admin2", "admin3"]

# GeoNames feature codes kept besides populated places (class P), with their feature word.
# https://www.geonames.org/export/codes.html
_GEONAMES_FEATURES: dict[str, tuple[Kind, str]] = {
    "ADM1": ("admin1", "governorate"),
    "ADM2": ("admin2", "district"),
    "ADM3": ("admin3", "subdistrict"),
    "AIRB": ("site", "air base"),
    "AIRF": ("site", "airfield"),
    "AIRP": ("site", "airport"),
    "MILB": ("site", "military base"),
    "INSM": ("site", "military installation"),
    "PSTB": ("site", "border crossing"),
    "PRN": ("site", "prison"),
    "CMP": ("site", "camp"),
    "CMPRF": ("site", "refugee camp"),
    "DAM": ("site", "dam"),
    "BDG": ("site", "bridge"),
    "OILR": ("site", "oil refinery"),
    "PS": ("site", "power station"),
    "WAD": ("site", "wadi"),
    "WADS": ("site", "wadi"),
    "MT": ("site", "mountain"),
    "MTS": ("site", "mountains"),
    "HLL": ("site", "hill"),
    "HLLS": ("site", "hills"),
    "RDGE": ("site", "ridge"),
    "PLN": ("site", "plain"),
    "PLAT": ("site", "plateau"),
    "DSRT": ("site", "desert"),
    "AREA": ("site", "area"),
    "RGN": ("site", "region"),
    "OILF": ("site", "oil field"),
    "GASF": ("site", "gas field"),
}
_GEONAMES_COLUMNS = 19
_WOF_HEADER = ("country", "wof_id", "geonames_id", "placetype", "name", "name_ar")
_OCHA_HEADER = ("pcode", "type", "name_en", "name_en_base", "name_ar")
_OCHA_KINDS: dict[str, tuple[Kind, str]] = {
    "community": ("city", "village"),
    "neighbourhood": ("city", "neighbourhood"),
    "subdistrict": ("admin3", "subdistrict"),
    "district": ("admin2", "district"),
    "governorate": ("admin1", "governorate"),
}
_WOF_KINDS: dict[str, tuple[Kind, str]] = {
    "locality": ("city", "village"),
    "neighbourhood": ("city", "neighbourhood"),
    "county": ("admin2", "district"),
    "region": ("admin1", "governorate"),
    "campus": ("site", "airport"),
}
#: Populated places at least this large are called towns rather than villages.
_TOWN_POPULATION = 10_000
_CITY_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class ImportedPlace:
    """One place read from a gazetteer file, before merging with other sources.

    ``names`` holds every Latin- or Arabic-script name the file gives (``name`` first);
    ``link`` is a ``geonames:<id>`` the source says is the same place, or "".
    """

    id: str
    name: str
    names: tuple[str, ...]
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    kind: Kind
    feature: str
    population: int
    link: str = ""


def detect_format(path: Path) -> Format:
    """The format of ``path`` (plain, gzip or zip), read from its first line."""
    with _text_lines(path) as lines:
        first = next(lines, "")
    return _format_of(path, first)


def read_places(path: Path) -> tuple[Format, Iterator[ImportedPlace]]:
    """The format of ``path`` and an iterator over its places.

    The iterator raises :class:`GazetteerError` when the file turns out corrupt or truncated
    part-way, so a caller that stores what it reads must do so in one transaction.
    """
    fmt = detect_format(path)
    readers: dict[Format, Callable[[Path], Iterator[ImportedPlace]]] = {
        "geonames": _read_geonames,
        "wof": _read_wof,
        "ocha": _read_ocha,
    }
    return fmt, readers[fmt](path)


def _format_of(path: Path, first: str) -> Format:
    cells = first.rstrip("\r\n").split("\t")
    if tuple(cells[: len(_WOF_HEADER)]) == _WOF_HEADER:
        return "wof"
    if tuple(cells[: len(_OCHA_HEADER)]) == _OCHA_HEADER:
        return "ocha"
    if len(cells) == _GEONAMES_COLUMNS and cells[0].isdigit():
        try:
            float(cells[4]), float(cells[5])
        except ValueError:
            pass
        else:
            return "geonames"
    raise GazetteerError(
        f"{path}: not a gazetteer file orbat reads (a GeoNames dump such as IQ.txt, "
        "Who's On First TSV or OCHA P-code TSV; see docs/places.md)"
    )


@contextmanager
def _text_lines(path: Path) -> Iterator[Iterator[str]]:
    """Lines of ``path`` as text, through gzip or the data member of a zip; errors named."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(4)
        if magic[:2] == b"\x1f\x8b":
            with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
                yield _guarded(path, text)
        elif magic == b"PK\x03\x04":
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(path, archive)
                with archive.open(member) as data:
                    text = io.TextIOWrapper(data, encoding="utf-8", newline="")
                    yield _guarded(path, text)
        else:
            with path.open(encoding="utf-8", newline="") as text:
                yield _guarded(path, text)
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot be read ({_reason(exc)})") from exc


def _guarded(path: Path, text: IO[str]) -> Iterator[str]:
    """``text``'s lines; a read error part-way becomes a :class:`GazetteerError`."""
    try:
        yield from text
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: corrupt or truncated ({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed data ends early: the file is truncated"
    return str(exc) or type(exc).__name__


def _zip_member(path: Path, archive: zipfile.ZipFile) -> str:
    """The data file inside a GeoNames zip (``IQ.zip`` holds ``IQ.txt`` and ``readme.txt``)."""
    members = [
        n
        for n in archive.namelist()
        if not n.endswith("/") and Path(n).name.lower() not in ("readme.txt", "license.txt")
    ]
    if len(members) != 1:
        raise GazetteerError(f"{path}: expected one data file in the zip, found {members}")
    return members[0]


def _rows(path: Path, *, quoted: bool) -> Iterator[list[str]]:
    """Tab-separated rows; ``quoted`` honours CSV quotes (OCHA's cells hold newlines)."""
    with _text_lines(path) as lines:
        reader = (
            csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
            if quoted
            else csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        )
        try:
            yield from reader
        except csv.Error as exc:
            raise GazetteerError(f"{path}: malformed row ({exc})") from exc


def _float(path: Path, value: str, line: int) -> float:
    try:
        return float(value)
    except ValueError:
        raise GazetteerError(f"{path}: row {line}: {value!r} is not a coordinate") from None


def _int(value: str) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def _usable(name: str) -> bool:
    """A name worth keeping: Latin or Arabic script, not a 2-4 letter airport code."""
    name = name.strip()
    if not name or (name.isupper() and name.isascii() and len(name) <= 4):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(
        ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" or _arabic(ch)
        for ch in letters
    )


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _names(*groups: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for group in groups:
        for name in [group] if isinstance(group, str) else group:
            cleaned = " ".join(name.split())
            if _usable(cleaned):
                out.setdefault(cleaned, None)
    return tuple(out)


def _settlement(feature: str, population: int) -> str:
    if feature != "village" or population < _TOWN_POPULATION:
        return feature
    return "city" if population >= _CITY_POPULATION else "town"


def _read_geonames(path: Path) -> Iterator[ImportedPlace]:
    """GeoNames export rows (19 columns, no header): class P and the features listed above.

    Admin1 and admin2 names come from the file's own ADM1/ADM2 rows (a first pass); the
    gazetteer maps admin1 codes of its theatre to its own names when it merges.
    """
    admin1: dict[tuple[str, str], str] = {}
    admin2: dict[tuple[str, str, str], str] = {}
    for row in _rows(path, quoted=False):
        if len(row) >= _GEONAMES_COLUMNS and row[7] in ("ADM1", "ADM2"):
            if row[7] == "ADM1":
                admin1[(row[8], row[10])] = row[1]
            else:
                admin2[(row[8], row[10], row[11])] = row[1]
    for line, row in enumerate(_rows(path, quoted=False), start=1):
        if len(row) != _GEONAMES_COLUMNS:
            raise GazetteerError(
                f"{path}: row {line} has {len(row)} columns, a GeoNames dump has 19"
            )
        fclass, code = row[6], row[7]
        population = _int(row[14])
        if fclass == "P":
            kind: Kind = "city"
            feature = "neighbourhood" if code == "PPLX" else _settlement("village", population)
        elif code in _GEONAMES_FEATURES:
            kind, feature = _GEONAMES_FEATURES[code]
        else:
            continue
        cc = row[8]
        yield ImportedPlace(
            id=f"geonames:{row[0]}",
            name=row[1],
            names=_names(row[1], row[2], row[3].split(",")),
            country=cc,
            admin1=admin1.get((cc, row[10])) or (f"code:{row[10]}" if row[10] else None),
            admin2=admin2.get((cc, row[10], row[11])),
            lat=_float(path, row[4], line),
            lon=_float(path, row[5], line),
            kind=kind,
            feature=feature,
            population=population,
        )


def _records(path: Path, header: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    rows = _rows(path, quoted=True)
    columns = next(rows, [])
    if tuple(columns[: len(header)]) != header:
        raise GazetteerError(f"{path}: unexpected header {columns[:6]}")
    for line, row in enumerate(rows, start=2):
        if len(row) != len(columns):
            raise GazetteerError(
                f"{path}: row {line} has {len(row)} columns, the header {len(columns)}"
            )
        yield line, {k: v.strip() for k, v in zip(columns, row, strict=True)}


def _read_wof(path: Path) -> Iterator[ImportedPlace]:
    """Who's On First, flattened (see ``../shared/data/gazetteer/README.md``).

    Deprecated and no-longer-current records are skipped; a ``geonames_id`` links the place to
    the GeoNames city of that id.
    """
    for line, rec in _records(path, _WOF_HEADER):
        if rec["deprecated"] or rec["is_current"] == "0" or rec["placetype"] not in _WOF_KINDS:
            continue
        kind, feature = _WOF_KINDS[rec["placetype"]]
        # "Nahiyat Jurf as Sakhr" is the subdistrict named for, and around, Jurf as Sakhr.
        bare = rec["name"].removeprefix("Nahiyat ") if kind == "city" else ""
        names = _names(rec["name"], bare, rec["name_ar"].split("|"), rec["alt_names"].split("|"))
        population = _int(rec["population"])
        if feature == "airport" and any("air base" in n.lower() or "airbase" in n for n in names):
            feature = "air base"
        yield ImportedPlace(
            id=f"wof:{rec['wof_id']}",
            name=rec["name"],
            names=names,
            country=rec["country"],
            admin1=rec["admin1"] or None,
            admin2=rec["admin2"] or (rec["name"] if kind == "admin2" else None),
            lat=_float(path, rec["lat"], line),
            lon=_float(path, rec["lon"], line),
            kind=kind,
            feature=_settlement(feature, population),
            population=population,
            link=f"geonames:{rec['geonames_id']}" if rec["geonames_id"] else "",
        )


def _read_ocha(path: Path) -> Iterator[ImportedPlace]:
    """OCHA's Syrian P-code table (see ``../shared/data/gazetteer/README.md``).

    Subdistrict centres and governorate capitals are towns, other communities villages. The
    Arabic name drops a " - <parent>" tail ("تنوزة - مركز تل أبيض" → "تنوزة").
    """
    for line, rec in _records(path, _OCHA_HEADER):
        if rec["type"] not in _OCHA_KINDS:
            continue
        kind, feature = _OCHA_KINDS[rec["type"]]
        if kind == "city" and "True" in (rec["is_gov_capital"], rec["is_subdistrict_center"]):
            feature = "town" if feature == "village" else feature
        arabic = rec["name_ar"].split(" - ")[0].removeprefix("محافظة ").strip()
        name = rec["name_en_base"] or rec["name_en"]
        yield ImportedPlace(
            id=f"ocha:{rec['pcode']}",
            name=name,
            names=_names(name, "" if "(" in rec["name_en"] else rec["name_en"], arabic),
            country="SY",
            admin1=rec["admin1_en"] or None,
            admin2=rec["admin2_en"] or None,
            lat=_float(path, rec["lat"], line),
            lon=_float(path, rec["lon"], line),
            kind=kind,
            feature=feature,
            population=0,
        )
