"""Every real feed and WARC fixture (in ``../shared/data``) is read, or skipped with a one-line
reason."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from orbat.ingest import read_inputs
from orbat.models import Skip
from shared_data import shared

from .helpers import split

# file → (documents, substring of the skip reason or None when nothing is skipped)
EXPECTED: dict[str, tuple[int, str | None]] = {
    "feeds/content-encoded.rss": (7, None),
    "feeds/encoding.rss": (40, None),
    "feeds/feedburner.atom": (25, None),
    "feeds/guardian.rss": (55, None),
    "feeds/heise.atom": (15, None),
    "feeds/heraldsun.rss": (2, None),
    "feeds/incomplete-fields.atom": (0, "neither title nor text"),
    "feeds/jpost.rss": (70, None),
    "feeds/missing-fields.atom": (0, "neither title nor text"),
    "feeds/reddit-atom.rss": (24, None),
    "feeds/rss-1.rss": (69, None),
    "feeds/unrecognized.rss": (0, "not a feed: no <rss>/<feed> root"),
    "feeds/uolNoticias.rss": (15, None),
    "warc/clipped.warc.gz": (1, "record truncated"),  # the file ends inside its record
    "warc/clueweb-quirk.warc.gz": (29, None),
    "warc/example-bad-non-chunked.warc.gz": (0, "broken WARC after record 1"),
    "warc/example-trunc.warc": (1, "overran their Content-Length"),
    "warc/example-wrong-chunks.warc.gz": (0, "broken WARC after record 1"),
    "warc/example.warc.gz": (1, None),
    "warc/warcfile.warc.gz": (16, None),
}


def test_every_fixture_has_an_expectation(data: Path) -> None:
    found = sorted(
        str(p.relative_to(data))
        for folder in ("feeds", "warc")
        for p in (data / folder).iterdir()
        if not p.name.startswith("LICENSE")
    )
    assert found == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reads_or_skips_with_reason(name: str) -> None:
    path = shared(name)
    docs, skips = split(read_inputs([str(path)]))
    count, reason = EXPECTED[name]
    assert len(docs) == count
    for skip in skips:
        assert skip.origin == str(path.resolve())
        assert skip.reason and "\n" not in skip.reason and len(skip.reason) <= 200
    if reason is None:
        assert not skips, skips
    else:
        assert any(reason in s.reason for s in skips), skips
    for doc in docs:
        assert doc.origin == str(path.resolve())
        assert doc.text or doc.title


def test_jpost_items_have_titles_dates_and_links() -> None:
    docs, skips = split(read_inputs([str(shared("feeds/jpost.rss"))]))
    assert not skips
    assert len(docs) == 70
    assert all(d.title and d.published and d.url and d.format == "rss" for d in docs)
    first = docs[0]
    assert first.title == "Tattooed Mexican cat seeks new home after life behind bars"
    assert first.published == date(2023, 2, 25)
    assert first.published_raw == "Sat, 25 Feb 2023 09:14:42 GMT"
    assert first.source == "JPost.com - Homepage"
    assert [d.locator for d in docs[:2]] == ["item 1", "item 2"]


def test_content_encoded_beats_summary_and_html_is_stripped() -> None:
    docs, _ = split(read_inputs([str(shared("feeds/content-encoded.rss"))]))
    first = docs[0]
    assert first.title == "THE CREATIVE FORAGER"
    assert len(first.text) > 1000
    assert "<p>" not in first.text and "</" not in first.text
    assert first.external_id == "https://medium.com/p/125af37d838f"


def test_atom_ids_and_dates() -> None:
    docs, _ = split(read_inputs([str(shared("feeds/feedburner.atom"))]))
    assert docs[0].external_id and docs[0].external_id.startswith("tag:blogger.com")
    assert docs[0].published == date(2016, 6, 3)
    assert docs[0].source == "Google Ads Developer Blog"


@pytest.mark.parametrize(
    ("name", "word"),
    [("feeds/uolNoticias.rss", "simulações"), ("feeds/encoding.rss", "Raríssimas")],
)
def test_non_utf8_feed_decodes(name: str, word: str) -> None:
    docs, _ = split(read_inputs([str(shared(name))]))
    assert word in (docs[0].title or "")
    assert not any("\ufffd" in (d.title or "") + d.text for d in docs)


def test_warc_records_carry_uri_and_record_id() -> None:
    path = shared("warc/clipped.warc.gz")
    docs, _ = split(read_inputs([str(path)]))
    (doc,) = docs
    assert doc.url == (
        "http://www.houstonpress.com/music/"
        "a-humble-chance-the-rapper-leads-a-spiritual-awakening-at-revention-8866723"
    )
    assert doc.external_id == "<urn:uuid:f3dfa8fa-f031-4a38-90cc-1dcee3d07bb5>"
    assert doc.title and doc.title.startswith("A Humble Chance The Rapper")
    assert doc.locator.startswith("record 1")


def test_warc_keeps_records_before_the_break() -> None:
    records = list(read_inputs([str(shared("warc/example-trunc.warc"))]))
    docs, skips = split(records)
    assert [d.title for d in docs] == ["Example Domain"]
    assert records[-1] == skips[-1]  # the break is reported after what was read


def test_charset_from_http_header(data: Path) -> None:
    docs, _ = split(read_inputs([str(data / "warc/warcfile.warc.gz")]))
    titles = [d.title or "" for d in docs]
    assert "О компании - Стратегия пожарной безопасности" in titles  # windows-1251


@pytest.mark.issue(17)
def test_warc_record_with_mangled_headers_is_a_break_not_a_crash(tmp_path: Path) -> None:
    """A response record whose WARC-Target-URI line was damaged made warcio's parser raise
    AttributeError (found by the fuzz test): it is a broken archive, reported, not a crash."""
    raw = gzip.decompress(shared("warc/example.warc.gz").read_bytes())
    response = raw.index(b"WARC-Type: response")
    uri = raw.index(b"WARC-Target-URI:", response)
    broken = raw[:uri] + raw[raw.index(b"\r\n", uri) + 2 :]
    path = tmp_path / "broken.warc"
    path.write_bytes(broken)
    records = list(read_inputs([str(path)]))
    skips = [r for r in records if isinstance(r, Skip)]
    assert skips, records
    assert all(not s.reason.startswith("reader failed") for s in skips), skips
