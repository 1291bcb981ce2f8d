"""CSV exports: a row past the limit or an unclosed quote costs that row, never the rows after."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbat.ingest import ReadOptions, read_inputs
from orbat.ingest.delimited import _Quotes

from .helpers import split


@pytest.mark.issue(17)
def test_csv_row_past_the_limit_is_skipped_and_the_next_rows_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    body = "A long line, with commas, of the article body.\n" * 100  # ~4.8 KB, quoted
    path.write_text(
        f'id,title,text\n1,One,First.\n2,Two,"{body}"\n3,Three,"Third,\nin two lines."\n'
        "4,Four,Fourth.\n",
        encoding="utf-8",
    )
    docs, skips = split(read_inputs([str(path)], ReadOptions(max_markup_bytes=1000)))
    # Nothing of the oversized row's body turns up as rows of its own.
    assert [(d.external_id, d.locator) for d in docs] == [
        ("1", "row 2"),
        ("3", "row 4"),
        ("4", "row 5"),
    ]
    assert docs[1].text == "Third,\nin two lines."
    (skip,) = skips
    assert skip.locator == "row 3" and "larger than max_markup_bytes" in skip.reason


@pytest.mark.issue(17)
def test_csv_one_line_field_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("id,text\n1,First.\n2," + "x" * 5000 + "\n3,Third.\n", encoding="utf-8")
    docs, skips = split(read_inputs([str(path)], ReadOptions(max_markup_bytes=1000)))
    assert [d.external_id for d in docs] == ["1", "3"]
    assert [s.locator for s in skips] == ["row 3"]


@pytest.mark.issue(17)
def test_csv_unclosed_quote_is_skipped_and_the_lines_after_it_read(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        'id,text\n1,"First,\nin two lines."\n2,"Second, never closed.\n3,Third.\n4,Fourth.\n',
        encoding="utf-8",
    )
    docs, skips = split(read_inputs([str(path)]))
    assert [(d.external_id, d.text, d.locator) for d in docs] == [
        ("1", "First,\nin two lines.", "row 2"),
        ("3", "Third.", "row 4"),
        ("4", "Fourth.", "row 5"),
    ]
    (skip,) = skips
    assert skip.locator == "row 3"
    assert "unclosed quote" in skip.reason and "line 4" in skip.reason


@pytest.mark.issue(17)
def test_csv_unclosed_quote_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    rows = "".join(f"{n},Row {n} of the export.\n" for n in range(3, 200))
    path.write_text(f'id,text\n1,First.\n2,"Never closed.\n{rows}', encoding="utf-8")
    docs, skips = split(read_inputs([str(path)], ReadOptions(max_markup_bytes=1000)))
    assert [d.external_id for d in docs] == ["1", *(str(n) for n in range(3, 200))]
    (skip,) = skips
    assert skip.locator == "row 3" and "unclosed quote" in skip.reason


class _Escaped(csv.excel):
    escapechar = "\\"
    doublequote = False


class _Spaced(csv.excel):
    delimiter = ";"
    skipinitialspace = True


_DIALECTS: dict[str, type[csv.Dialect]] = {
    "excel": csv.excel,
    "escaped": _Escaped,
    "spaced": _Spaced,
}


@pytest.mark.issue(17)
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='a,;"\\ \n\r', max_size=60), st.sampled_from(sorted(_DIALECTS)))
def test_quotes_end_each_record_on_the_line_csv_ends_it(text: str, name: str) -> None:
    """_Quotes, which follows an oversized record to its end, agrees with csv.reader."""
    dialect = _DIALECTS[name]
    lines = io.StringIO(text, newline="").readlines()
    pulled: list[str] = []
    exhausted = False

    def source() -> Iterator[str]:
        nonlocal exhausted
        for line in lines:
            pulled.append(line)
            yield line
        exhausted = True

    reader = csv.reader(source(), dialect)
    while True:
        before = len(pulled)
        try:
            next(reader)
        except StopIteration:
            break
        record = pulled[before:]
        quotes = _Quotes(dialect)
        ends = [quotes.feed(line) for line in record]
        assert not any(ends[:-1]), record
        if not record[-1].endswith(("\n", "\r")):
            continue  # the last line, ended by the end of the text alone
        if exhausted:  # csv read to the end of the text for this record: left open
            assert quotes.open and not ends[-1], record
        else:
            assert ends[-1], record
