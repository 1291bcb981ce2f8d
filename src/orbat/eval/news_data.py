"""The news eval's data: the gold (hand-coded events by document) and the documents' texts.

The gold names documents by id: texts of ``../shared/data`` (re3d, Wikinews, aeb pages, CASE
2021 snippets; never copied into the repository) or texts written for the gold and kept beside
it (``texts.jsonl``, such as a pack's reports). Every document belongs to the development or
the held-out half by a hash of its id (:func:`half_of`). Scoring is in :mod:`orbat.eval.news`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "HALVES",
    "TEXTS_FILE",
    "GoldDocument",
    "GoldEvent",
    "NewsDocument",
    "default_gold_path",
    "gold_event",
    "half_of",
    "load_documents",
    "load_news_gold",
]

HALVES = ("development", "held-out")
#: In a gold folder: texts written for that gold (JSONL rows ``{id, title, text, date}``).
TEXTS_FILE = "texts.jsonl"


def half_of(doc_id: str) -> str:
    """``development`` or ``held-out``: the parity of the SHA-256 of the document id."""
    return HALVES[int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 2]


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    quote: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    time_precision: int
    country: str | None
    location: str | None
    admin1: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    optional: bool


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    published: dt.date | None
    events: tuple[GoldEvent, ...]
    #: The text itself, for documents the project wrote and keeps inline in the gold
    #: (``report:`` ids); None for texts found elsewhere.
    text: str | None = None


@dataclass(frozen=True)
class NewsDocument:
    """A gold document's text as orbat is given it (an HTML page for aeb)."""

    id: str
    title: str | None
    text: str | None
    published: dt.date | None
    url: str | None = None
    html: bytes | None = None


def default_gold_path() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "eval" / "gold" / "news"


def load_news_gold(path: Path | None = None) -> list[GoldDocument]:
    """The gold documents of one YAML file, or of every ``*.yaml`` of a folder (by name)."""
    path = path or default_gold_path()
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    items = [item for f in files for item in yaml.safe_load(f.read_text(encoding="utf-8")) or ()]
    out = []
    for item in items:
        events = tuple(gold_event(item["doc"], e) for e in item.get("events") or ())
        out.append(GoldDocument(item["doc"], item.get("published"), events, item.get("text")))
    return out


def gold_event(doc: str, e: dict[str, Any]) -> GoldEvent:
    """One hand-coded event of a gold file (the event type follows from the sub-type when
    the file leaves it out, as the Arabic gold does)."""
    from orbat.taxonomy import sub_event_type

    return GoldEvent(
        doc=doc,
        quote=e["quote"],
        event_type=e.get("event_type") or sub_event_type(e["sub_event_type"]).event_type,
        sub_event_type=e["sub_event_type"],
        date=e.get("date"),
        time_precision=int(e.get("time_precision") or 1),
        country=e.get("country"),
        location=e.get("location"),
        admin1=e.get("admin1"),
        actor1=e.get("actor1"),
        actor2=e.get("actor2"),
        fatalities=e.get("fatalities"),
        optional=bool(e.get("optional", False)),
    )


# -- the texts ------------------------------------------------------------------------------


def load_documents(
    data: Path, gold: Sequence[GoldDocument], texts: Path | None = None
) -> list[NewsDocument]:
    """The texts of the gold documents from the shared data folder ``data``, and from
    ``texts`` (a JSONL file of texts written for the gold, e.g. a pack's reports) if given."""
    published = {g.doc: g.published for g in gold}
    wanted = set(published)
    found: dict[str, NewsDocument] = {}
    if texts is not None and texts.is_file():
        found.update((doc.id, doc) for doc in _texts(texts))
    for doc in _re3d(data / "re3d"):
        found[doc.id] = doc
    for doc in _wikinews(data / "news"):
        found[doc.id] = doc
    if any(d.startswith("aeb:") for d in wanted):
        found.update(_aeb(data / "aeb", {d for d in wanted if d.startswith("aeb:")}))
    if any(d.startswith("case2021:") for d in wanted):
        found.update(_case2021(data / "case2021"))
    for g in gold:
        if g.text is not None:
            found[g.doc] = NewsDocument(g.doc, None, g.text, None)
    missing = sorted(wanted - set(found))
    if missing:
        raise FileNotFoundError(f"{len(missing)} gold documents not in {data}: {missing[:3]}")
    # The gold's publication date (read off the page by the coder) stands in where the
    # source file carries none, as a scraper's metadata would.
    return [
        _with_date(found[d], published[d])
        for d in sorted(wanted, key=lambda d: list(published).index(d))
    ]


def _with_date(doc: NewsDocument, published: dt.date | None) -> NewsDocument:
    if doc.published is not None or published is None:
        return doc
    return NewsDocument(doc.id, doc.title, doc.text, published, doc.url, doc.html)


def _re3d(folder: Path) -> Iterable[NewsDocument]:
    for path in sorted(folder.glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield NewsDocument(
                    f"re3d:{row['_id']}", row.get("title"), row["text"], None, row.get("sourceUrl")
                )


def _wikinews(folder: Path) -> Iterable[NewsDocument]:
    for path in sorted(folder.glob("*.jsonl")):
        yield from _texts(path, prefix="wikinews:")


def _texts(path: Path, prefix: str = "") -> Iterable[NewsDocument]:
    """Rows ``{id, title, text, date, url}`` of a JSONL file as documents ``<prefix><id>``."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
            yield NewsDocument(
                f"{prefix}{row['id']}", row.get("title"), row["text"], date, row.get("url")
            )


def _aeb(folder: Path, wanted: set[str]) -> dict[str, NewsDocument]:
    out = {}
    for doc_id in wanted:
        key = doc_id.split(":", 1)[1]
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        out[doc_id] = NewsDocument(doc_id, None, None, None, None, html)
    return out


def _case2021(folder: Path) -> dict[str, NewsDocument]:
    path = folder / "task2_test_with_labels.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {
        f"case2021:{r['id']}": NewsDocument(f"case2021:{r['id']}", None, r["EventSnippet"], None)
        for r in rows
    }
