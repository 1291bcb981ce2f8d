"""Issue 16: Arabic events and claims scored against the hand-coded Arabic set
(``tests/eval/gold/news_ar/``), both halves.

Floors are the measured figures (session 6, `orbat eval news-ar`), never lowered silently: a
change that drops a score below its floor is a regression to fix, or a decision to record
here with the reason and the new figures. The held-out half was never read to write a rule.
Session 6, the 84 short items: development R 1.000 P 1.000, claims 1.000; held-out R 1.000
(39/39) P 1.000 (41/41), claims found with the right claimant 0.938 (15/16), P 0.882.
Then 12 longer items (wire stories with two events, history, reported speech), written after
the rules and coded before orbat read them, scored R 0.867 P 0.875 and claims 0.600 on their
own; with them the halves are (96 items): development R 0.976 (41/42) P 0.978 (45/46), claims
0.955 (21/22); held-out R 0.979 (47/48) P 0.980 (49/50), claims 0.895 (17/19). Rules then
fixed from the longer items' development errors (cue words with the article, seized weapons,
"لا علاقة لها", a raid that only arrests): development R 1.000 P 1.000, claims 1.000; held-out
unchanged in events and claims, its actor1 0.929 -> 0.952 and sub-event type 0.918 -> 0.939.
These are the floors below. The short texts are near the ceiling; the fields are where the
Arabic path is measured.
"""

from __future__ import annotations

import pytest

from orbat.eval.news import HALVES, NewsScores, half_of
from orbat.eval.news_ar import ClaimScores, load_arabic_gold, run_news_ar_eval
from orbat.packs import load_pack

pytestmark = pytest.mark.issue(16)

# The issue's targets on the held-out half.
TARGETS = {"recall": 0.70, "precision": 0.70, "claims": 0.80}
FLOORS = {
    "development": {"recall": 1.0, "precision": 1.0, "claims": 1.0, "claim_precision": 1.0},
    "held-out": {"recall": 0.979, "precision": 0.98, "claims": 0.894, "claim_precision": 0.894},
}
FIELD_FLOORS = {
    "development": {
        "actor1": 0.948, "actor2": 0.875, "town": 0.911, "admin1": 1.0, "date": 0.977,
        "fatalities": 0.956, "sub_event_type": 0.956,
    },
    "held-out": {
        "actor1": 0.952, "actor2": 0.888, "town": 0.933, "admin1": 0.957, "date": 1.0,
        "fatalities": 0.938, "sub_event_type": 0.938,
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def scores() -> tuple[dict[str, NewsScores], dict[str, ClaimScores]]:
    return run_news_ar_eval()


def test_the_set_is_big_enough_split_in_halves_and_coded_consistently() -> None:
    items = load_arabic_gold()
    assert len(items) >= 80
    halves = [half_of(i.id) for i in items]
    assert 0.4 <= halves.count("held-out") / len(items) <= 0.6
    actors = {a.id for a in load_pack().actors}
    kinds = {i.kind for i in items}
    assert {"faction_claim", "denial", "relay", "wire", "observatory"} <= kinds
    for item in items:
        for event in item.gold.events:
            assert event.quote in item.text, (item.id, event.quote)
        for claimant, predicate in item.claims:
            assert claimant in actors and predicate in ("claimed", "denied"), item.id


@pytest.mark.parametrize("half", HALVES)
def test_events_and_claims_stay_above_their_floors(
    scores: tuple[dict[str, NewsScores], dict[str, ClaimScores]], half: str
) -> None:
    events, claims = scores
    floors = FLOORS[half]
    assert events[half].skipped == 0
    assert events[half].recall >= floors["recall"]
    assert events[half].precision >= floors["precision"]
    assert claims[half].recall >= floors["claims"]
    assert claims[half].precision >= floors["claim_precision"]
    accuracy = events[half].field_accuracy()
    for name, floor in FIELD_FLOORS[half].items():
        assert accuracy[name] >= floor, (name, accuracy[name])


def test_the_held_out_half_meets_the_issue_targets(
    scores: tuple[dict[str, NewsScores], dict[str, ClaimScores]],
) -> None:
    events, claims = scores
    held = events["held-out"]
    assert held.recall >= TARGETS["recall"] and held.precision >= TARGETS["precision"]
    assert claims["held-out"].recall >= TARGETS["claims"]


# With the village gazetteer imported (as a user would), many more Arabic names are known,
# most of them villages whose names are also common words or other places' names; session 6
# measured on the 96 items: development R 1.000 P 1.000, town 0.978, admin1 0.976; held-out
# R 0.979 P 0.961 (one more spurious event than without), town 0.911, admin1 1.000.
VILLAGE_FLOORS = {
    "development": {"recall": 1.0, "precision": 1.0, "town": 0.977, "admin1": 0.975},
    "held-out": {"recall": 0.979, "precision": 0.96, "town": 0.911, "admin1": 1.0},
}


def _forget_places() -> None:
    """Drop every place looked up so far: the scorer caches the points of gold place names
    per process, from whichever gazetteer was loaded first."""
    from orbat.eval import news
    from orbat.nlp.gazetteer import load_gazetteer

    load_gazetteer.cache_clear()
    news._points.cache_clear()
    news._admin1_names.cache_clear()


def test_with_the_village_gazetteer_places_stay_right(village_gazetteer: object) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORBAT_CACHE_DIR", str(village_gazetteer.cache_dir))  # type: ignore[attr-defined]
        _forget_places()
        try:
            events, claims = run_news_ar_eval()
        finally:
            _forget_places()
    for half in HALVES:
        floors = VILLAGE_FLOORS[half]
        assert events[half].recall >= floors["recall"]
        assert events[half].precision >= floors["precision"]
        assert claims[half].recall >= FLOORS[half]["claims"]
        accuracy = events[half].field_accuracy()
        for name in ("town", "admin1"):
            assert accuracy[name] >= floors[name], (half, name, accuracy[name])
