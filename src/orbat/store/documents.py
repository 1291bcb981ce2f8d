"""Write and read articles: identity, duplicate clusters, listing, full-text search, stats."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Engine,
    Row,
    Select,
    and_,
    bindparam,
    delete,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from orbat.models import Article, Skip
from orbat.nlp.arabic import script_language
from orbat.store.conflicts import insert_unless_present, retrying
from orbat.store.schema import (
    clusters,
    documents,
    extraction_runs,
    extraction_skips,
    ingest_runs,
    skips,
)

__all__ = [
    "DocumentStore",
    "ExtractionSkip",
    "StoredArticle",
    "extractor_family",
    "forget_superseded_skips",
    "not_yet_extracted",
    "skip_extraction",
]


# Statements built once: building a SQLAlchemy statement per article cost more than running
# it (profile of a 3,000-article ingest); executing a prebuilt one reuses its compiled form.
_SAME_TEXT = (
    select(documents.c.origin, documents.c.locator, documents.c.cluster_id)
    .where(documents.c.content_hash == bindparam("hash"))
    .order_by(documents.c.id)
)
_CLUSTER_OF = select(documents.c.cluster_id).where(documents.c.id == bindparam("id"))
_NEW_CLUSTER = clusters.insert()
_OPEN_CLUSTER = (
    update(clusters)
    .where(clusters.c.id == bindparam("cid"))
    .values(size=clusters.c.size + 1, representative_id=bindparam("rep"))
)
_GROW_CLUSTER = (
    update(clusters).where(clusters.c.id == bindparam("cid")).values(size=clusters.c.size + 1)
)


def _as_json(extra: dict[str, Any]) -> str | None:
    """A reader's metadata as JSON (dates and other values as their text), None when empty."""
    return json.dumps(extra, ensure_ascii=False, default=str, sort_keys=True) if extra else None


def extractor_family(extractor: str) -> str:
    """A LIKE pattern for every version of ``extractor`` ("orbat.events.v3" → "orbat.events.v%"):
    a new version replaces the rows an older one wrote. What follows "+" (the pack's and the
    rule files' fingerprints) is left out first: a pack folder may hold ".v" in its name."""
    return extractor.split("+", 1)[0].rsplit(".v", 1)[0] + ".v%"


def not_yet_extracted(extractor: str, *columns: Any) -> Select[Any]:
    """Documents (these ``columns``) that ``extractor`` — a versioned name — has not
    processed: no ``extraction_runs`` row for it. In id order, the order stages work in."""
    return (
        select(*columns)
        .outerjoin(
            extraction_runs,
            and_(
                extraction_runs.c.document_id == documents.c.id,
                extraction_runs.c.extractor == extractor,
            ),
        )
        .where(extraction_runs.c.document_id.is_(None))
        .order_by(documents.c.id)
    )


def skip_extraction(
    conn: Connection, document_id: int, extractor: str, kind: str, reason: str
) -> bool:
    """Record that ``extractor`` (a versioned name) passes over this document, and why.

    The document is claimed for the extractor as an extraction is (an ``extraction_runs``
    row), so no later run of this version retries it and alerting moves past it; the skip
    row says why nothing was extracted. False when another process had claimed it already.
    """
    now = datetime.now(UTC)
    claimed = insert_unless_present(
        conn,
        extraction_runs,
        ("document_id", "extractor"),
        {"document_id": document_id, "extractor": extractor, "extracted_at": now},
    )
    if claimed is None:
        return False
    insert_unless_present(
        conn,
        extraction_skips,
        ("document_id", "extractor"),
        {
            "document_id": document_id,
            "extractor": extractor,
            "kind": kind,
            "reason": reason,
            "skipped_at": now,
        },
    )
    return True


def forget_superseded_skips(conn: Connection, extractor: str) -> None:
    """Drop the skips older versions of ``extractor`` recorded for documents this version
    has processed since (extracted or skipped again): they no longer describe the data."""
    done = select(extraction_runs.c.document_id).where(extraction_runs.c.extractor == extractor)
    conn.execute(
        delete(extraction_skips).where(
            extraction_skips.c.extractor.like(extractor_family(extractor)),
            extraction_skips.c.extractor != extractor,
            extraction_skips.c.document_id.in_(done),
        )
    )


@dataclass(frozen=True, slots=True)
class ExtractionSkip:
    """A document an extractor passed over: which, why (``kind``: too-long, timeout, error)."""

    document_id: int
    extractor: str
    kind: str
    reason: str
    skipped_at: datetime


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What storing an article did: its id, its cluster, and whether it was new."""

    id: int
    cluster_id: int
    status: str  # "new", "known" (already stored: re-ingest), "duplicate" (a copy, kept)


class DocumentStore:
    """The documents side of the database.

    Writes go through one open connection in a transaction the caller commits in batches
    (``commit()``), so a crash loses at most the current batch and a re-run re-adds it.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    # -- writing -------------------------------------------------------------------------
    @property
    def conn(self) -> Connection:
        if self._conn is None:
            self._conn = self.engine.connect()
        if not self._conn.in_transaction():
            # Begun when next needed, not right after a commit: on SQLite a writer's
            # transaction holds the file's write lock, which other writers are waiting for.
            self._conn.begin()
        return self._conn

    def commit(self) -> None:
        if self._conn is not None and self._conn.in_transaction():
            self._conn.commit()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.commit()
            self._conn.close()
            self._conn = None

    def start_run(self, inputs: list[str]) -> int:
        result = self.conn.execute(
            ingest_runs.insert().values(
                started_at=_now(),
                inputs="\n".join(inputs),
                files_read=0,
                articles_new=0,
                articles_known=0,
                duplicates=0,
                skipped=0,
            )
        )
        self.commit()
        return _new_id(result)

    def finish_run(self, run_id: int, **counts: int) -> None:
        self.conn.execute(
            update(ingest_runs)
            .where(ingest_runs.c.id == run_id)
            .values(finished_at=_now(), **counts)
        )
        self.commit()

    def record_skip(self, run_id: int, skip: Skip) -> None:
        self.conn.execute(
            skips.insert().values(
                ingest_run_id=run_id, origin=skip.origin, locator=skip.locator, reason=skip.reason
            )
        )

    def find_same_text(self, article: Article) -> tuple[bool, int | None]:
        """``(already stored here, cluster of a stored copy)`` for the article's text.

        One indexed query on the content hash answers both questions: is this very article
        (same origin and locator) already stored — a re-run — and is its text stored
        elsewhere — an exact copy, which joins that copy's cluster.
        """
        rows = self.conn.execute(_SAME_TEXT, {"hash": article.content_hash}).all()
        known = any(r.origin == article.origin and r.locator == article.locator for r in rows)
        return known, (rows[0].cluster_id if rows else None)

    def cluster_of(self, document_id: int) -> int:
        return int(self.conn.execute(_CLUSTER_OF, {"id": document_id}).scalar_one())

    def insert(
        self,
        article: Article,
        *,
        run_id: int | None,
        cluster_id: int | None,
        duplicate_kind: str,
        minhash: bytes | None,
    ) -> StoredArticle:
        """Store ``article``; a new cluster is opened when ``cluster_id`` is ``None``.

        When another process stored the very same article (same origin, locator and text)
        first, nothing is written and the status is ``"known"``.
        """
        return retrying(
            self.conn, lambda: self._insert(article, run_id, cluster_id, duplicate_kind, minhash)
        )

    def _insert(
        self,
        article: Article,
        run_id: int | None,
        cluster_id: int | None,
        duplicate_kind: str,
        minhash: bytes | None,
    ) -> StoredArticle:
        new_cluster = cluster_id is None
        if cluster_id is None:
            cluster_id = _new_id(self.conn.execute(_NEW_CLUSTER, {"size": 0}))
        doc_id = insert_unless_present(
            self.conn,
            documents,
            ("origin", "locator", "content_hash"),
            {
                "origin": article.origin,
                "locator": article.locator,
                "format": article.format,
                "raw_start": article.raw_start,
                "raw_end": article.raw_end,
                "external_id": article.external_id,
                "url": article.url,
                "title": article.title,
                "published": article.published,
                "published_raw": article.published_raw,
                "source": article.source,
                "language": article.language or script_language(article.text),
                "text": article.text,
                "extra": _as_json(article.extra),
                "content_hash": article.content_hash,
                "minhash": minhash,
                "cluster_id": cluster_id,
                "duplicate_kind": duplicate_kind,
                "ingest_run_id": run_id,
                "ingested_at": _now(),
            },
        )
        if doc_id is None:
            # Another worker stored this article between our lookup and this insert.
            if new_cluster:
                self.conn.execute(delete(clusters).where(clusters.c.id == cluster_id))
            return StoredArticle(id=0, cluster_id=0, status="known")
        if new_cluster:
            self.conn.execute(_OPEN_CLUSTER, {"cid": cluster_id, "rep": doc_id})
        else:
            self.conn.execute(_GROW_CLUSTER, {"cid": cluster_id})
        status = "new" if new_cluster else "duplicate"
        return StoredArticle(id=int(doc_id), cluster_id=cluster_id, status=status)

    def signatures(self) -> Iterator[tuple[int, bytes]]:
        """``(document id, MinHash bytes)`` of every cluster representative that has one."""
        query = (
            select(documents.c.id, documents.c.minhash)
            .join(clusters, clusters.c.representative_id == documents.c.id)
            .where(documents.c.minhash.is_not(None))
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield int(row.id), bytes(row.minhash)

    # -- reading -------------------------------------------------------------------------
    def articles(
        self, *, limit: int | None = None, offset: int = 0, search: str | None = None
    ) -> list[Row[Any]]:
        """Stored articles, newest first, optionally only those matching a full-text query."""
        query = select(documents, clusters.c.size.label("cluster_size")).join(
            clusters, clusters.c.id == documents.c.cluster_id
        )
        if search:
            query = query.where(documents.c.id.in_(self._search_ids(search)))
        query = query.order_by(documents.c.published.desc(), documents.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def iter_all(self) -> Iterator[Row[Any]]:
        """Every stored article in id order, streamed."""
        with self.engine.connect() as conn:
            yield from conn.execution_options(stream_results=True).execute(
                select(documents).order_by(documents.c.id)
            )

    def _search_ids(self, query: str) -> Any:
        if self.engine.dialect.name == "sqlite":
            return text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q").bindparams(
                q=fts5_query(query)
            )
        return select(documents.c.id).where(_PG_DOCUMENT.bool_op("@@")(pg_tsquery(query)))

    def snippets(self, query: str, limit: int = 20) -> list[Row[Any]]:
        """Best-ranked matches with a highlighted snippet (FTS5 on SQLite, tsvector on PG)."""
        if self.engine.dialect.name == "sqlite":
            sql = text(
                "SELECT d.id, d.title, d.published, d.source, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n"
            )
            with self.engine.connect() as conn:
                return list(conn.execute(sql, {"q": fts5_query(query), "n": limit}))
        tsquery = pg_tsquery(query)
        ranked = (
            select(
                documents.c.id,
                documents.c.title,
                documents.c.published,
                documents.c.source,
                func.ts_headline(
                    "english",
                    documents.c.text,
                    tsquery,
                    "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1",
                ).label("snippet"),
            )
            .where(_PG_DOCUMENT.bool_op("@@")(tsquery))
            .order_by(func.ts_rank(_PG_DOCUMENT, tsquery).desc(), documents.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(ranked))

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            cluster_count = conn.execute(select(func.count()).select_from(clusters)).scalar_one()
            first, last = conn.execute(
                select(func.min(documents.c.published), func.max(documents.c.published))
            ).one()
            by_format: dict[str, int] = dict(
                conn.execute(
                    select(documents.c.format, func.count()).group_by(documents.c.format)
                ).all()
            )
            by_source = conn.execute(
                select(documents.c.source, func.count())
                .group_by(documents.c.source)
                .order_by(func.count().desc())
                .limit(10)
            ).all()
            runs = conn.execute(select(func.count()).select_from(ingest_runs)).scalar_one()
            skipped = conn.execute(select(func.count()).select_from(skips)).scalar_one()
            not_extracted = conn.execute(
                select(func.count(func.distinct(extraction_skips.c.document_id)))
            ).scalar_one()
            by_kind = conn.execute(
                select(extraction_skips.c.extractor, extraction_skips.c.kind, func.count())
                .group_by(extraction_skips.c.extractor, extraction_skips.c.kind)
                .order_by(extraction_skips.c.extractor, extraction_skips.c.kind)
            ).all()
        return {
            "documents": count,
            "clusters": cluster_count,
            "duplicates": count - cluster_count,
            "published_from": first,
            "published_to": last,
            "by_format": by_format,
            "top_sources": [(source or "(unknown)", n) for source, n in by_source],
            "ingest_runs": runs,
            "skips_recorded": skipped,
            "extraction_skipped": not_extracted,
            "extraction_skips": [
                {"extractor": extractor, "kind": kind, "documents": n}
                for extractor, kind, n in by_kind
            ],
        }

    def extraction_skips(self, limit: int = 20) -> list[ExtractionSkip]:
        """The latest documents extraction passed over, with the reason, newest first."""
        query = (
            select(extraction_skips)
            .order_by(extraction_skips.c.skipped_at.desc(), extraction_skips.c.document_id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [
                ExtractionSkip(r.document_id, r.extractor, r.kind, r.reason, _aware(r.skipped_at))
                for r in conn.execute(query)
            ]


_FTS_TOKEN = re.compile(r'"[^"]*"|\S+')


def fts5_query(query: str) -> str:
    """Make a user's query safe for FTS5: each word or "quoted phrase" becomes a quoted term.

    FTS5 treats ``-``, ``:``, ``(`` and bare ``AND``/``OR``/``NOT`` as syntax; users type
    "al-Qaim" or "Kata'ib". Quoting every term keeps them literal; terms are ANDed.
    """
    terms = []
    for token in _FTS_TOKEN.findall(query):
        inner = token.strip('"').replace('"', "")
        if inner:
            terms.append('"' + inner + '"')
    return " ".join(terms) or '""'


# Exactly the expression of the GIN index migration 0001 creates (written out as SQL, not built
# with bound parameters, so that PostgreSQL's planner recognises it and uses the index).
_PG_DOCUMENT: Any = literal_column(
    "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text)"
)
_PG_WORD = re.compile(r"\w+")


def pg_tsquery(query: str) -> Any:
    """The PostgreSQL twin of :func:`fts5_query`: every word or "phrase" must match.

    Each term becomes ``phraseto_tsquery`` of its words, so "al-Qaim" matches "Al Qaim" as
    FTS5 does (PostgreSQL's own parsers would keep the hyphenated compound as one lexeme);
    operators typed by the user are plain words (stop words such as AND drop out).
    """
    parts = []
    for token in _FTS_TOKEN.findall(query):
        words = " ".join(_PG_WORD.findall(token))
        if words:
            parts.append(func.phraseto_tsquery("english", words))
    if not parts:
        return func.plainto_tsquery("english", "")
    combined: Any = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&")(part)
    return combined


def _new_id(result: Any) -> int:
    """The primary key a single-row INSERT created."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; orbat stores them in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
