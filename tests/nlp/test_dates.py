"""Date resolution against publication dates, on sentences from the founding corpus."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbat
from orbat.nlp.dates import (
    DateMention,
    event_date_for_sentence,
    is_historical,
    resolve_dates,
    select_event_date,
)

SEEDS = Path(next(iter(orbat.__path__))) / "examples" / "seeds"
D = dt.date


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def mention_in(text: str, sentence: str, surface: str, published: D | None) -> DateMention:
    """The first mention with ``surface`` from where ``sentence`` starts to the end of its line."""
    start = text.index(sentence)
    end = text.find("\n", start) % (len(text) + 1)
    found = [
        m for m in resolve_dates(text, published) if start <= m.start < end and m.surface == surface
    ]
    assert found, [m.surface for m in resolve_dates(text, published)]
    return found[0]


# (seed, publication date as printed in the seed, sentence, surface, date, end_date, precision)
CORPUS_CASES = [
    # Sputnik via iraqwarnews, "Thu, 26 Aug 2021"
    ("001", D(2021, 8, 26), "The series of suspected attacks reportedly took place on Tuesday",
     "Tuesday", D(2021, 8, 24), None, 1),
    # AFP via iraqwarnews, "Sun, 22 Aug 2021"
    ("001", D(2021, 8, 22), "Three fighters from a pro-Iranian militia were killed in Iraq",
     "Friday", D(2021, 8, 20), None, 1),
    ("001", D(2021, 8, 22), "Last month, ISIS claimed responsibility",
     "Last month", D(2021, 7, 1), D(2021, 7, 31), 3),
    # Sputnik: a range of months in a background sentence
    ("001", D(2021, 8, 26), "Between March 2020 and January 2021, the number of US troops",
     "Between March 2020 and January 2021", D(2020, 3, 1), D(2021, 1, 31), 3),
    # MEMRI via iraqwarnews, "Thu, 02 Jun 2022": the first day takes the year of the second
    ("001", D(2022, 6, 2), "Between May 31 and June 1, 2022, several Telegram channels",
     "Between May 31 and June 1, 2022", D(2022, 5, 31), D(2022, 6, 1), 1),
    # Arab News, "Updated 26 June 2018" (a Tuesday)
    ("002", D(2018, 6, 26), "killed 22 of its members across the border in Syria last week",
     "last week", D(2018, 6, 18), D(2018, 6, 24), 2),
    ("002", D(2018, 6, 26), "This followed an accusation by the PMF on Monday",
     "Monday", D(2018, 6, 25), None, 1),
    ("002", D(2018, 6, 26), "No group had claimed responsibility for the killings late on Sunday",
     "late on Sunday", D(2018, 6, 24), None, 1),
    ("002", D(2018, 6, 26), "Washington last month said it would impose",
     "last month", D(2018, 5, 1), D(2018, 5, 31), 3),
    # The National, "12-03-2025" (Wednesday 12 March 2025)
    ("000", D(2025, 3, 12), "Since Thursday, more than 1,300 people",
     "Since Thursday", D(2025, 3, 6), D(2025, 3, 12), 1),
    ("000", D(2025, 3, 12), "Earlier this month, Iraqi security forces arrested three",
     "Earlier this month", D(2025, 3, 1), D(2025, 3, 12), 3),
    ("000", D(2025, 3, 12), "which took power in Damascus last December",
     "last December", D(2024, 12, 1), D(2024, 12, 31), 3),
    ("000", D(2025, 3, 12), "Iraq's prime minister on Wednesday ordered the formation",
     "Wednesday", D(2025, 3, 12), None, 1),
    ("000", D(2025, 3, 12), "On Monday, troops with Syria's new government announced",
     "Monday", D(2025, 3, 10), None, 1),
    # Asharq Al-Awsat: absolute dates need no publication date
    ("004", None, "On December 2, 2024, armed Shiite groups tried to cross",
     "December 2, 2024", D(2024, 12, 2), None, 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("prefix", "published", "sentence", "surface", "date", "end_date", "precision"), CORPUS_CASES
)
def test_corpus_sentences(
    prefix: str,
    published: D | None,
    sentence: str,
    surface: str,
    date: D,
    end_date: D | None,
    precision: int,
) -> None:
    m = mention_in(seed(prefix), sentence, surface, published)
    assert (m.date, m.end_date, m.time_precision) == (date, end_date, precision)


def test_year_only_reference_is_flagged_and_historical() -> None:
    text = seed("000")
    m = mention_in(text, "broke ties with the extremist group in 2016", "2016", D(2025, 3, 12))
    assert m.is_year_level and m.time_precision == 3
    assert m.date == D(2016, 1, 1) and m.end_date == D(2016, 12, 31)
    assert is_historical(m, D(2025, 3, 12))


def test_background_year_in_a_later_article() -> None:
    (m,) = resolve_dates("the 2020 strike that killed Soleimani", D(2021, 8, 4))
    assert m.surface == "2020" and m.is_year_level
    assert is_historical(m, D(2021, 8, 4))
    (current,) = resolve_dates("attacks in 2021 rose", D(2021, 8, 4))
    assert not is_historical(current, D(2021, 8, 4))


def test_numeric_date_keeps_the_other_reading() -> None:
    text = seed("003")
    ms = [m for m in resolve_dates(text, None) if m.surface == "12/2/24"]
    assert len(ms) == 7  # one per cited source
    # Month-first without a publication date (the blog cites US-style dates) ...
    assert ms[0].date == D(2024, 12, 2) and ms[0].alternatives == (D(2024, 2, 12),)
    assert ms[0].is_ambiguous and ms[0].time_precision == 1
    # ... the reading nearest before publication when there is one, or as the caller says.
    (near,) = resolve_dates("12/2/24", D(2024, 2, 20))
    assert near.date == D(2024, 2, 12) and near.alternatives == (D(2024, 12, 2),)
    (forced,) = resolve_dates("12/2/24", D(2024, 12, 5), dayfirst=True)
    assert forced.date == D(2024, 2, 12)


def test_unambiguous_numeric_dates() -> None:
    (m,) = resolve_dates("updated at 19:07 GMT on 26.08.2021", None)
    assert m.date == D(2021, 8, 26) and not m.alternatives
    (iso,) = resolve_dates("filed 2024-12-02 by", None)
    assert iso.date == D(2024, 12, 2)
    assert resolve_dates("spaCy 3.8.18 and 1,300 people", None) == []


THU = D(2021, 8, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "published", "date", "precision"),
    [
        ("on Thursday", THU, THU, 1),  # the day itself in a Thursday piece
        ("last Thursday", THU, D(2021, 8, 19), 1),
        ("on Friday", D(2021, 8, 22), D(2021, 8, 20), 1),
        ("yesterday", THU, D(2021, 8, 25), 1),
        ("today", THU, THU, 1),
        ("overnight", THU, D(2021, 8, 25), 1),
        ("three days ago", THU, D(2021, 8, 23), 1),
        ("earlier this week", THU, D(2021, 8, 23), 2),
        ("over the weekend", THU, D(2021, 8, 21), 2),
        ("last month", THU, D(2021, 7, 1), 3),
        ("last December", D(2025, 3, 12), D(2024, 12, 1), 3),
        ("in December", D(2025, 3, 12), D(2024, 12, 1), 3),
        ("June 1", THU, D(2021, 6, 1), 1),
        ("On May 7, 2022", THU, D(2022, 5, 7), 1),
        ("7 October", D(2025, 3, 12), D(2024, 10, 7), 1),
        ("November of last year", D(2025, 3, 12), D(2024, 11, 1), 3),
        ("next Monday", THU, D(2021, 8, 30), 1),
        ("is expected on Friday", THU, D(2021, 8, 27), 1),
    ],
)
def test_relative_expressions(text: str, published: D, date: D, precision: int) -> None:
    (m,) = resolve_dates(text, published)
    assert (m.date, m.time_precision) == (date, precision)


def test_relative_expressions_need_a_publication_date() -> None:
    assert resolve_dates("on Tuesday, last week, yesterday", None) == []


def test_may_and_march_are_months_only_in_date_context() -> None:
    assert resolve_dates("They May retreat. Troops March on.", THU) == []
    assert [m.surface for m in resolve_dates("elections in May", THU)] == ["May"]


def test_acled_date_uses_the_midpoint_or_the_named_end() -> None:
    (week,) = resolve_dates("last week", D(2018, 6, 26))
    assert week.acled_date == D(2018, 6, 21)  # Thursday of 18-24 June
    (late,) = resolve_dates("late last month", THU)
    assert late.acled_date == D(2021, 7, 31)
    (early,) = resolve_dates("early December 2024", THU)
    assert early.acled_date == D(2024, 12, 1)


def test_event_date_for_sentence() -> None:
    text = "Gunmen attacked a checkpoint on Monday. Five soldiers died.\nPolice made arrests."
    published = D(2018, 6, 26)
    mentions = resolve_dates(text, published)
    first_end = text.index(".") + 1
    second = text.index("Five")
    third = text.index("Police")
    assert event_date_for_sentence(mentions, 0, first_end, published) == (D(2018, 6, 25), 1)
    # no date in the sentence: the closest earlier one in the same paragraph
    assert event_date_for_sentence(mentions, second, text.index("\n"), published) == (
        D(2018, 6, 25),
        1,
    )
    # a new paragraph: fall back to the report date, week precision
    assert event_date_for_sentence(mentions, third, len(text), published) == (published, 2)
    assert event_date_for_sentence(mentions, third, len(text), None) is None


def test_event_date_prefers_the_precise_mention_in_a_sentence() -> None:
    text = "In 2016 the group, which took the town last week, killed 22 on Monday."
    mentions = resolve_dates(text, D(2018, 6, 26))
    chosen = select_event_date(mentions, 0, len(text))
    assert chosen is not None and chosen.surface == "Monday"


def test_corpus_event_date_for_the_arab_news_strike() -> None:
    text = seed("002")
    sentence = "Iraq’s Popular Mobilization Forces (PMF), an umbrella grouping"
    start = text.index(sentence)
    end = text.index("\n", start)
    mentions = resolve_dates(text, D(2018, 6, 26))
    assert event_date_for_sentence(mentions, start, end, D(2018, 6, 26)) == (D(2018, 6, 21), 2)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from orbat.errors import ConfigError
    from orbat.nlp.model import load_nlp

    try:
        return load_nlp()
    except ConfigError as exc:  # pragma: no cover - the dev install ships the model
        pytest.skip(str(exc))


def test_spacy_entities_fill_gaps(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Iraq's May parliamentary election was tense. Talks resumed about a month ago."
    published = D(2018, 6, 26)
    plain = resolve_dates(text, published)
    with_doc = resolve_dates(text, published, nlp(text))
    assert {m.surface for m in plain} <= {m.surface for m in with_doc}
    may = [m for m in with_doc if m.surface == "May"]
    assert may and may[0].date == D(2018, 5, 1) and may[0].time_precision == 3


def test_corpus_with_doc_keeps_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = seed("002")
    for m in resolve_dates(text, D(2018, 6, 26), nlp(text)):
        assert text[m.start : m.end] == m.surface


DATE_WORDS_TEXT = (
    "on Tuesday last week Since Thursday between and May 7, 2022 June 1 12/2/24 in 2016 "
    "yesterday overnight earlier this month the past two weeks late on Sunday 26.08.2021 "
    "from March 2020 to January 2021 - , . \n the 2020 strike killed"
)
DATE_WORDS = st.sampled_from(DATE_WORDS_TEXT.split(" "))


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(), st.lists(DATE_WORDS, max_size=30).map(" ".join)),
    published=st.one_of(st.none(), st.dates(min_value=D(1900, 3, 1), max_value=D(2099, 12, 1))),
)
def test_property_offsets(text: str, published: D | None) -> None:
    mentions = resolve_dates(text, published)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.surface == text[m.start : m.end]
        assert m.time_precision in (1, 2, 3)
        assert m.end_date is None or m.end_date >= m.date
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


@pytest.mark.issue(13)
def test_an_undated_text_lends_its_year_to_a_day_without_one() -> None:
    """Wikipedia pages and press releases carry no publication date; "On 26 October" after
    "In October 2008" is 26 October 2008, and a day before any year stays unresolved."""
    text = (
        "On Jan. 8 planning began. In October 2008 the raid was set. On 26 October, he was killed."
    )
    found = {m.surface: m.date for m in resolve_dates(text, None)}
    assert found["26 October"] == dt.date(2008, 10, 26)
    assert "Jan. 8" not in found
