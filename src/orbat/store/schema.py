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
    "actor_candidates",
    "actor_mentions",
    "alert_cursor",
    "alerts",
    "clusters",
    "documents",
    "event_mentions",
    "events",
    "extraction_runs",
    "extraction_skips",
    "ingest_runs",
    "metadata",
    "reviews",
    "skips",
    "statements",
    "watch_feeds",
    "watch_pages",
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
    # What the reader kept beside the text, as JSON (migration 0007): a Telegram post's
    # forwarded-from and reply-to, a dump's captions and source list...
    Column("extra", Text, nullable=True),
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
    # How sure the extraction is, 0-1 (orbat.extract.confidence; migration 0006): the best of
    # its mentions'. Sorts review queues; exported beside ACLED's columns.
    Column("confidence", Float, nullable=True),
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
    Column("confidence", Float, nullable=True),
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

# Documents an extractor version passed over (migration 0005): too long, over the time budget,
# or the extractors raised. The document keeps its ``extraction_runs`` row too (so no stage
# retries it, and alerting moves past it); this row says why it has nothing extracted.
extraction_skips = Table(
    "extraction_skips",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("extractor", String(60), primary_key=True),
    Column("kind", String(20), nullable=False),  # too-long | timeout | error
    Column("reason", Text, nullable=False),
    Column("skipped_at", DateTime(timezone=True), nullable=False),
)


# -- statements about actors read from text (migration 0003) ---------------------------------
# Actor ids are the pack's ids, or ``candidate:<slug>`` for groups found in text (see
# actor_candidates); they are strings, not foreign keys, because the pack lives in data files.

# A span of text naming an actor.
actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", String(120), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("extractor", String(60), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "document_id", "char_start", "char_end", "actor_id", "extractor", name="uq_actor_mentions"
    ),
)
Index("ix_actor_mentions_actor", actor_mentions.c.actor_id)
Index("ix_actor_mentions_document", actor_mentions.c.document_id)

# A relation ("a front for Kataib Hezbollah") or a claim ("claimed responsibility", "denied")
# as one sentence states it: sourced, dated, with the text's stance. Conflicting statements
# coexist; nothing is merged away.
statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),  # relation | claim
    Column("predicate", String(40), nullable=False),
    Column("subject_id", String(120), nullable=True),
    Column("subject_text", Text, nullable=False, default=""),
    Column("object_id", String(120), nullable=True),
    Column("object_text", Text, nullable=False, default=""),
    Column("stance", String(20), nullable=False),
    Column("speaker_id", String(120), nullable=True),
    Column("speaker_text", Text, nullable=False, default=""),
    Column("statement_date", Date, nullable=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("extractor", String(60), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "document_id",
        "char_start",
        "char_end",
        "kind",
        "predicate",
        "subject_text",
        "object_text",
        "extractor",
        name="uq_statements_evidence",
    ),
)
Index("ix_statements_subject", statements.c.subject_id)
Index("ix_statements_object", statements.c.object_id)
Index("ix_statements_event", statements.c.event_id)
Index("ix_statements_document", statements.c.document_id)

# An armed group the pack does not know, found in text and awaiting review. Later mentions
# resolve to it by id; the first evidence is kept here, every mention in actor_mentions.
actor_candidates = Table(
    "actor_candidates",
    metadata,
    Column("id", String(120), primary_key=True),  # candidate:<slug>
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("country", String(80), nullable=True),
    # candidate (awaiting review), accepted or rejected
    Column("status", String(20), nullable=False, default="candidate"),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("extractor", String(60), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)


# -- analysts' reviews (migration 0008) --------------------------------------------------------
# One row per analyst decision: confirm, reject, correct (one field), merge, split. Machine output
# is never changed; readers lay the reviews over it (orbat.read.reviews). A review names its
# target by a key that survives re-extraction (an event's ``event_key``, a statement's evidence
# key; see orbat.store.reviews), and keeps the first evidence span of the target as an anchor,
# so a newer extractor that re-derives the target under another key finds its reviews again.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("target", String(10), nullable=False),  # event | relation | claim
    Column("target_key", String(400), nullable=False),
    Column("target_id", Integer, nullable=True),  # the id when reviewed (ids can change)
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("char_start", Integer, nullable=True),
    Column("char_end", Integer, nullable=True),
    Column("action", String(10), nullable=False),  # confirm | reject | correct | merge | split
    Column("field", String(40), nullable=True),
    Column("old_value", Text, nullable=True),
    Column("new_value", Text, nullable=True),
    # JSON: the columns a correction sets beyond its field (a place's admin1 and coordinates),
    # or the mentions a split takes out.
    Column("detail", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("reviewer", String(120), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_reviews_target", reviews.c.target, reviews.c.target_key)
Index("ix_reviews_document", reviews.c.document_id)


# -- live monitoring: feed polling state and alerts (migration 0004) --------------------------
# Everything `orbat watch` must remember across restarts lives here, so a restarted watcher
# resumes: conditional-request validators and backoff per feed, every page fetched (never
# refetched), every alert sent (never sent twice), and how far alerting has read.

# One polled feed: its validators (ETag / Last-Modified) and its schedule.
watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("last_polled_at", DateTime(timezone=True), nullable=True),
    Column("last_status", String(40), nullable=True),  # ok | not-modified | error kind
    Column("last_error", Text, nullable=True),
    # Consecutive failures: the backoff exponent; 0 after a success.
    Column("failures", Integer, nullable=False, default=0),
    Column("next_due_at", DateTime(timezone=True), nullable=True),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# One article page linked from a feed: fetched once; a failed fetch is retried with backoff.
watch_pages = Table(
    "watch_pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("feed_id", Integer, ForeignKey("watch_feeds.id"), nullable=False),
    # pending | stored | empty (no article text) | refused (robots, SSRF, not HTML) | failed
    Column("status", String(20), nullable=False),
    Column("http_status", Integer, nullable=True),
    Column("reason", Text, nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_due_at", DateTime(timezone=True), nullable=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=True),
)
Index("ix_watch_pages_status", watch_pages.c.status)

# One alert: a rule that fired on an event (or a new candidate actor). The unique key is what
# guarantees a rule never fires twice for the same thing; ``delivered_at`` stays empty until
# every output took it, so a crash or a failing webhook is retried, not forgotten.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule", String(120), nullable=False),
    Column("subject_kind", String(20), nullable=False),  # event | actor
    # The event's key (date|place|type), stable when events are re-derived, or the actor id.
    Column("subject_id", String(300), nullable=False),
    # Not a foreign key: a newer extractor may re-derive an event away; the alert stays, with
    # its payload as delivered.
    Column("event_id", Integer, nullable=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("payload", Text, nullable=False),  # the alert as delivered (JSON)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("delivery_error", Text, nullable=True),
    UniqueConstraint("rule", "subject_kind", "subject_id", name="uq_alerts_rule_subject"),
)
Index("ix_alerts_created", alerts.c.created_at)

# How far alerting has read: documents up to ``document_id`` have been evaluated.
alert_cursor = Table(
    "alert_cursor",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("document_id", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
