"""Publication dates in header lines and feed fields."""

from __future__ import annotations

from datetime import date

import pytest

from orbat.clean.dates import HeaderDate, find_header_date, parse_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 26 June 2018", HeaderDate(date(2018, 6, 26), "26 June 2018", "")),
        ("The National12-03-2025", HeaderDate(date(2025, 3, 12), "12-03-2025", "The National")),
        ("Posted: Sept. 27, 2020 10:32 am", HeaderDate(date(2020, 9, 27), "Sept. 27, 2020", "")),
        ("2024-12-02T10:00:00Z", HeaderDate(date(2024, 12, 2), "2024-12-02T10:00:00Z", "")),
        ("Published on 03/11/21", HeaderDate(date(2021, 11, 3), "03/11/21", "")),
        (
            "Thu, 02 Jun 2022 07:00:00 +0000",
            HeaderDate(date(2022, 6, 2), "Thu, 02 Jun 2022 07:00:00 +0000", ""),
        ),
        ("time5 hours ago", HeaderDate(None, "5 hours ago", "")),
        ("timea day ago", HeaderDate(None, "a day ago", "")),
    ],
)
def test_header_dates(line: str, expected: HeaderDate) -> None:
    assert find_header_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Gulf Today",
        "Middle East Eye",
        # a date inside a caption or sentence is not a header date
        "Pashinyan meets officials in Yerevan on September 27, 2020. Arch foes Armenia",
        "Armenian officials met in Yerevan on September 27, 2020",
        "Middle East 18:57 GMT 26.08.2021(updated at 19:07 GMT on 26.08.2021)",
        "31-02-2024",  # shaped like a date, but no such day
        "Reuters, “Pro-Iranian militias enter Syria from Iraq to aid Syrian army,” 12/2/24",
    ],
)
def test_lines_without_a_header_date(line: str) -> None:
    assert find_header_date(line) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thu, 02 Jun 2022 07:00:00 +0000", date(2022, 6, 2)),
        ("Wed, 14 Jul 2021 07:00:00 GMT", date(2021, 7, 14)),
        ("2021-08-26", date(2021, 8, 26)),
        ("2021-08-26T15:57:00+03:00", date(2021, 8, 26)),
        ("26 June 2018", date(2018, 6, 26)),
        ("2 juin 2022", date(2022, 6, 2)),  # dateparser: other languages
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected
