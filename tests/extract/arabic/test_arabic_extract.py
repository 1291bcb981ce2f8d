"""Issue 16: events and claims from Arabic text, evidence in the original words.

Texts here are written for the tests (not copied from any channel); each asserts what an
analyst reading the post would code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from arabic_posts import ingest_posts
from orbat.extract.arabic.extractor import (
    arabic_extractor,
    is_arabic_article,
)
from orbat.extract.arabic.facts import sentence_date, sentence_toll
from orbat.extract.arabic.lexicon import load_arabic_lexicon
from orbat.extract.arabic.text import read_text
from orbat.extract.events import ArticleView
from orbat.extract.records import EventRecord
from orbat.store import open_engine
from orbat.store.schema import event_mentions, events, statements

pytestmark = pytest.mark.issue(16)

CLAIM_POST = (
    "المقاومـــة الإسلاميـــة في العـــراق\n"
    "استهدفَ مجاهدو المقاومة الاسلامية في العراق، فجر اليوم، قاعدة الاحتلال الأمريكي "
    "في حرير بأربيل بالطيران المسيّر."
)
PUBLISHED = dt.date(2024, 2, 1)


def article(text: str, published: dt.date = PUBLISHED) -> ArticleView:
    return ArticleView(7, text, published, None, None)


def only_event(text: str, published: dt.date = PUBLISHED) -> EventRecord:
    found = arabic_extractor().events(article(text, published))
    assert len(found) == 1, [(r.sub_event_type, r.evidence.quote) for r in found]
    return found[0]


def test_a_faction_claim_post_is_a_drone_strike_on_the_us_coded_in_english() -> None:
    event = only_event(CLAIM_POST)
    assert event.sub_event_type == "Air/drone strike"
    assert event.event_type == "Explosions/Remote violence"
    assert event.actor1 == "Islamic Resistance in Iraq"
    assert event.actor2 == "Military Forces of the United States"
    assert (event.location, event.admin1, event.country) == ("Harir Air Base", "Erbil", "Iraq")
    assert event.event_date == PUBLISHED
    version = arabic_extractor().version
    assert event.extractor == version and version.startswith("orbat.events.ar.v1+")


def test_evidence_points_into_the_original_text_with_its_marks_and_tatweel() -> None:
    event = only_event(CLAIM_POST)
    start, end = event.evidence.start, event.evidence.end
    assert CLAIM_POST[start:end] == event.evidence.quote
    assert event.evidence.quote.startswith("استهدفَ")  # the fatha is kept, as written
    assert event.evidence.quote.endswith("المسيّر")


def test_the_claim_names_its_claimant_and_links_to_the_event() -> None:
    post = article(CLAIM_POST)
    extractor = arabic_extractor()
    records = extractor.events(post)
    from orbat.extract.statements import EventSpan

    spans = [EventSpan.at(41, r.evidence.start, r.evidence.end, r.event_type) for r in records]
    result = extractor.statements(post, spans)
    assert [(c.predicate, c.subject_id, c.event_id) for c in result.claims] == [
        ("claimed", "islamic-resistance-in-iraq", 41)
    ]
    claim = result.claims[0]
    assert CLAIM_POST[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
    assert {m.actor_id for m in result.mentions} == {"islamic-resistance-in-iraq"}


@pytest.mark.parametrize(
    ("text", "predicate", "claimant"),
    [
        ("نفت كتائب حزب الله أي علاقة لها بالهجوم على قاعدة التنف.", "denied", "kataib-hezbollah"),
        ("حركة النجباء تنفي الأنباء المتداولة عن سحب مقاتليها.", "denied",
         "harakat-hezbollah-al-nujaba"),
        ("تبنّت سرايا أولياء الدم تفجير عبوة ناسفة استهدفت رتلاً في الديوانية.", "claimed",
         "saraya-awliya-al-dam"),
        ("أعلن تنظيم داعش مسؤوليته عن هجوم على نقطة للجيش العراقي في الطارمية.", "claimed",
         "islamic-state-iraq"),
    ],
)  # fmt: skip
def test_claims_and_denials_find_the_claimant(text: str, predicate: str, claimant: str) -> None:
    result = arabic_extractor().statements(article(text), [])
    assert [(c.predicate, c.subject_id) for c in result.claims] == [(predicate, claimant)]


def test_a_denied_rumour_is_no_event_and_a_denial_is_no_claim_of_responsibility() -> None:
    text = "تنفي هيئة الحشد الشعبي ما تداولته بعض المواقع عن تعرض مقراتها لقصف في القائم."
    assert arabic_extractor().events(article(text)) == []
    claims = arabic_extractor().statements(article(text), []).claims
    assert [(c.predicate, c.subject_id) for c in claims] == [
        ("denied", "popular-mobilization-forces")
    ]


def test_a_threat_is_no_event() -> None:
    assert arabic_extractor().events(article("وستستمر المقاومة في دك معاقل الأعداء.")) == []


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("قتل ١٢ متظاهراً وأصيب العشرات في النجف.", 12),
        ("٣ قتلى و٧ جرحى بانفجار عبوة ناسفة في الباب.", 3),
        ("انفجار عبوة ناسفة ما أدى إلى مقتل جنديين في تلعفر.", 2),
        ("هجوم على نقطة قتل فيه ثلاثة من العناصر وأصيب اثنان.", 3),
        ("هسه صار قصف بمسيرة على مقر للحشد، اكو شهيدين.", 2),
        ("اغتيال ناشط مدني بإطلاق نار وسط البصرة.", 1),
        ("انفجار عبوة ناسفة أسفر عن إصابة ثلاثة جنود بجروح.", None),
    ],
)
def test_death_tolls_in_digits_words_and_duals_never_the_wounded(
    text: str, toll: int | None
) -> None:
    read = read_text(text)
    assert sentence_toll(read, read.sentences[0], load_arabic_lexicon()) == toll


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("استهدف المجاهدون القاعدة امس.", dt.date(2024, 1, 31)),
        ("قصف القاعدة أمس الاثنين.", dt.date(2024, 1, 31)),
        ("هجوم يوم الأحد ٢١-١-٢٠٢٤ على القاعدة.", dt.date(2024, 1, 21)),
        ("هجوم يوم الخميس ٢٦ تشرين الأول ٢٠٢٣.", dt.date(2023, 10, 26)),
        ("هجوم صباح الثلاثاء الماضي.", dt.date(2024, 1, 30)),
        ("بيان صادر في ١٥ رجب ١٤٤٥ هـ عن الهجوم.", dt.date(2024, 1, 27)),
        ("هجوم على القاعدة.", None),
    ],
)
def test_dates_resolve_against_the_post_date(text: str, day: dt.date | None) -> None:
    read = read_text(text)
    assert sentence_date(read, read.sentences[0], PUBLISHED) == day


def test_places_are_found_through_clitics_and_spelling_variants() -> None:
    event = only_event("غارات أمريكية تستهدف مواقع للحشد الشعبي وبالقائم على الحدود")
    assert (event.location, event.admin1) == ("Al Qā’im", "Anbar")
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Military Forces of Iraq (2018-) Popular Mobilization Forces"
    # hamza dropped, governorate after "ريف"
    event = only_event("اشتباكات بين قسد ومسلحي العشائر بريف دير الزور الشرقي")
    assert (event.place_id, event.admin1, event.geo_precision) == ("admin1:SY.07", "Deir ez-Zor", 3)


def test_a_dateline_is_not_where_the_event_happened() -> None:
    event = only_event("الموصل (رويترز) - انفجرت عبوة ناسفة بعجلة عسكرية في قضاء تلعفر.")
    assert event.location == "Tall ‘Afar"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_arabic_detection_routes_only_arabic_articles() -> None:
    assert is_arabic_article(article(CLAIM_POST))
    assert not is_arabic_article(article("A drone struck Harir air base on Thursday."))


def test_ingest_stores_arabic_events_and_claims_and_a_second_run_adds_nothing(
    tmp_path: Path,
) -> None:
    rows = [
        {"id": "p1", "text": CLAIM_POST, "date": "2024-02-01"},
        {"id": "p2", "text": "نفت كتائب حزب الله أي علاقة لها بالهجوم.", "date": "2024-02-02"},
    ]
    db, _ = ingest_posts(tmp_path, rows)
    engine = open_engine(db)
    with engine.connect() as conn:
        mentions = conn.execute(select(event_mentions)).all()
        stored = conn.execute(select(events.c.extractor, events.c.actor1)).all()
        claims = conn.execute(
            select(statements.c.predicate, statements.c.subject_id, statements.c.event_id)
        ).all()
        claim_extractors = set(conn.execute(select(statements.c.extractor)).scalars())
    assert [(m.sub_event_type, m.location) for m in mentions] == [
        ("Air/drone strike", "Harir Air Base")
    ]
    version = arabic_extractor().version
    assert mentions[0].quote.startswith("استهدفَ") and version in mentions[0].notes
    assert stored == [(version, "Islamic Resistance in Iraq")]
    assert sorted((c.predicate, c.subject_id) for c in claims) == [
        ("claimed", "islamic-resistance-in-iraq"),
        ("denied", "kataib-hezbollah"),
    ]
    assert any(c.event_id is not None for c in claims if c.predicate == "claimed")
    assert claim_extractors == {arabic_extractor().statements_version}
    # a second run finds nothing new to do
    _, again = ingest_posts(tmp_path, rows)
    assert again.events.mentions == 0 and again.statements.claims == 0
    with engine.connect() as conn:
        assert len(conn.execute(select(event_mentions)).all()) == 1
        assert len(conn.execute(select(statements)).all()) == 2
