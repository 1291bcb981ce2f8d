"""Benchmark an Arabic Telegram channel export: ingest (streamed read, dedup, store) and the
Arabic extraction path, posts per second and peak Python memory (tracemalloc).

The export is generated: claim posts, relay lines and denials built from templates with
varied places, factions, dates and spellings (written for this benchmark), so the events and
claims found can be counted too.

Run: `python benchmarks/arabic_telegram.py [POSTS]` (default 3000). Results are printed and
written to benchmarks/results/arabic_telegram.json.
"""

from __future__ import annotations

import json
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_articles
from orbat.store import open_engine

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["عين الأسد", "حرير", "التنف", "الشدادي", "حقل العمر", "القائم", "جرف الصخر", "تلعفر"]
FACTIONS = ["المقاومة الإسلامية في العراق", "كتائب حزب الله", "حركة النجباء", "كتائب سيد الشهداء"]
TEMPLATES = [
    "{f}\nاستهدف مجاهدو {f}، فجر اليوم، قاعدة الاحتلال في {p} بالطيران المسيّر. {n}",
    "🔴 عاجل | هجوم بطائرة مسيرة يستهدف قاعدة {p}، ومصادر تتحدث عن أضرار مادية. {n}",
    "نفت {f} أي علاقة لها بالقصف الصاروخي الذي استهدف {p} أمس. {n}",
    "أعلنت {f} مسؤوليتها عن قصف قاعدة {p} بعدد من الصواريخ مساء اليوم. {n}",
]


def export(posts: int, rng: random.Random) -> dict[str, object]:
    messages = []
    for n in range(1, posts + 1):
        template = rng.choice(TEMPLATES)
        # a number and some filler words so that posts are not all near-duplicates
        filler = " ".join(rng.choices(["وأكد", "البيان", "مصادر", "محلية", "اليوم"], k=8))
        text = template.format(f=rng.choice(FACTIONS), p=rng.choice(PLACES), n=f"{n} {filler}")
        day = 1 + n % 28
        messages.append(
            {"id": n, "type": "message", "date": f"2024-02-{day:02d}T10:00:00", "text": text}
        )
    return {"name": "قناة تجريبية", "type": "public_channel", "id": 4242, "messages": messages}


def run(posts: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "result.json"
        path.write_text(
            json.dumps(export(posts, random.Random(16)), ensure_ascii=False), encoding="utf-8"
        )
        db = str(Path(tmp) / "ar.db")
        tracemalloc.start()
        start = time.perf_counter()
        summary = ingest([str(path)], db)
        ingest_s = time.perf_counter() - start
        _, ingest_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        start = time.perf_counter()
        extracted = extract_articles(open_engine(db))
        extract_s = time.perf_counter() - start
        return {
            "posts": posts,
            "export_bytes": path.stat().st_size,
            "stored": summary.articles_new,
            "duplicates": summary.duplicates,
            "ingest_seconds": round(ingest_s, 2),
            "ingest_posts_per_s": round(posts / ingest_s, 1),
            "ingest_peak_tracemalloc_mb": round(ingest_peak / 1e6, 1),
            "extract_seconds": round(extract_s, 2),
            "extract_posts_per_s": round(summary.articles_new / extract_s, 1),
            "event_mentions": extracted.events.mentions,
            "claims": extracted.statements.claims,
            "python": platform.python_version(),
        }


def main() -> None:
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    result = run(posts)
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results" / "arabic_telegram.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
