"""The database schema, as SQLAlchemy Core tables (the migrations create exactly these)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["clusters", "documents", "ingest_runs", "metadata", "skips"]

metadata = MetaData()

# A duplicate cluster: every copy of one story. The representative is the first copy stored;
# copies are kept (provenance) but later stages count a cluster once.
clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("representative_id", Integer, nullable=True),  # documents.id; set after insert
    Column("size", Integer, nullable=False, default=1),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    # Where the article came from: file path / URL, and the place inside it.
    Column("origin", Text, nullable=False),
    Column("locator", String(200), nullable=False, default=""),
    Column("format", String(20), nullable=False),
    Column("raw_start", Integer, nullable=True),
    Column("raw_end", Integer, nullable=True),
    Column("external_id", Text, nullable=True),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("published", Date, nullable=True),
    Column("published_raw", Text, nullable=True),
    Column("source", Text, nullable=True),
    Column("language", String(12), nullable=True),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("minhash", LargeBinary, nullable=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id"), nullable=False),
    Column("duplicate_kind", String(10), nullable=False, default="original"),
    Column("ingest_run_id", Integer, ForeignKey("ingest_runs.id"), nullable=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Identity of an article: the same text from the same place is the same article, so
    # re-ingesting a file adds nothing, while the same text from another outlet is a copy.
    UniqueConstraint("origin", "locator", "content_hash", name="uq_documents_identity"),
)
Index("ix_documents_content_hash", documents.c.content_hash)
Index("ix_documents_cluster", documents.c.cluster_id)
Index("ix_documents_published", documents.c.published)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("inputs", Text, nullable=False),
    Column("files_read", Integer, nullable=False, default=0),
    Column("articles_new", Integer, nullable=False, default=0),
    Column("articles_known", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
)

skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ingest_run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("locator", String(200), nullable=False, default=""),
    Column("reason", Text, nullable=False),
)
