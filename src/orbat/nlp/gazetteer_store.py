"""The local store of imported gazetteer files: one SQLite file and a manifest in the cache folder.

``$ORBAT_CACHE_DIR/places/imported.sqlite`` (default ``~/.cache/orbat``) holds every place read
by ``orbat gazetteer import``, with a format version, and a ``sources`` table that is the
manifest: file name, sha256, format, rows, countries, import time, attribution and licence.
``manifest.json`` beside it is the same table for people and scripts. A file is imported in one
transaction, so a corrupt or truncated file leaves the store as it was; importing a file with
the same sha256 again changes nothing, and a new version of a file with the same name replaces
the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from orbat.errors import GazetteerError
from orbat.nlp.gazetteer_formats import ATTRIBUTIONS, FORMATS, ImportedPlace, read_places

__all__ = [
    "FORMAT_VERSION",
    "ImportResult",
    "ImportedGazetteer",
    "SourceInfo",
    "cache_dir",
]

#: Bump when the tables change shape; an older store is refused with what to do.
FORMAT_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,
    rows INTEGER NOT NULL, countries TEXT NOT NULL, imported_at TEXT NOT NULL,
    seconds REAL NOT NULL, attribution TEXT NOT NULL, licence TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    source TEXT NOT NULL REFERENCES sources(sha256), id TEXT NOT NULL, name TEXT NOT NULL,
    names TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT, admin2 TEXT, lat REAL NOT NULL,
    lon REAL NOT NULL, kind TEXT NOT NULL, feature TEXT NOT NULL, population INTEGER NOT NULL,
    link TEXT NOT NULL, PRIMARY KEY (source, id)
);
"""
_SEP = "\x1f"  # between names: no gazetteer name contains the unit separator


def cache_dir() -> Path:
    """orbat's cache folder: ``$ORBAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/orbat`` or
    ``~/.cache/orbat``."""
    explicit = os.environ.get("ORBAT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orbat"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One imported file, as the manifest records it."""

    name: str
    path: str
    sha256: str
    format: str
    rows: int
    countries: dict[str, int]
    imported_at: str
    seconds: float
    attribution: list[str]
    licence: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What one ``import_file`` did: ``imported``, ``replaced`` (an older version of the same
    file name) or ``unchanged`` (this very file was already imported)."""

    source: SourceInfo
    status: Literal["imported", "replaced", "unchanged"]


class ImportedGazetteer:
    """The imported places in ``folder`` (default ``cache_dir() / "places"``)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir() / "places"
        self.path = self.folder / "imported.sqlite"
        self.manifest_path = self.folder / "manifest.json"

    def exists(self) -> bool:
        """Whether anything was ever imported here."""
        return self.path.exists()

    def _connect(self, *, create: bool) -> sqlite3.Connection:
        if create:
            self.folder.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=60)
        try:
            conn.executescript(_SCHEMA)
            found = conn.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
            if found is None:
                with conn:
                    conn.execute(
                        "INSERT INTO meta VALUES ('format_version', ?)", (str(FORMAT_VERSION),)
                    )
            elif found[0] != str(FORMAT_VERSION):
                raise GazetteerError(
                    f"{self.path} is an imported gazetteer of format {found[0]}, this orbat "
                    f"reads format {FORMAT_VERSION}: run `orbat gazetteer clear` and import again"
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise GazetteerError(
                f"{self.path} is damaged ({exc}): run `orbat gazetteer clear` and import again"
            ) from exc
        except GazetteerError:
            conn.close()
            raise
        return conn

    def import_file(self, path: Path, *, countries: Iterable[str] | None = None) -> ImportResult:
        """Read ``path`` (any supported format) into the store, in one transaction.

        1. Hash the file; the same sha256 already imported → ``unchanged``.
        2. Read every place (keeping only ``countries`` when given) into the places table.
        3. Drop an older import of a file with the same name, record the source, commit.
        Any error before the commit leaves the store exactly as it was.
        """
        start = time.perf_counter()
        # 1.
        sha256 = _sha256(path)
        wanted = {c.upper() for c in countries} if countries else None
        with closing(self._connect(create=True)) as conn:
            known = self._sources(conn, "WHERE sha256 = ?", (sha256,))
            if known:
                return ImportResult(known[0], "unchanged")
            fmt, places = read_places(path)
            per_country: dict[str, int] = {}
            try:
                with conn:
                    # 2.
                    conn.execute(
                        "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,0,'{}','',0,'','')",
                        (sha256, path.name, str(path), fmt),
                    )
                    conn.executemany(
                        "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        _rows(sha256, places, wanted, per_country),
                    )
                    if not per_country:
                        raise GazetteerError(f"{path}: no places found in this {fmt} file")
                    # 3.
                    old = [
                        r[0]
                        for r in conn.execute(
                            "SELECT sha256 FROM sources WHERE name = ? AND format = ? "
                            "AND sha256 != ?",
                            (path.name, fmt, sha256),
                        )
                    ]
                    for digest in old:
                        conn.execute("DELETE FROM places WHERE source = ?", (digest,))
                        conn.execute("DELETE FROM sources WHERE sha256 = ?", (digest,))
                    lines, licence = ATTRIBUTIONS[fmt]
                    conn.execute(
                        "UPDATE sources SET rows = ?, countries = ?, imported_at = ?, "
                        "seconds = ?, attribution = ?, licence = ? WHERE sha256 = ?",
                        (
                            sum(per_country.values()),
                            json.dumps(dict(sorted(per_country.items()))),
                            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                            round(time.perf_counter() - start, 2),
                            json.dumps(list(lines)),
                            licence,
                            sha256,
                        ),
                    )
            except sqlite3.Error as exc:
                raise GazetteerError(f"{path}: could not be stored in {self.path} ({exc})") from exc
            self._write_manifest(conn)
            source = self._sources(conn, "WHERE sha256 = ?", (sha256,))[0]
        return ImportResult(source, "replaced" if old else "imported")

    def sources(self) -> list[SourceInfo]:
        """Every imported file, oldest import first."""
        if not self.exists():
            return []
        with closing(self._connect(create=False)) as conn:
            return self._sources(conn, "", ())

    def places(self) -> Iterator[ImportedPlace]:
        """Every imported place: OCHA first, then Who's On First, then GeoNames (see
        :data:`~orbat.nlp.gazetteer_formats.FORMATS`), each in import order."""
        if not self.exists():
            return
        order = " ".join(f"WHEN '{f}' THEN {i}" for i, f in enumerate(FORMATS))
        with closing(self._connect(create=False)) as conn:
            cursor = conn.execute(
                "SELECT p.id, p.name, p.names, p.country, p.admin1, p.admin2, p.lat, p.lon, "
                "p.kind, p.feature, p.population, p.link FROM places p "
                f"JOIN sources s ON s.sha256 = p.source ORDER BY CASE s.format {order} END, "
                "s.imported_at, s.rowid, p.rowid"
            )
            for row in cursor:
                yield ImportedPlace(row[0], row[1], tuple(row[2].split(_SEP)), *row[3:])

    def fingerprint(self) -> str:
        """A digest of what is imported ("" when nothing is): part of the gazetteer cache key."""
        digests = [s.sha256 for s in self.sources()]
        if not digests:
            return ""
        joined = f"{FORMAT_VERSION}:" + ",".join(sorted(digests))
        return hashlib.sha256(joined.encode()).hexdigest()[:16]

    def clear(self) -> int:
        """Remove every imported file; how many there were."""
        count = len(self.sources()) if self.exists() else 0
        for path in (self.path, self.manifest_path):
            path.unlink(missing_ok=True)
        return count

    @staticmethod
    def _sources(conn: sqlite3.Connection, where: str, args: tuple[str, ...]) -> list[SourceInfo]:
        rows = conn.execute(
            "SELECT name, path, sha256, format, rows, countries, imported_at, seconds, "
            f"attribution, licence FROM sources {where} ORDER BY imported_at, rowid",
            args,
        ).fetchall()
        return [
            SourceInfo(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                json.loads(r[5]),
                r[6],
                r[7],
                json.loads(r[8] or "[]"),
                r[9],
            )
            for r in rows
        ]

    def _write_manifest(self, conn: sqlite3.Connection) -> None:
        manifest = {
            "format_version": FORMAT_VERSION,
            "sources": [asdict(s) for s in self._sources(conn, "", ())],
        }
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.manifest_path)


def _rows(
    source: str,
    places: Iterator[ImportedPlace],
    wanted: set[str] | None,
    per_country: dict[str, int],
) -> Iterator[tuple[object, ...]]:
    for p in places:
        if wanted is not None and p.country not in wanted:
            continue
        per_country[p.country] = per_country.get(p.country, 0) + 1
        yield (
            *(source, p.id, p.name, _SEP.join(p.names), p.country, p.admin1, p.admin2),
            *(p.lat, p.lon, p.kind, p.feature, p.population, p.link),
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot be read ({exc})") from exc
    return digest.hexdigest()
