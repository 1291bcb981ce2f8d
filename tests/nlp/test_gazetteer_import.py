"""`orbat gazetteer import`: formats read from the content, idempotent, all or nothing."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.errors import GazetteerError
from orbat.nlp.gazetteer_formats import detect_format, read_places
from orbat.nlp.gazetteer_store import ImportedGazetteer
from shared_data import SHARED_DATA, shared

SHARED = SHARED_DATA / "gazetteer"
OCHA = SHARED / "ocha_syr_locations.tsv.gz"
WOF = SHARED / "wof_iq_sy_places.tsv.gz"
needs_shared = pytest.mark.usefixtures("shared_gazetteer")


@pytest.fixture
def shared_gazetteer() -> None:
    """The shared OCHA and WOF files: skipped without them, a failure under ORBAT_CI=1."""
    shared("gazetteer", OCHA.name)
    shared("gazetteer", WOF.name)


# A hand-written extract in the GeoNames export format (19 tab-separated columns, no header):
# a governorate and a district (which name the others' admin codes), a village, a town, an
# air base, a mountain, and a stream (class H, STM: not a feature orbat keeps). Columns here:
# geonameid | name | alternatenames | lat | lon | class | code | admin1 | admin2 | population.
_SAMPLE = """
169388|Idlib Governorate|Idlib,Muhafazat Idlib|35.8|36.6|A|ADM1|12||0
7910001|Ariha District|Mintaqat Ariha|35.8|36.6|A|ADM2|12|1205|0
9990001|Kfar Testa|Kafr Testa,كفر تستا|35.7|36.5|P|PPL|12|1205|0
9990002|Testabad|Testabad|35.9|36.7|P|PPLA3|12|1205|20000
9990003|Abu Testa Air Base|OSAT|35.6|36.4|S|AIRB|12|1205|0
9990004|Jabal Testa||35.5|36.3|T|MT|12|1205|0
9990005|Nahr Testa||35.4|36.2|H|STM|12|1205|0
"""


def _geonames_line(short: str) -> str:
    gid, name, alt, lat, lon, fclass, code, a1, a2, population = short.split("|")
    ascii_name = name.encode("ascii", "ignore").decode()
    cells = [gid, name, ascii_name, alt, lat, lon, fclass, code, "SY", "", a1, a2, "", "",
             population, "", "300", "Asia/Damascus", "2024-01-01"]  # fmt: skip
    return "\t".join(cells) + "\n"


GEONAMES_SAMPLE = "".join(_geonames_line(line) for line in _SAMPLE.strip().splitlines())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own (never the user's)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ORBAT_CACHE_DIR", str(folder))
    return folder


def _place_rows(store: ImportedGazetteer) -> int:
    with sqlite3.connect(store.path) as conn:
        return int(conn.execute("SELECT count(*) FROM places").fetchone()[0])


def test_geonames_sample_imports(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text(GEONAMES_SAMPLE, encoding="utf-8")
    assert detect_format(path) == "geonames"
    result = ImportedGazetteer().import_file(path)
    assert result.status == "imported"
    assert result.source.rows == 6  # the stream is not kept
    places = {p.id: p for p in ImportedGazetteer().places()}
    village = places["geonames:9990001"]
    assert village.kind == "city" and village.feature == "village"
    assert village.admin1 == "Idlib Governorate" and village.admin2 == "Ariha District"
    assert "كفر تستا" in village.names and "Kafr Testa" in village.names
    assert places["geonames:9990002"].feature == "town"
    assert places["geonames:9990003"].feature == "air base"
    assert "OSAT" not in places["geonames:9990003"].names  # an ICAO code is no name
    assert places["geonames:9990004"].feature == "mountain"
    assert places["geonames:7910001"].kind == "admin2"


def test_geonames_zip_imports(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("SY.txt", GEONAMES_SAMPLE)
        archive.writestr("readme.txt", "GeoNames readme")
    fmt, places = read_places(path)
    assert fmt == "geonames"
    assert len(list(places)) == 6


@needs_shared
def test_shared_files_are_detected() -> None:
    assert detect_format(OCHA) == "ocha"
    assert detect_format(WOF) == "wof"


@needs_shared
def test_reimport_is_idempotent(cache: Path) -> None:
    store = ImportedGazetteer()
    first = store.import_file(OCHA)
    assert first.status == "imported"
    assert first.source.rows == 8710 and first.source.countries == {"SY": 8710}
    fingerprint = store.fingerprint()
    again = store.import_file(OCHA)
    assert again.status == "unchanged"
    assert store.fingerprint() == fingerprint
    assert _place_rows(store) == 8710
    assert len(store.sources()) == 1
    manifest = (store.folder / "manifest.json").read_text(encoding="utf-8")
    assert "UN OCHA, Syrian Arab Republic populated places (P-codes), via HDX" in manifest
    assert first.source.sha256 in manifest


@needs_shared
def test_truncated_gz_leaves_the_old_import(tmp_path: Path, cache: Path) -> None:
    store = ImportedGazetteer()
    store.import_file(OCHA)
    before = store.sources()
    # A newer download of the same file, cut short: it would replace the old one if it read.
    broken = tmp_path / OCHA.name
    broken.write_bytes(OCHA.read_bytes()[: OCHA.stat().st_size // 2])
    with pytest.raises(GazetteerError, match="truncated"):
        store.import_file(broken)
    assert store.sources() == before
    assert _place_rows(store) == 8710


def test_unknown_file_is_refused_whole(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "notes.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("this is not a gazetteer\n")
    with pytest.raises(GazetteerError, match="not a gazetteer file"):
        ImportedGazetteer().import_file(path)
    assert ImportedGazetteer().sources() == []


def test_bad_row_imports_nothing(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "SY.txt"
    lines = GEONAMES_SAMPLE.splitlines(keepends=True)
    path.write_text("".join([*lines, "9990009\tBroken\tonly a few columns\n"]), encoding="utf-8")
    with pytest.raises(GazetteerError, match="19"):
        ImportedGazetteer().import_file(path)
    assert ImportedGazetteer().sources() == []


def test_cli_import_info_clear(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text(GEONAMES_SAMPLE, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "info"])
    assert result.exit_code == 0 and "Nothing imported" in result.output
    result = runner.invoke(app, ["gazetteer", "import", str(path), "--no-build"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gazetteer", "info"])
    assert "SY.txt" in result.output and "GeoNames (geonames.org), CC BY 4.0" in result.output
    result = runner.invoke(app, ["gazetteer", "clear"])
    assert result.exit_code == 0
    assert ImportedGazetteer().sources() == []


@needs_shared
def test_country_filter(tmp_path: Path, cache: Path) -> None:
    copy = tmp_path / WOF.name
    shutil.copy(WOF, copy)
    result = ImportedGazetteer().import_file(copy, countries=["iq"])
    assert set(result.source.countries) == {"IQ"}
