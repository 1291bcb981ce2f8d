"""Quality floor for the event classifier on CASE 2021 Task 2 (ACLED sub-event types)."""

from __future__ import annotations

import pytest

from orbat.eval.case2021 import (
    ACLED_LABELS,
    CASE_TO_ACLED,
    NON_ACLED_LABELS,
    evaluate,
    load,
    score,
    split,
)
from shared_data import shared

# Floors are never lowered silently: a change that drops a score below its floor is a
# regression to fix, or a decision to record here with the reason and the new figures.
# Measured with lexicon v1: all 0.791, development half 0.852, held-out half 0.725.
FLOOR_WEIGHTED_F1_ALL = 0.75
# The held-out half was never used to tune lexicons; it is the honest figure.
FLOOR_WEIGHTED_F1_HELDOUT = 0.70


@pytest.fixture(scope="module")
def snippets() -> list:
    return load(shared("case2021", "task2_test_with_labels.tsv"))


def test_data_is_the_published_test_set(snippets: list) -> None:
    assert len(snippets) == 1019
    labels = {s.label for s in snippets}
    assert labels == set(CASE_TO_ACLED) | NON_ACLED_LABELS


def test_mapping_covers_acled_taxonomy() -> None:
    from orbat.taxonomy import SUB_EVENT_TYPES

    assert set(CASE_TO_ACLED.values()) == {s.name for s in SUB_EVENT_TYPES}
    assert len(ACLED_LABELS) == 25


def test_split_is_fixed_and_disjoint(snippets: list) -> None:
    dev, held = split(snippets)
    assert {s.id for s in dev}.isdisjoint({s.id for s in held})
    assert len(dev) + len(held) == len(snippets)
    assert [s.id for s in split(snippets)[0]] == [s.id for s in dev]


def test_weighted_f1_matches_sklearn_definition() -> None:
    # Hand-computed: class a F1 = 2/3 (support 2), class b F1 = 2/3 (support 1).
    report = score("t", ["a", "a", "b"], ["a", "b", "b"], ["a", "b"])
    assert report.weighted_f1 == pytest.approx(2 / 3)
    assert report.confusions == (("a", "b", 1),)


def test_floor_all(snippets: list) -> None:
    report = evaluate(snippets, setting="acled", name="all")
    assert report.weighted_f1 >= FLOOR_WEIGHTED_F1_ALL, report.render()


def test_floor_heldout(snippets: list) -> None:
    _, held = split(snippets)
    report = evaluate(held, setting="acled", name="heldout")
    assert report.weighted_f1 >= FLOOR_WEIGHTED_F1_HELDOUT, report.render()
