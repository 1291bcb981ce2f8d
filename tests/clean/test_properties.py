"""Property tests: segment never fails on arbitrary text except with SegmentationError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbat.clean import segment
from orbat.errors import SegmentationError
from orbat.models import RawDocument

# Pieces that steer the text into the feed, page-header and chrome paths.
_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\x0c",
        "==========\n",
        "Title of a story\n",
        "Updated 26 June 2018\n",
        "The National12-03-2025\n",
        "time5 hours ago\n",
        "  • Middle East Eye\n",
        "TT\n",
        "]]>\n",
        "Related Articles\n",
        "SOURCES\n",
        "A sentence of the body that ends here.\n",
        "T https://x.org/a Thu, 02 Jun 2022 07:00:00 +0000 https://x.org/a excerpt […]]]>\n",
        "Headline – Some Outlet https://x.org/b Thu, 31 Feb 2022 07:00:00 +0000 x:y ]]>\n",
    ]
)
_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, fmt=st.sampled_from(["text", "html"]))
def test_segment_only_raises_segmentation_error(text: str, fmt: str) -> None:
    raw = RawDocument(origin="x", format=fmt, text=text, locator="chunk 1")
    try:
        articles = segment(raw)
    except SegmentationError:
        return
    assert articles
    for article in articles:
        assert article.text.strip()
        if article.raw_start is not None or article.raw_end is not None:
            assert article.raw_start is not None and article.raw_end is not None
            assert 0 <= article.raw_start <= article.raw_end <= len(text)
