"""Property-based fuzzing: every reader, and watch's own parsers, on random and mutated inputs.

``tests/ingest/test_fuzz.py`` fuzzes ``read_inputs`` with format detection; here every reader
is *forced* onto every kind of input (a CSV fed to the WARC reader, a mutated Atom feed to the
JSON reader, pure random bytes to each), which is what a wrong ``--format`` or a lying file
extension does. A reader may refuse an input (a Skip with a reason); it must never crash:
``read_file`` reports a crash as "reader failed", and that is what these tests forbid.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orbat.errors import ConfigError, IngestError
from orbat.ingest import READERS, ReadOptions
from orbat.ingest.base import Input
from orbat.ingest.sources import read_file
from orbat.models import RawDocument, Skip
from orbat.watch.feeds import read_feeds_file
from orbat.watch.poll import feed_records
from orbat.watch.rules import parse_rules
from shared_data import SHARED_DATA, shared

from .corpus import write_jsonl

# Real feeds, aeb pages and a WARC file from ../shared/data (never copied into the repository).
# Without them the fuzzing runs on the inputs written here only, and
# test_real_seeds_are_in_the_fuzz says so (a skip locally, a failure under ORBAT_CI=1).
_REAL = ("feeds", "aeb/html", "warc/example.warc.gz")


def _seeds() -> dict[str, bytes]:
    """Real inputs of every format, cut to a size that keeps each example fast."""
    seeds: dict[str, bytes] = {}
    if all((SHARED_DATA / path).exists() for path in _REAL):
        for path in sorted((SHARED_DATA / "feeds").iterdir()):
            if path.suffix in (".rss", ".atom"):
                seeds[path.name] = path.read_bytes()[:5000]
        for path in sorted((SHARED_DATA / "aeb" / "html").iterdir())[:3]:
            seeds[path.name.removesuffix(".gz")] = gzip.decompress(path.read_bytes())[:20000]
        warc = (SHARED_DATA / "warc" / "example.warc.gz").read_bytes()
        seeds["example.warc.gz"] = warc
        seeds["example.warc"] = gzip.decompress(warc)[:30000]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "export.jsonl"
        write_jsonl(jsonl, 3)
        seeds["export.jsonl"] = jsonl.read_bytes()
    seeds["export.json"] = b"[" + seeds["export.jsonl"].strip().replace(b"\n", b",") + b"]"
    seeds["export.csv"] = (
        b'id,title,date,text\n1,Raid,2021-08-20,"Three fighters were killed near Tarmiya."\n'
        b'2,Strike,2021-08-24,"A drone hit a convoy, officials said."\n'
    )
    seeds["dump.txt"] = seeds["export.jsonl"].replace(b'", "', b'"\n\n"')
    return seeds


SEEDS = _seeds()
# Found by this test: feedparser raised on mangled encoding declarations.
BAD_DECLARATIONS = (
    b'<?\x00ml version="1.0" encoding="\x80utf-8"?>\n<rss',
    b'<?\x00ml version="1.0" encoding="\x00tf-8"?>\n<rss',
)
FORMATS = sorted(READERS)


def test_real_seeds_are_in_the_fuzz() -> None:
    for path in _REAL:
        shared(path)
    assert "example.warc" in SEEDS


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real input with a few random edits: flipped bytes, cuts, insertions, deletions."""
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "duplicate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=32))
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 512))]
        elif data:
            del data[at : at + draw(st.integers(1, 128))]
    return bytes(data)


def _read(fmt: str, data: bytes) -> list[RawDocument | Skip]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        return list(read_file(path, ReadOptions(format=fmt)))


def _assert_no_crash(records: list[RawDocument | Skip]) -> None:
    assert records, "every input yields at least one record"
    for record in records:
        assert isinstance(record, RawDocument | Skip)
        if isinstance(record, Skip):
            assert record.reason and "\n" not in record.reason
            assert not record.reason.startswith("reader failed"), record.reason
        else:
            assert isinstance(record.text, str)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FORMATS), mutated())
@example("rss", BAD_DECLARATIONS[0])
def test_every_reader_survives_mutated_real_inputs(fmt: str, data: bytes) -> None:
    _assert_no_crash(_read(fmt, data))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FORMATS), mutated() | st.binary(max_size=4096))
@example("rss", BAD_DECLARATIONS[0])
@example("rss", BAD_DECLARATIONS[1])
def test_every_reader_called_directly_raises_only_ingest_errors(fmt: str, data: bytes) -> None:
    """Without read_file's sniffing (which refuses NUL bytes first), as ``orbat watch`` calls
    the feed reader: a reader either reads or raises an ``IngestError`` saying why."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        try:
            for record in READERS[fmt](Input(path=path, origin=str(path)), ReadOptions()):
                assert isinstance(record, RawDocument | Skip)
        except IngestError as err:
            assert str(err)
        except RecursionError:
            pass  # read_file reports it as "input nested too deeply to parse"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(FORMATS), st.binary(max_size=4096))
def test_every_reader_survives_random_bytes(fmt: str, data: bytes) -> None:
    _assert_no_crash(_read(fmt, data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
@example(BAD_DECLARATIONS[0])
@example(BAD_DECLARATIONS[1])
def test_watch_feed_parsing_refuses_or_reads(data: bytes) -> None:
    """What a feed server sends: entries with stable locators, or an IngestError (reported)."""
    try:
        records = feed_records(data, "https://feeds.example/rss")
    except IngestError as err:
        assert str(err)
        return
    for record in records:
        if isinstance(record, RawDocument):
            assert record.locator.startswith("entry ") and len(record.locator) <= 200


_YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "rules",
                    "deliver",
                    "name",
                    "actor",
                    "place",
                    "near",
                    "lat",
                    "lon",
                    "km",
                    "event_type",
                    "min_fatalities",
                    "contested",
                    "new_actor",
                    "file",
                    "webhook",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_YAMLISH)
def test_rules_are_accepted_or_refused_with_a_config_error(data: object) -> None:
    try:
        ruleset = parse_rules(data, where="fuzz.yaml")
    except ConfigError as err:
        assert str(err).startswith("fuzz.yaml: ")
        return
    assert ruleset.rules
    for rule in ruleset.rules:
        rule.matches({"actor1": "x", "latitude": 1.0, "longitude": 2.0, "fatalities": 1})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048) | st.text(max_size=2048).map(str.encode))
def test_feeds_files_are_read_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feeds.txt"
        path.write_bytes(data)
        try:
            urls = read_feeds_file(path)
        except ConfigError:
            return
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)
