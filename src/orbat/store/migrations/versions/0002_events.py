"""Events coded ACLED's way, and the mentions (with evidence) that each source gives of them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _coding_columns() -> list[sa.Column[object]]:
    """The ACLED coding both of an event and of each source's mention of it."""
    return [
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("time_precision", sa.Integer, nullable=False),
        sa.Column("disorder_type", sa.String(60), nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("sub_event_type", sa.String(60), nullable=False),
        sa.Column("actor1", sa.Text, nullable=True),
        sa.Column("assoc_actor_1", sa.Text, nullable=True),
        sa.Column("inter1", sa.Integer, nullable=True),
        sa.Column("actor2", sa.Text, nullable=True),
        sa.Column("assoc_actor_2", sa.Text, nullable=True),
        sa.Column("inter2", sa.Integer, nullable=True),
        sa.Column("interaction", sa.Integer, nullable=True),
        sa.Column("civilian_targeting", sa.String(40), nullable=True),
        sa.Column("country", sa.String(80), nullable=True),
        sa.Column("admin1", sa.String(120), nullable=True),
        sa.Column("admin2", sa.String(120), nullable=True),
        sa.Column("admin3", sa.String(120), nullable=True),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("geo_precision", sa.Integer, nullable=True),
        sa.Column("place_id", sa.String(40), nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("fatalities", sa.Integer, nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_key", sa.String(300), nullable=False, unique=True),
        *_coding_columns(),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("source_scale", sa.String(40), nullable=True),
        sa.Column("fatalities_reported", sa.Text, nullable=True),
        sa.Column("contested", sa.Boolean, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_events_date", "events", ["event_date"])
    op.create_index("ix_events_type", "events", ["event_type", "sub_event_type"])
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        *_coding_columns(),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "document_id",
            "char_start",
            "char_end",
            "place_id",
            "extractor",
            name="uq_event_mentions_evidence",
        ),
    )
    op.create_index("ix_event_mentions_event", "event_mentions", ["event_id"])
    op.create_index("ix_event_mentions_document", "event_mentions", ["document_id"])
    op.create_table(
        "extraction_runs",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("extractor", sa.String(60), primary_key=True),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("extraction_runs")
    op.drop_table("event_mentions")
    op.drop_table("events")
