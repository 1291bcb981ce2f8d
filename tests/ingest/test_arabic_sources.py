"""Issue 16: Arabic sources through the ordinary readers — windows-1256 pages and feeds,
Arabic chrome, the language tagged from the script, near-duplicate copies of a post found on
its normalised spelling, and a Telegram export of thousands of posts ingested with bounded
memory, progress, nothing added twice, and one line for a broken export.

Every text is written for the tests.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from orbat.clean.chrome import clean_text
from orbat.cli.app import app
from orbat.dedup import NearDuplicateIndex
from orbat.pipeline import IngestSummary, ingest
from orbat.store import open_engine
from orbat.store.schema import documents

from .test_telegram import _export, _post

pytestmark = pytest.mark.issue(16)

STORY = (
    "الأنبار - سقطت عشرة صواريخ على قاعدة عين الأسد الجوية صباح اليوم الأربعاء، بحسب مصادر "
    "أمنية عراقية. ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."
)
PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>قصف على قاعدة عين الأسد</title></head><body dir="rtl">
<div class="menu">الرئيسية | أخبار العراق | اتصل بنا</div>
<article><h1>قصف صاروخي على قاعدة عين الأسد</h1><p>{STORY}</p>
<p>وفتحت القوات الأمنية تحقيقاً في الحادث، وفق بيان لخلية الإعلام الأمني.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""
FEED = """<?xml version="1.0" encoding="windows-1256"?>
<rss version="2.0"><channel><title>أخبار</title><link>http://example.org/</link>
<description>اخبار</description><item><title>اشتباكات في ذيبان</title>
<link>http://example.org/1</link><pubDate>Mon, 14 Aug 2023 10:00:00 +0300</pubDate>
<description>اشتباكات بين قوات سوريا الديمقراطية ومسلحي العشائر في بلدة ذيبان بريف دير الزور
الشرقي، بحسب مصادر محلية.</description></item></channel></rss>"""


def _stored(db: str) -> list[tuple[str | None, str, str | None]]:
    with open_engine(db).connect() as conn:
        return [
            (r.title, r.text, r.language)
            for r in conn.execute(select(documents).order_by(documents.c.id))
        ]


def test_windows_1256_page_and_feed_are_read_as_arabic(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGE.encode("cp1256"))
    (tmp_path / "feed.rss").write_bytes(FEED.encode("cp1256"))
    db = str(tmp_path / "ar.db")
    summary = ingest([str(tmp_path / "page.html"), str(tmp_path / "feed.rss")], db)
    assert summary.articles_new == 2 and not summary.skips
    stored = {title: (text, lang) for title, text, lang in _stored(db)}
    page_text, page_lang = stored["قصف صاروخي على قاعدة عين الأسد"]
    assert STORY in page_text and "الرئيسية" not in page_text and page_lang == "ar"
    feed_text, _ = stored["اشتباكات في ذيبان"]
    assert feed_text.startswith("اشتباكات بين قوات سوريا الديمقراطية")


def test_arabic_chrome_lines_go_and_unstopped_arabic_lines_stay() -> None:
    post = (
        "تابعونا على قناتنا في تلغرام\nاستهدف مجاهدونا قاعدة حرير بالطيران المسير\nاقرأ أيضاً: بيان"
    )
    assert clean_text(post) == "استهدف مجاهدونا قاعدة حرير بالطيران المسير"


def test_a_relayed_copy_with_marks_hamza_and_digits_changed_is_a_near_duplicate() -> None:
    original = (
        "استهدف مجاهدو المقاومة الإسلامية في العراق، فجر اليوم الأحد ٢١-١-٢٠٢٤، قاعدة "
        "الاحتلال الأمريكي في عين الأسد غربي العراق بالطيران المسيّر، وأصابت أهدافها بدقة "
        "عالية، وتستمر المقاومة في دك معاقل الأعداء نصرة لأهلنا في غزة"
    )
    relayed = (
        "استهـدف مجاهدو المقاومة الاسلامية في العراق، فجر اليوم الاحد 21-1-2024، قاعدة "
        "الاحتلال الامريكي في عين الاسد غربي العراق بالطيران المُسَيَّر، وأصابت أهدافها بدقة "
        "عاليه، وتستمر المقاومة في دك معاقل الاعداء نصره لاهلنا في غزه"
    )
    index = NearDuplicateIndex(threshold=0.7)
    first = index.signature(original)
    second = index.signature(relayed)
    assert first is not None and second is not None
    assert first.jaccard(second) == 1.0  # the same words once normalised


def _channel_export(folder: Path, posts: int, words_per_post: int) -> Path:
    rng = random.Random(16)  # varied words: posts that differ only by number are copies
    words = ["قصف", "قاعدة", "حرير", "مسيرة", "اشتباكات", "الأنبار", "صواريخ", "بيان", "عاجل"]
    export = _export(
        [
            _post(n, f"{n}: " + " ".join(rng.choices(words, k=words_per_post)))
            for n in range(1, posts + 1)
        ]
    )
    path = folder / "result.json"
    path.write_text(json.dumps(export, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def _peak_ingest(path: Path, db: str, seen: list[tuple[int, int]]) -> tuple[IngestSummary, int]:
    def progress(summary: IngestSummary) -> None:
        seen.append((summary.file_bytes_read, summary.articles_seen))

    tracemalloc.start()
    try:
        summary = ingest([str(path)], db, on_progress=progress)
        return summary, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_several_thousand_telegram_posts_ingest_in_bounded_memory_with_progress(
    tmp_path: Path,
) -> None:
    """3,000 posts, short (about 1 MB) then ten times longer (about 10 MB): the peak does
    not follow the text (the export is streamed; what grows with the posts is the
    near-duplicate index, a few KB a document), progress moves through the file, and a
    second ingest adds nothing."""
    (tmp_path / "short").mkdir()
    (tmp_path / "long").mkdir()
    short = _channel_export(tmp_path / "short", 3000, 30)
    long = _channel_export(tmp_path / "long", 3000, 300)
    _, peak_short = _peak_ingest(short, str(tmp_path / "short.db"), [])
    seen: list[tuple[int, int]] = []
    summary, peak_long = _peak_ingest(long, str(tmp_path / "long.db"), seen)
    size = long.stat().st_size
    assert summary.articles_new == 3000 and not summary.skips
    # measured: 18.5 MB for the short export, 19.0 MB for the long one (10.5 MB file)
    assert peak_long < 1.3 * peak_short, (peak_short, peak_long, size)
    # progress moves through the file as posts are stored (what the CLI's bar draws)
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1][1] == 3000
    assert 0 < seen[0][0] < seen[-1][0] <= size
    again = ingest([str(long)], str(tmp_path / "long.db"))
    assert again.articles_new == 0 and again.articles_known == 3000
    assert len(_stored(str(tmp_path / "long.db"))) == 3000


def test_a_broken_export_is_one_line_and_loses_no_post_before_the_break(tmp_path: Path) -> None:
    export = _export([_post(n, f"{n}: قصف على قاعدة عين الأسد") for n in range(1, 51)])
    text = json.dumps(export, indent=1, ensure_ascii=False)
    path = tmp_path / "result.json"
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")  # cut mid-export
    db = str(tmp_path / "tg.db")
    result = CliRunner().invoke(
        app, ["ingest", str(path), "--db", db, "--no-events"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 1 and str(path) in skipped[0], result.output
    stored = _stored(db)
    assert len(stored) >= 30  # every whole post before the cut
    assert all(t.split(":")[0].isdigit() for _, t, _ in stored)
