"""Casualty phrases and ACLED fatality coding, on sentences from the founding corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbat
from orbat.nlp.numbers import VAGUE_COUNTS, CasualtyMention, acled_fatalities, find_casualties

SEEDS = Path(next(iter(orbat.__path__))) / "examples" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def in_sentence(text: str, sentence: str) -> list[CasualtyMention]:
    start = text.index(sentence)
    return [m for m in find_casualties(text) if start <= m.start < start + len(sentence)]


def summary(mentions: list[CasualtyMention]) -> list[tuple[str, int, int | None, str | None]]:
    return [(m.kind, m.low, m.high, m.group) for m in mentions]


# (seed, sentence, [(kind, low, high, group)], ACLED fatalities)
CORPUS_CASES = [
    ("002", "an alleged US airstrike it said killed 22 of its members across the border",
     [("killed", 22, 22, "members")], 22),
    ("002", "the US airstrike wounded a further 12 of its members",
     [("wounded", 12, 12, "members")], None),
    ("001", "Three fighters from a pro-Iranian militia were killed in Iraq on Friday",
     [("killed", 3, 3, "fighters")], 3),
    ("001", "and seven other fighters were injured.",
     [("wounded", 7, 7, "fighters")], None),
    ("001", "ISIS claimed responsibility for an attack that killed 30 people at a market",
     [("killed", 30, 30, "people")], 30),
    ("001", "in which three people were killed and four injured",
     [("killed", 3, 3, "people"), ("wounded", 4, 4, None)], 3),
    ("000", "Since Thursday, more than 1,300 people, including 973 civilians",
     [("killed", 1300, None, "people")], 1300),
    ("000", "Earlier this month, Iraqi security forces arrested three Syrian refugees",
     [("arrested", 3, 3, "refugees")], None),
    ("000", "allegedly supporting the killing of hundreds of people in a security campaign",
     [("killed", 100, None, "people")], 100),
    ("002", "deadly clashes that claimed at least 23 lives",
     [("killed", 23, None, None)], 23),
    ("004", "resulted in the arrest of 18 individuals described as former regime remnants",
     [("arrested", 18, 18, "people")], None),
    ("004", "out of approximately 800 people arrested as part of the Homs security campaign",
     [("arrested", 800, 800, "people")], None),
]  # fmt: skip


@pytest.mark.parametrize(("prefix", "sentence", "expected", "fatalities"), CORPUS_CASES)
def test_corpus_sentences(
    prefix: str,
    sentence: str,
    expected: list[tuple[str, int, int | None, str | None]],
    fatalities: int | None,
) -> None:
    found = in_sentence(seed(prefix), sentence)
    assert summary(found) == expected
    assert acled_fatalities(found) == fatalities


def test_sub_count_is_kept_inside_the_total() -> None:
    (m,) = in_sentence(seed("000"), "Since Thursday, more than 1,300 people")
    assert m.qualifier == "more than" and not m.is_vague
    assert m.surface.endswith("have been killed")
    (sub,) = m.includes
    assert (sub.kind, sub.low, sub.group, sub.surface) == (
        "killed",
        973,
        "civilians",
        "including 973 civilians",
    )


def test_conjoined_figures_add_up() -> None:
    text = seed("001")
    sentence = "left one American entrepreneur and 27 Kataib Hezbollah fighters dead"
    (m,) = in_sentence(text, sentence)
    assert m.low == 28 and [p.low for p in m.includes] == [1, 27]
    (both,) = find_casualties("two soldiers and three civilians were killed")
    assert both.low == 5 and [p.group for p in both.includes] == ["soldiers", "civilians"]


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "vague"),
    [
        ("Twenty-two soldiers were killed", "killed", 22, 22, False),
        ("killing a dozen civilians", "killed", 12, 12, False),
        ("one hundred and fifty people were wounded", "wounded", 150, 150, False),
        ("dozens of people were killed", "killed", 12, None, True),
        ("scores of fighters were killed", "killed", 12, None, True),
        ("tens of fighters were killed", "killed", 12, None, True),
        ("hundreds were killed", "killed", 100, None, True),
        ("several civilians were kidnapped", "captured/abducted", 3, None, True),
        ("a few soldiers were hurt", "wounded", 3, None, True),
        ("a number of protesters were detained", "arrested", 3, None, True),
        ("at least 5 people were killed", "killed", 5, None, False),
        ("between 10 and 15 people were killed", "killed", 10, 15, False),
        ("10-15 people were killed", "killed", 10, 15, False),
        ("the blast left 5 dead", "killed", 5, 5, False),
        ("the death toll rose to 40", "killed", 40, 40, False),
        ("gunmen abducted 7 workers", "captured/abducted", 7, 7, False),
        ("12 killed", "killed", 12, 12, False),
        ("a massacre in the village", "killed", 3, None, True),
    ],
)
def test_phrases(text: str, kind: str, low: int, high: int | None, vague: bool) -> None:
    (m,) = find_casualties(text)
    assert (m.kind, m.low, m.high, m.is_vague) == (kind, low, high, vague)
    assert m.surface == text[m.start : m.end]


def test_vague_values_follow_the_research_note() -> None:
    # research/event-coding.md: dozens -> 12, hundreds -> 100, several/many/few -> 3 (or 10)
    assert VAGUE_COUNTS["dozens"] == 12
    assert VAGUE_COUNTS["hundreds"] == 100
    assert {VAGUE_COUNTS[w] for w in ("several", "many", "few")} == {3}


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("An airstrike struck the clinic, killing and wounding several people inside it.", 3),
        ("Airstrikes hit two hospitals, killing and injuring dozens of people on Monday.", 12),
        ("The army killed and wounded scores of militants in Hama province.", 12),
        # A precise figure may count mostly the wounded: no toll from it.
        ("A blast hit the market, killing and wounding 20 people.", None),
    ],
)
def test_killed_and_wounded_together_by_a_vague_word_kill_that_many(
    text: str, toll: int | None
) -> None:
    assert acled_fatalities(find_casualties(text)) == toll


@pytest.mark.parametrize(
    "text", ["No one was hurt.", "There were no casualties.", "Nobody was killed in the attack."]
)
def test_explicit_zero(text: str) -> None:
    found = find_casualties(text)
    assert found and all(m.low == 0 for m in found)
    assert acled_fatalities(found) == 0


def test_not_casualties() -> None:
    for text in (
        "Hundreds of thousands of Syrians have found shelter in Iraq",
        "the convoy was hit 3 km north of the base",
        "Two improvised explosive device attacks were reported in Babil province",
        "released 360 detainees, including former regime officers",
        "The Iraqi military said none of its troops had been hit",
    ):
        assert find_casualties(text) == [], text


def mention(kind: str, low: int, vague: bool = False) -> CasualtyMention:
    return CasualtyMention(0, 1, "x", kind, low, low, is_vague=vague)  # type: ignore[arg-type]


def test_acled_fatalities_rules() -> None:
    assert acled_fatalities([]) is None
    assert acled_fatalities([mention("wounded", 12)]) is None  # wounded never counts
    assert acled_fatalities([mention("killed", 22), mention("killed", 12)]) == 12  # lowest
    assert acled_fatalities([mention("killed", 12, vague=True), mention("killed", 30)]) == 30
    assert acled_fatalities([mention("killed", 100, vague=True)]) == 100
    assert acled_fatalities([mention("killed", 0), mention("wounded", 4)]) == 0


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from orbat.errors import ConfigError
    from orbat.nlp.model import load_nlp

    try:
        return load_nlp()
    except ConfigError as exc:  # pragma: no cover - the dev install ships the model
        pytest.skip(str(exc))


def test_doc_drops_phrases_across_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = seed("002")
    with_doc = find_casualties(text, nlp(text))
    assert summary(with_doc) == summary(find_casualties(text))


WORDS_TEXT = (
    "three 1,300 people , including 973 civilians were killed and four injured at least "
    "dozens of fighters killed wounded a further 12 its members left dead death toll rose to "
    "no one was hurt between 10 and 15 arrested the arrest of 18 individuals . \n"
)
WORDS = st.sampled_from(WORDS_TEXT.split(" "))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(WORDS, max_size=40).map(" ".join)))
def test_property_offsets(text: str) -> None:
    for m in find_casualties(text):
        for part in (m, *m.includes):
            assert 0 <= part.start < part.end <= len(text)
            assert part.surface == text[part.start : part.end]
            assert part.low >= 0 and (part.high is None or part.high >= part.low)
