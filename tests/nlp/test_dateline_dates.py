"""Issue 15 (found by the Yemen pack's reports): a dateline's date ("TAIZ, Oct 5 (Reuters) -")
is when the story was filed; "on Saturday" in the same sentence dates the event."""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.nlp.dates import resolve_dates, select_event_date

pytestmark = pytest.mark.issue(15)

PUBLISHED = dt.date(2025, 10, 5)  # a Sunday


@pytest.mark.parametrize(
    "dateline",
    [
        "TAIZ, Yemen, Oct 5 (Wire) - ",
        "ADEN, Oct 5 (Reuters) — ",
        "WASHINGTON/SANAA, Oct 5 - ",
    ],
)
def test_the_weekday_dates_the_event_not_the_dateline(dateline: str) -> None:
    text = dateline + "Houthi forces shelled neighbourhoods of Taiz on Saturday, wounding four."
    mentions = resolve_dates(text, PUBLISHED)
    assert [m.filed for m in mentions] == [True, False]
    chosen = select_event_date(mentions, 0, len(text))
    assert chosen is not None and chosen.date == dt.date(2025, 10, 4)


def test_a_dateline_date_alone_still_dates_the_sentence() -> None:
    text = "TAIZ, Yemen, Oct 5 (Wire) - Houthi forces shelled neighbourhoods of Taiz."
    chosen = select_event_date(resolve_dates(text, PUBLISHED), 0, len(text))
    assert chosen is not None and chosen.filed and chosen.date == PUBLISHED


def test_a_date_in_running_text_is_not_a_dateline() -> None:
    text = "Officials said that on Oct 5 - a Sunday - the strikes resumed, and on Friday too."
    mentions = resolve_dates(text, PUBLISHED)
    assert not any(m.filed for m in mentions)
