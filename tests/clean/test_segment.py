"""segment(): dump shapes beyond the seeds, other formats, metadata precedence, errors."""

from __future__ import annotations

from datetime import date

import pytest

import orbat.clean
from orbat.clean import segment
from orbat.errors import SegmentationError
from orbat.models import RawDocument

PARA = "Militia fighters attacked the convoy near the border on Tuesday, officials said."


def _text(text: str, **meta: object) -> RawDocument:
    return RawDocument(origin="dump.txt", format="text", text=text, **meta)  # type: ignore[arg-type]


def test_public_api_is_pinned() -> None:
    assert orbat.clean.__all__ == ["segment"]


def test_plain_text_without_structure_is_one_untitled_article() -> None:
    [article] = segment(_text(f"\n  {PARA}\n\n{PARA} Again.\n"))
    assert article.title is None
    assert article.text == f"{PARA}\n\n{PARA} Again."
    assert article.locator == "article 1"
    assert (article.raw_start, article.raw_end) == (3, 3 + len(PARA) * 2 + len(" Again.") + 2)


def test_hard_separators_split_a_dump() -> None:
    articles = segment(_text(f"{PARA}\n==========\n{PARA} Two.\n\x0c{PARA} Three."))
    assert [a.text for a in articles] == [PARA, f"{PARA} Two.", f"{PARA} Three."]


def test_page_headers_split_stories_and_give_metadata() -> None:
    text = (
        "Strike hits militia depot\n\nCaption of the photo with its credit (AFP)\n"
        "Published 3 March 2024\n\nStrike hits militia depot\n\n" + PARA + "\n\n\n"
        "Ceasefire talks stall again\nCeasefire talks stall again\n\nDaily Star\n\n"
        "2024-03-04\n\n" + PARA + " Talks.\n"
    )
    first, second = segment(_text(text))
    assert (first.title, first.published, first.source) == (
        "Strike hits militia depot",
        date(2024, 3, 3),
        None,
    )
    assert first.extra["captions"] == ["Caption of the photo with its credit (AFP)"]
    assert first.text == PARA
    assert (second.title, second.published, second.source) == (
        "Ceasefire talks stall again",
        date(2024, 3, 4),
        "Daily Star",
    )


def test_flattened_feed_without_channel_header() -> None:
    items = "".join(
        f"Item {n} title https://x.org/{n}/ Mon, 0{n} Jan 2024 10:00:00 GMT https://x.org/{n}/ "
        f"Excerpt {n} […]]]>\n\n{PARA} {n}.\n\n]]>\n"
        for n in (1, 2)
    )
    one, two = segment(_text(items))
    assert (one.title, one.url, one.published, one.source) == (
        "Item 1 title",
        "https://x.org/1/",
        date(2024, 1, 1),
        None,
    )
    assert two.text == f"{PARA} 2."


def test_feed_item_with_only_an_excerpt_keeps_the_excerpt() -> None:
    text = (
        f"T one https://x.org/1 Mon, 01 Jan 2024 10:00:00 GMT https://x.org/1 {PARA} […]]]>\n]]>\n"
    )
    [article] = segment(_text(text))
    assert article.text == PARA


def test_document_metadata_wins_for_a_single_article() -> None:
    raw = _text(
        PARA,
        title="Given title",
        url="https://example.org/a",
        published=date(2020, 1, 2),
        published_raw="2020-01-02",
        source="Given Outlet",
        language="en",
        external_id="42",
        locator="chunk 2",
    )
    [article] = segment(raw)
    assert (article.title, article.url, article.published, article.source) == (
        "Given title",
        "https://example.org/a",
        date(2020, 1, 2),
        "Given Outlet",
    )
    assert (article.language, article.external_id) == ("en", "42")
    assert article.locator == "chunk 2 / article 1"


@pytest.mark.parametrize("fmt", ["rss", "html", "json", "jsonl", "csv", "warc"])
def test_other_formats_are_one_cleaned_article(fmt: str) -> None:
    raw = RawDocument(
        origin="feed.xml",
        format=fmt,
        text=f"Headline\n{PARA}\nShare\nRelated Articles\n",
        locator="item 3",
        title="Headline",
        url="https://example.org/a",
        published=date(2024, 5, 1),
        source="Outlet",
        extra={"feed": "x"},
    )
    [article] = segment(raw)
    assert article.text == PARA
    assert (article.title, article.url, article.published, article.source) == (
        "Headline",
        "https://example.org/a",
        date(2024, 5, 1),
        "Outlet",
    )
    assert article.locator == "item 3"
    assert article.raw_start is None and article.raw_end is None
    assert article.extra == {"feed": "x"}


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("text", ["", "   \n\n", "logo\nComments\nRelated Articles\n]]>\n"])
def test_no_text_after_cleaning_raises(fmt: str, text: str) -> None:
    with pytest.raises(SegmentationError, match="no article text after cleaning"):
        segment(RawDocument(origin="x", format=fmt, text=text))


def test_feed_item_with_headline_only_keeps_the_headline() -> None:
    raw = RawDocument(
        origin="feed.rss",
        format="rss",
        text="submitted by someone\n\n[link][959 comments]",
        title="Three pro-Iran fighters killed in IS attack near Baghdad",
        locator="item 4",
    )
    (article,) = segment(raw)
    assert article.text == raw.title and article.extra["headline_only"] is True
    assert article.locator == "item 4"
