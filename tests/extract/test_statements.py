"""The statement extractor on single sentences: relations, claims, stance, discovery."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from orbat.extract.events import ArticleView
from orbat.extract.statements import EventSpan, StatementExtractor, StatementResult
from orbat.packs import load_pack
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_statements
from orbat.resolve.actors import ActorResolver
from orbat.store import open_engine
from orbat.store.schema import documents
from orbat.store.statements import StatementStore

SEED_YA_ALI = (
    "The previously unknown militia, which calls itself Ya Ali Popular Formations, said it has "
    "been following the activities of Syrians on social media."
)


@pytest.fixture(scope="module")
def extractor() -> StatementExtractor:
    return StatementExtractor()


def _run(extractor: StatementExtractor, text: str, **kwargs: object) -> StatementResult:
    article = ArticleView(1, text, dt.date(2021, 8, 26))
    result = extractor.extract(article, **kwargs)  # type: ignore[arg-type]
    for s in result.statements:
        assert text[s.evidence.start : s.evidence.end] == s.evidence.quote
    return result


def _facts(result: StatementResult) -> set[tuple[str, str | None, str | None, str]]:
    return {(s.predicate, s.subject_id, s.object_id, s.stance) for s in result.statements}


def test_part_of_from_apposition(extractor: StatementExtractor) -> None:
    text = (
        "The men were from the Nujaba movement, part of the Hashed al-Shaabi coalition of "
        "Shiite militias that primarily support Iran."
    )
    assert (
        "part-of",
        "harakat-hezbollah-al-nujaba",
        "popular-mobilization-forces",
        "asserted",
    ) in _facts(_run(extractor, text))


def test_front_for_attributed_to_speaker(extractor: StatementExtractor) -> None:
    text = (
        "Qasem al-Jabbarin, an obscure militia force that US officials say is a front for "
        "Kataib Hezbollah, claimed responsibility for the attacks."
    )
    result = _run(extractor, text)
    front = next(s for s in result.relations if s.predicate == "front-for")
    assert (front.subject_id, front.object_id) == ("qasem-al-jabbarin", "kataib-hezbollah")
    assert front.stance == "attributed"
    assert front.speaker_text == "US officials"
    claimed = next(s for s in result.claims if s.predicate == "claimed")
    assert claimed.subject_id == "qasem-al-jabbarin"


def test_backed_by_from_compound_adjective(extractor: StatementExtractor) -> None:
    text = "On May 31, the secretary general of the Iran-backed Sayyid Al-Shuhada Brigades warned."
    result = _run(extractor, text)
    assert ("backed-by", "kataib-sayyid-al-shuhada", "iran-military", "asserted") in _facts(result)
    backed = next(s for s in result.relations if s.predicate == "backed-by")
    assert backed.statement_date == dt.date(2021, 5, 31)


def test_hedged_relation_is_alleged(extractor: StatementExtractor) -> None:
    text = "Saraya Awliya al-Dam is reportedly a front for Kataib Hezbollah."
    result = _run(extractor, text)
    assert ("front-for", "saraya-awliya-al-dam", "kataib-hezbollah", "alleged") in _facts(result)


def test_hostile_and_allied(extractor: StatementExtractor) -> None:
    text = (
        "Formed in 2014 to support the Iraqi army in its fight against IS jihadists, the Hashed "
        "controlled large swathes of the country. Shiite militias allied with Baghdad expressed "
        "dissatisfaction."
    )
    facts = _facts(_run(extractor, text))
    assert ("hostile-to", "iraqi-army", "islamic-state-iraq", "asserted") in facts
    assert ("allied-with", "militia-pro-iran", "iraq-security-forces", "asserted") in facts


def test_denial_and_accusation_link_to_the_event(extractor: StatementExtractor) -> None:
    text = (
        "An airstrike killed 22 PMF fighters near Albu Kamal last week. "
        "This followed an accusation by the PMF on Monday that the US airstrike wounded a "
        "further 12 of its members. The US has denied involvement in the strike."
    )
    strike = EventSpan(7, 0, text.index(" This"), "Explosions/Remote violence")
    result = _run(extractor, text, events=[strike])
    claims = {(s.predicate, s.subject_id, s.object_id): s.event_id for s in result.claims}
    assert claims[("accused", "popular-mobilization-forces", "us-military")] == 7
    assert claims[("denied", "us-military", None)] == 7


def test_claim_links_to_the_event_at_the_place_it_names(extractor: StatementExtractor) -> None:
    text = (
        "A roadside bomb hit a convoy in Babil. "
        "Another bomb hit a convoy in Nasiriyah. "
        "Qasem al-Jabbarin later claimed responsibility for the attack in Babil."
    )
    babil = EventSpan(1, 0, 38, "Explosions/Remote violence", ("Babil",))
    nasiriyah = EventSpan(2, 39, 79, "Explosions/Remote violence", ("Nasiriyah",))
    result = _run(extractor, text, events=[babil, nasiriyah])
    (claim,) = result.claims
    assert (claim.predicate, claim.subject_id, claim.event_id) == (
        "claimed",
        "qasem-al-jabbarin",
        1,
    )


def test_negated_claim_is_not_a_claim(extractor: StatementExtractor) -> None:
    text = "No group had claimed responsibility for the killings late on Sunday."
    assert not _run(extractor, text).claims


def test_threat_needs_a_hostile_aim(extractor: StatementExtractor) -> None:
    threat = _run(extractor, "Daesh threatened to attack Iraq's May parliamentary election.")
    assert [(c.predicate, c.subject_id) for c in threat.claims] == [
        ("threatened", "islamic-state-iraq")
    ]
    vow = _run(extractor, "Iraqi militias have vowed to help the Palestinian people.")
    assert not [c for c in vow.claims if c.predicate == "threatened"]


def test_unknown_group_becomes_a_candidate_and_later_mentions_resolve() -> None:
    # The pack knows Ya Ali; without it, the seed sentence introduces an unknown group.
    pack = load_pack()
    pack = replace(
        pack, actors=tuple(a for a in pack.actors if a.id != "ya-ali-popular-formations")
    )
    extractor = StatementExtractor(resolver=ActorResolver(pack))
    first = _run(extractor, SEED_YA_ALI)
    assert [c.id for c in first.candidates] == ["candidate:ya-ali-popular-formations"]
    candidate = first.candidates[0]
    assert candidate.evidence.quote == SEED_YA_ALI
    assert candidate.kind == "political_militia"
    later = _run(extractor, "A statement issued by Ya Ali Popular Formations called on Baghdad.")
    assert [m.actor_id for m in later.mentions if m.surface.startswith("Ya Ali")] == [
        "candidate:ya-ali-popular-formations"
    ]
    assert not later.candidates


def test_known_group_is_not_a_candidate(extractor: StatementExtractor) -> None:
    assert not _run(extractor, SEED_YA_ALI).candidates


# Two articles written for this test (no third-party text): a group the pack does not know is
# introduced in the first and only named in the second.
FIXTURE = Path(__file__).parent / "data" / "statements"


def test_stage_discovers_and_resolves_across_documents(tmp_path: Path) -> None:
    """Two articles (fixture): the first introduces Saraya Thar al-Muhandis, the second only
    names it; both mentions resolve to the candidate, stored with evidence, once."""
    db = str(tmp_path / "orbat.db")
    ingest([str(FIXTURE)], db)
    engine = open_engine(db)
    summary = extract_statements(engine)
    assert summary.documents == 2 and summary.candidates == 1
    store = StatementStore(engine)
    (candidate,) = store.candidates()
    assert candidate.id == "candidate:saraya-thar-al-muhandis"
    assert candidate.status == "candidate"
    assert "calls itself Saraya Thar al-Muhandis" in candidate.quote
    assert candidate.mention_count == 2
    with engine.connect() as conn:
        files = {
            r[0]: Path(r[1]).name for r in conn.execute(select(documents.c.id, documents.c.origin))
        }
    mentions = store.mentions("candidate:saraya-thar-al-muhandis")
    assert sorted(files[m.document_id] for m in mentions) == ["a_new_militia.txt", "b_rockets.txt"]
    claims = store.claims("candidate:saraya-thar-al-muhandis")
    assert any(c.predicate == "claimed" for c in claims)
    assert extract_statements(engine).documents == 0
