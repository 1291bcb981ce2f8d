"""Issue 16: whatever Arabic text comes in, the Arabic path does not fail, and every event
and claim it gives quotes exactly the span of the original text it points to."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbat.extract.arabic.extractor import arabic_extractor
from orbat.extract.events import ArticleView
from orbat.extract.statements import EventSpan

pytestmark = pytest.mark.issue(16)

# Pieces of real post wording (cues, names, places, dates, tolls), marks and noise.
WORDS = [
    "استهدف", "مجاهدو", "المقاومة الإسلامية في العراق", "قاعدة", "عين الأسد", "بالطيران",
    "المسيّر", "نفت", "كتائب حزب الله", "تبنت", "مسؤوليتها عن", "قصف", "صواريخ", "مقتل",
    "ثلاثة", "٣", "قتلى", "جرحى", "أمس", "الثلاثاء", "١٥ رجب ١٤٤٥ هـ", "٢١-١-٢٠٢٤", "بريف",
    "حلب", "وبغداد", "اشتباكات", "بين", "مع", "داعش", "عبوة ناسفة", "اعتقال", "تظاهرة",
    "غارات أمريكية", "مسيرة تركية", "الاحتلال", "مدني", "ستستمر", "ما تداولته", "عاجل |",
    "الموصل (رويترز) -", "ـــ", "\u064e", "\u0651", "\u200f", "،", ".", "\n", "؟", "🔴", "x",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.booleans())
def test_any_arabic_text_gives_events_and_claims_quoting_their_own_span(
    words: list[str], spaced: bool
) -> None:
    text = (" " if spaced else "").join(words)
    article = ArticleView(3, text, dt.date(2024, 2, 1), None, None)
    extractor = arabic_extractor()
    events = extractor.events(article)
    for event in events:
        start, end = event.evidence.start, event.evidence.end
        assert 0 <= start < end <= len(text)
        assert text[start:end] == event.evidence.quote
        assert event.sub_event_type and event.event_type
    spans = [
        EventSpan.at(i, e.evidence.start, e.evidence.end, e.event_type)
        for i, e in enumerate(events)
    ]
    result = extractor.statements(article, spans)
    for statement in [*result.statements, *result.mentions]:
        evidence = statement.evidence
        assert text[evidence.start : evidence.end] == evidence.quote
    for claim in result.claims:
        assert claim.predicate in ("claimed", "denied") and claim.subject_id
