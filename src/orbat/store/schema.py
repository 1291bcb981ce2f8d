"""The database schema, as SQLAlchemy Core tables (the migrations create exactly these)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
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

__all__ = [
    "clusters",
    "documents",
    "event_mentions",
    "events",
    "extraction_runs",
    "ingest_runs",
    "metadata",
    "skips",
]

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


def _coding_columns() -> list[Column[object]]:
    """ACLED's coding columns, shared by an event and each source's mention of it."""
    return [
        Column("event_date", Date, nullable=True),
        Column("time_precision", Integer, nullable=False),
        Column("disorder_type", String(60), nullable=False),
        Column("event_type", String(40), nullable=False),
        Column("sub_event_type", String(60), nullable=False),
        Column("actor1", Text, nullable=True),
        Column("assoc_actor_1", Text, nullable=True),
        Column("inter1", Integer, nullable=True),
        Column("actor2", Text, nullable=True),
        Column("assoc_actor_2", Text, nullable=True),
        Column("inter2", Integer, nullable=True),
        Column("interaction", Integer, nullable=True),
        Column("civilian_targeting", String(40), nullable=True),
        Column("country", String(80), nullable=True),
        Column("admin1", String(120), nullable=True),
        Column("admin2", String(120), nullable=True),
        Column("admin3", String(120), nullable=True),
        Column("location", String(200), nullable=True),
        Column("latitude", Float, nullable=True),
        Column("longitude", Float, nullable=True),
        Column("geo_precision", Integer, nullable=True),
        Column("place_id", String(40), nullable=True),
        Column("notes", Text, nullable=False),
        Column("fatalities", Integer, nullable=True),
    ]


# An event: the merged view of every source's mention of it. ``event_key`` (date, place, type)
# is what makes five outlets' reports of one strike one event.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_key", String(300), nullable=False, unique=True),
    *_coding_columns(),
    Column("source", Text, nullable=True),
    Column("source_scale", String(40), nullable=True),
    # Every distinct figure the sources give ("22; 12"): the disagreement stays visible.
    Column("fatalities_reported", Text, nullable=True),
    Column("contested", Boolean, nullable=False),
    Column("mention_count", Integer, nullable=False),
    Column("extractor", String(60), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_date", events.c.event_date)
Index("ix_events_type", events.c.event_type, events.c.sub_event_type)

# One source's report of an event, with the evidence span and what that source says.
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    *_coding_columns(),
    Column("stance", String(20), nullable=False),
    Column("extractor", String(60), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "document_id",
        "char_start",
        "char_end",
        "place_id",
        "extractor",
        name="uq_event_mentions_evidence",
    ),
)
Index("ix_event_mentions_event", event_mentions.c.event_id)
Index("ix_event_mentions_document", event_mentions.c.document_id)

# Which documents an extractor version has already processed: re-runs skip them, and a new
# extractor version re-extracts.
extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("extractor", String(60), primary_key=True),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
)
