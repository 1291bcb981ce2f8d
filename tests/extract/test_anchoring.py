"""Events anchored through the sentences around them, and history in undated articles."""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.extract.events import ArticleView, EventExtractor


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


def test_the_next_sentences_give_town_and_day(extractor: EventExtractor) -> None:
    text = (
        "In a separate development, security and medical sources said attackers had slit the "
        "throats of the mother and three sisters of an Iraqi election commission employee in "
        "their home.\n\n"
        "The employee, from the Turkmen minority in the town of Hamrin in ethnically mixed "
        "Diyala Province, was not at home at the time and was unharmed, the sources said. No "
        "group had claimed responsibility for the killings late on Sunday."
    )
    records = extractor.extract(ArticleView(1, text, dt.date(2018, 6, 26)))
    attack = [r for r in records if r.sub_event_type == "Attack"]
    assert [(r.location, r.event_date) for r in attack] == [("Hamrin", dt.date(2018, 6, 24))]
    # The evidence covers every sentence the coding came from.
    quote = attack[0].evidence.quote
    assert quote.startswith("In a separate development") and quote.endswith("late on Sunday.")
    assert text[attack[0].evidence.start : attack[0].evidence.end] == quote


def test_an_event_dated_relative_to_a_dated_statement(extractor: EventExtractor) -> None:
    text = (
        "On May 7, 2022, a Telegram channel issued a statement promising free weapons.\n\n"
        "This statement was issued two days after the terrorist ax attack carried out by two "
        "Palestinians from the area near Jenin, against civilian passers-by in the Israeli "
        "town of Elad, in which three people were killed and four injured."
    )
    records = extractor.extract(ArticleView(1, text, dt.date(2022, 5, 8)))
    assert [(r.location, r.event_date, r.fatalities) for r in records] == [
        ("Elad", dt.date(2022, 5, 5), 3)
    ]


def test_history_in_an_undated_article_is_not_news(extractor: EventExtractor) -> None:
    text = (
        "In 1983, Iraqi jets bombed Tehran, killing 20 people.\n\n"
        "In 2025, the two governments signed a trade agreement in Baghdad."
    )
    records = extractor.extract(ArticleView(1, text, None))
    assert all(r.sub_event_type != "Air/drone strike" for r in records)
