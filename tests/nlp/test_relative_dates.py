"""Dates told relative to another dated happening ("two days after the attack")."""

from __future__ import annotations

import datetime as dt

from orbat.nlp.dates import resolve_dates
from orbat.nlp.relative_dates import relative_event_date

TEXT = (
    "On May 7, 2022, a channel issued a statement promising weapons. "
    "This statement was issued two days after the ax attack in the town of Elad."
)


def _date(text: str, event_word: str) -> tuple[dt.date, int] | None:
    mentions = resolve_dates(text, dt.date(2022, 5, 8))
    start = text.index("This")
    return relative_event_date(text, start, len(text), mentions, text.index(event_word))


def test_event_after_the_phrase_is_dated_back_from_the_anchor() -> None:
    assert _date(TEXT, "attack") == (dt.date(2022, 5, 5), 1)


def test_weeks_before() -> None:
    text = TEXT.replace("two days after", "a week before")
    assert _date(text, "attack") == (dt.date(2022, 5, 14), 2)


def test_event_before_the_phrase_is_not_dated_by_it() -> None:
    # "The attack came two days after the statement": the attack is the subject; the text
    # dates the statement's day, not the attack's, so nothing is inferred.
    text = "On May 7, 2022, a statement was issued. The attack came two days after the talks."
    mentions = resolve_dates(text, dt.date(2022, 5, 8))
    start = text.index("The attack")
    assert relative_event_date(text, start, len(text), mentions, start + 4) is None


def test_no_anchor_no_date() -> None:
    text = "This statement was issued two days after the ax attack."
    assert relative_event_date(text, 0, len(text), [], text.index("attack")) is None
