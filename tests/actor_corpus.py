"""A database of the founding corpus with actor statements in it (fixtures `actor_db`, `empty_db`).

Statements are planted through :class:`~orbat.store.statements.StatementStore` with sentences
quoted from the real articles (offsets found in the stored text, so evidence is exact), and two
events through :class:`~orbat.store.events.EventStore`, so the readers' tests (CLI, exports,
profiles) check exact outcomes that do not move as the extractors improve. The same readers are
tested against an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from orbat.extract.records import EventRecord, Evidence
from orbat.extract.statements.records import (
    CandidateActor,
    MentionRecord,
    Statement,
    candidate_id,
)
from orbat.pipeline import ingest
from orbat.store import open_engine
from orbat.store.events import EventStore
from orbat.store.schema import documents
from orbat.store.statements import StatementStore

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "orbat" / "examples" / "seeds"
EXTRACTOR = "orbat.statements.v1"
CANDIDATE = "Al-Aqsa Martyrs’ Brigades"


@dataclass(frozen=True)
class ActorDb:
    """The database, and the facts planted in it that tests check for."""

    path: str
    engine: Engine
    strike_event: int  # the alleged US strike on the PMF: claimed and denied
    brigades_event: int  # the same strike as it hit Kataib Hezbollah's brigades
    candidate: str


class _Corpus:
    def __init__(self, engine: Engine) -> None:
        with engine.connect() as conn:
            self.texts = {
                int(i): str(t) for i, t in conn.execute(select(documents.c.id, documents.c.text))
            }

    def doc(self, phrase: str) -> int:
        found = [i for i, text in self.texts.items() if phrase in text]
        assert len(found) == 1, f"{phrase!r} is in documents {found}"
        return found[0]

    def span(self, phrase: str, nth: int = 0) -> Evidence:
        document_id = self.doc(phrase)
        text = self.texts[document_id]
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return Evidence(document_id, start, start + len(phrase), phrase)


def _event(evidence: Evidence, **coding: object) -> EventRecord:
    place = {"country": "Syria", "admin1": "Deir ez-Zor", "location": "Abu Kamal"}
    return EventRecord(
        event_date=date(2018, 6, 17),
        time_precision=2,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        evidence=evidence,
        extractor="orbat.events.v1",
        **(place | coding),  # type: ignore[arg-type]
    )


def build_actor_db(path: Path) -> ActorDb:
    """Ingest the founding corpus (no NLP) and plant events, statements and a candidate."""
    db = str(path / "actors.db")
    ingest([str(EXAMPLES)], db)
    engine = open_engine(db)
    corpus = _Corpus(engine)

    # Events: the strike the PMF blamed on the US (one per side of ACLED's coding).
    strike = corpus.span(
        "said it would not remain silent over an alleged US airstrike it said killed 22 of its "
        "members across the border in Syria last week."
    )
    brigades = corpus.span(
        "The two brigades hit in last week’s airstrike were affiliates of Kataib Hezbollah."
    )
    with engine.begin() as conn:
        EventStore(engine).save(
            conn,
            strike.document_id,
            "orbat.events.v1",
            [
                _event(
                    strike,
                    actor1="Military Forces of the United States",
                    inter1=8,
                    actor2="Military Forces of Iraq (2018-) Popular Mobilization Forces",
                    inter2=1,
                    fatalities=22,
                ),
                _event(
                    brigades,
                    actor1="Unidentified Military Forces",
                    actor2="Militia (Pro-Iran)",
                    assoc_actor_2="Kataib Hezbollah; Kataib Sayyid al Shuhada",
                    location="Al Qaim",
                    country="Iraq",
                    admin1="Al Anbar",
                ),
            ],
        )
    store = EventStore(engine)
    strike_event, brigades_event = (
        next(r.id for r in store.events() if r.location == place)
        for place in ("Abu Kamal", "Al Qaim")
    )

    # Statements, one document at a time, as the extractor will save them.
    nujaba = corpus.span(
        "The men were from the Nujaba movement, part of the Hashed al-Shaabi coalition of "
        "Shiite militias that primarily support Iran."
    )
    front = corpus.span(
        "Qasem al-Jabbarin (lit. “Smasher of the Oppressors”), an obscure militia force that US "
        "officials say is a front for Kataib Hezbollah specializing in roadside bombings, "
        "claimed responsibility attacks."
    )
    accusation = corpus.span(
        "This followed an accusation by the PMF on Monday that the US airstrike wounded a further "
        "12 of its members in the Syrian border town of Albu Kamal."
    )
    denial = corpus.span("The US has denied involvement in the strike.")
    leader = corpus.span(
        "Qais Khazali the leader of Asaib Ahl Al-Haq added that defending the Sayida Zainab "
        "shrine in Syria was paramount."
    )
    found = corpus.span(CANDIDATE)
    candidate = CandidateActor(
        candidate_id(CANDIDATE), CANDIDATE, "political_militia", "Palestine", found
    )

    def mention(actor_id: str, phrase: str, nth: int = 0) -> MentionRecord:
        return MentionRecord(actor_id, phrase, 1.0, corpus.span(phrase, nth))

    plan = {
        nujaba.document_id: {
            "found": [
                Statement(
                    "relation",
                    "part-of",
                    "harakat-hezbollah-al-nujaba",
                    "Nujaba movement",
                    "popular-mobilization-forces",
                    "Hashed al-Shaabi coalition",
                    "asserted",
                    nujaba,
                    statement_date=date(2021, 8, 22),
                )
            ],
            "mentions": [
                mention("harakat-hezbollah-al-nujaba", "the Nujaba movement"),
                mention("popular-mobilization-forces", "Hashed al-Shaabi coalition"),
            ],
        },
        front.document_id: {
            "found": [
                Statement(
                    "relation",
                    "front-for",
                    "qasem-al-jabbarin",
                    "Qasem al-Jabbarin",
                    "kataib-hezbollah",
                    "Kataib Hezbollah",
                    "attributed",
                    front,
                    speaker_id="us-military",
                    speaker_text="US officials",
                    statement_date=date(2021, 8, 26),
                ),
                Statement(
                    "claim",
                    "claimed",
                    "qasem-al-jabbarin",
                    "Qasem al-Jabbarin",
                    None,
                    "",
                    "asserted",
                    front,
                    statement_date=date(2021, 8, 26),
                ),
            ],
            "mentions": [
                mention("qasem-al-jabbarin", "Qasem al-Jabbarin (lit."),
                mention("qasem-al-jabbarin", "Qasem al-Jabbarin released images"),
            ],
        },
        accusation.document_id: {
            "found": [
                Statement(
                    "claim",
                    "accused",
                    "popular-mobilization-forces",
                    "the PMF",
                    "us-military",
                    "the US",
                    "attributed",
                    accusation,
                    statement_date=date(2018, 6, 25),
                    event_id=strike_event,
                ),
                Statement(
                    "claim",
                    "denied",
                    "us-military",
                    "The US",
                    None,
                    "",
                    "denied",
                    denial,
                    statement_date=date(2018, 6, 25),
                    event_id=strike_event,
                ),
            ],
            "mentions": [mention("popular-mobilization-forces", "the PMF on Monday")],
        },
        leader.document_id: {
            "found": [
                Statement(
                    "relation",
                    "led-by",
                    "asaib-ahl-al-haq",
                    "Asaib Ahl Al-Haq",
                    None,
                    "Qais Khazali",
                    "asserted",
                    leader,
                )
            ],
        },
        found.document_id: {
            "candidates": [candidate],
            "mentions": [MentionRecord(candidate.id, CANDIDATE, 1.0, found)],
        },
    }
    store_statements = StatementStore(engine)
    with engine.begin() as conn:
        for document_id, rows in plan.items():
            store_statements.save(conn, document_id, EXTRACTOR, **rows)  # type: ignore[arg-type]
    return ActorDb(db, engine, strike_event, brigades_event, candidate.id)


@pytest.fixture(scope="session")
def actor_db(tmp_path_factory: pytest.TempPathFactory) -> ActorDb:
    return build_actor_db(tmp_path_factory.mktemp("actors"))


@pytest.fixture
def empty_db(tmp_path: Path) -> Engine:
    """A migrated database with nothing in it: what a first run before any ingest sees."""
    return open_engine(str(tmp_path / "empty.db"), create=True)
