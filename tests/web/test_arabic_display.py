"""Issue 16: Arabic evidence in the web UI — right to left, ``lang="ar"``, with the event's
English (ACLED) coding beside it — in a real Chromium. Saves ``arabic-event.png`` and
``arabic-claim.png`` (``ORBAT_SCREENSHOTS=docs/screenshots`` writes the docs' copies).

The two posts are written for the test, in the formats of a faction's claim post and a
denial.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from arabic_posts import ingest_posts
from orbat.store import open_engine
from orbat.store.schema import event_mentions
from orbat.web import create_app, open_read_only

from .conftest import serve
from .test_browser import Watched

pytestmark = pytest.mark.issue(16)

POSTS = [
    {
        "id": "irq-claim-1",
        "title": "المقاومة الإسلامية في العراق",
        "date": "2024-02-01",
        "text": "المقاومة الإسلامية في العراق\n"
        "استهدفَ مجاهدو المقاومة الإسلامية في العراق، فجر اليوم الخميس، قاعدة الاحتلال "
        "الأمريكي في حرير بأربيل بالطيران المسيّر، وأصابت أهدافها بدقة.",
    },
    {
        "id": "kh-denial-1",
        "title": "كتائب حزب الله تنفي",
        "date": "2024-02-02",
        "text": "نفت كتائب حزب الله في بيان أي علاقة لها بالهجوم بطائرة مسيرة على قاعدة "
        "التنف أمس، وقالت إن الاتهامات باطلة.",
    },
]


@pytest.fixture(scope="module")
def arabic_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    db, _ = ingest_posts(tmp_path_factory.mktemp("arabic-web"), POSTS)
    engine = open_engine(db)
    with engine.connect() as conn:
        event_id = conn.execute(
            select(event_mentions.c.event_id).where(
                event_mentions.c.sub_event_type == "Air/drone strike",
                event_mentions.c.location == "Harir Air Base",
            )
        ).scalar_one()
    engine.dispose()
    yield from ((base, event_id) for base in serve(create_app(open_read_only(db))))


@pytest.fixture
def web(browser: Any, arabic_server: tuple[str, int], screenshots: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page(), arabic_server[0], screenshots)
    yield watched
    context.close()


def _quotes(web: Watched) -> list[dict[str, str]]:
    return web.page.evaluate(
        """() => [...document.querySelectorAll('blockquote.quote')].map(q => ({
            dir: q.getAttribute('dir'), lang: q.getAttribute('lang') || '',
            direction: getComputedStyle(q).direction, align: getComputedStyle(q).textAlign,
            text: q.textContent}))"""
    )


def test_an_arabic_event_page_shows_the_quote_rtl_beside_its_english_coding(
    web: Watched, arabic_server: tuple[str, int]
) -> None:
    web.open(f"/events/{arabic_server[1]}")
    quotes = _quotes(web)
    assert quotes and all(q["lang"] == "ar" and q["direction"] == "rtl" for q in quotes)
    assert all(q["align"] in ("right", "start") for q in quotes)
    assert "بالطيران المسيّر" in quotes[0]["text"]
    gloss = web.page.inner_text(".evidence-pair .gloss")
    assert "Air/drone strike" in gloss and "Islamic Resistance in Iraq" in gloss
    assert "Military Forces of the United States" in gloss and "Harir Air Base" in gloss
    # the gloss reads left to right, in English, beside the Arabic
    assert (
        web.page.evaluate(
            "getComputedStyle(document.querySelector('.evidence-pair .gloss')).direction"
        )
        == "ltr"
    )
    text_dir = web.page.evaluate("document.querySelector('.doc-text .text').getAttribute('dir')")
    assert text_dir == "rtl"
    web.shot("arabic-event")
    web.check()


def test_an_arabic_claim_and_a_denial_show_rtl_with_english_fields(web: Watched) -> None:
    web.open("/actors/islamic-resistance-in-iraq")
    rows = web.page.inner_text("#statements")
    assert "claimed" in rows
    quotes = [q for q in _quotes(web) if q["lang"] == "ar"]
    assert quotes and all(q["direction"] == "rtl" for q in quotes)
    # the claim's English fields (who, what, which event) beside its Arabic evidence
    row = web.page.inner_text("#statements tbody tr")
    assert "Islamic Resistance in Iraq" in row and "claimed" in row and "event" in row
    web.page.evaluate("document.querySelector('#statements').scrollIntoView()")
    web.shot("arabic-claim")
    web.open("/actors/kataib-hezbollah")
    assert "denied" in web.page.inner_text("#statements")
    assert all(q["direction"] == "rtl" for q in _quotes(web) if q["lang"] == "ar")
    web.check()


def test_only_arabic_text_is_set_right_to_left() -> None:
    from orbat.web.render import text_dir, text_lang

    assert (text_dir(POSTS[0]["text"]), text_lang(POSTS[0]["text"])) == ("rtl", "ar")
    english = "A drone struck Harir air base, the Islamic Resistance in Iraq said."
    assert (text_dir(english), text_lang(english)) == ("auto", "")
    assert (text_dir(None), text_lang("")) == ("auto", "")
