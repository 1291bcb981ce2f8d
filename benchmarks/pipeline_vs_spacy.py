"""Benchmark the whole pipeline against a bare spaCy parse of the same texts.

Corpus: the founding corpus (19 articles), the re3d documents and the aeb pages (both from
``../shared/data`` beside the clone; never copied into the repository) as JSONL — real news
and reports, one article each.

1. Write the corpus as one JSONL file (id, title, text) in a temporary folder.
2. Bare spaCy: the same model orbat loads (`orbat.nlp.model.load_nlp()`), every text parsed
   with `nlp.pipe` (its fastest path), timed.
3. orbat: read → segment → dedup → store → events and statements from one parse
   (`ingest_paths` + `extract_articles`: what `orbat ingest` does) on that file into a fresh
   SQLite database, timed end to end.
4. Report articles/s for both, their ratio (spaCy time / orbat time: ≥ 1.0 means orbat as a
   whole is no slower than spaCy alone) and the process's peak resident memory (model,
   gazetteer and both runs; no profiler is attached, so timings carry no tracing overhead).

Run: `python benchmarks/pipeline_vs_spacy.py`;
results go to benchmarks/results/pipeline_vs_spacy.json.
The model and gazetteer are loaded before timing starts (both are once-per-process costs).
"""

from __future__ import annotations

import gzip
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

from orbat import extract_articles, ingest_paths, open_engine
from orbat.clean import segment
from orbat.cli.app import example_corpus
from orbat.extract.analysis import ArticleAnalyser
from orbat.ingest.html import extract_html
from orbat.models import RawDocument

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def corpus() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(example_corpus().glob("*.txt")):
        raw = RawDocument(origin=str(path), format="text", text=path.read_text(encoding="utf-8"))
        for i, article in enumerate(segment(raw)):
            rows.append(
                {"id": f"{path.name}#{i}", "title": article.title or "", "text": article.text}
            )
    for documents in sorted((SHARED / "re3d").glob("*/documents.json")):
        for line in documents.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                rows.append({"id": doc["_id"], "title": doc.get("title", ""), "text": doc["text"]})
    for page in sorted((SHARED / "aeb" / "html").glob("*.html.gz")):
        raw = extract_html(gzip.decompress(page.read_bytes()), str(page))
        if raw is not None and raw.text.strip():
            rows.append({"id": page.name, "title": raw.title or "", "text": raw.text})
    return rows


def main() -> None:
    rows = corpus()
    words = sum(len(r["text"].split()) for r in rows)
    analyser = ArticleAnalyser()  # loads spaCy, the gazetteer, the lexicon, the actor pack
    nlp = analyser.nlp
    texts = [r["text"] for r in rows]
    for _ in nlp.pipe(texts[:10]):  # warm up, so neither side pays first-call costs
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_seconds = time.perf_counter() - started
    spacy_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        db = str(Path(tmp) / "bench.db")
        started = time.perf_counter()
        summary = ingest_paths([str(source)], db)
        extracted = extract_articles(open_engine(db), analyser=analyser)
        orbat_seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "articles": len(rows),
        "words": words,
        "stored": summary.articles_new + summary.duplicates,
        "event_mentions": extracted.events.mentions,
        "statements": extracted.statements.relations + extracted.statements.claims,
        "spacy_seconds": round(spacy_seconds, 2),
        "spacy_articles_per_s": round(len(rows) / spacy_seconds, 1),
        "orbat_seconds": round(orbat_seconds, 2),
        "orbat_articles_per_s": round(len(rows) / orbat_seconds, 1),
        "ratio_spacy_over_orbat": round(spacy_seconds / orbat_seconds, 3),
        "peak_rss_mib_after_spacy": round(spacy_peak_kib / 1024, 1),
        "peak_rss_mib_after_orbat": round(peak_kib / 1024, 1),
        "machine": platform.platform(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results" / "pipeline_vs_spacy.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
