"""Statements about actors read from text: mentions, relations and claims, candidate actors.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _evidence_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("actor_id", sa.String(120), nullable=False),
        *_evidence_columns(),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "document_id",
            "char_start",
            "char_end",
            "actor_id",
            "extractor",
            name="uq_actor_mentions",
        ),
    )
    op.create_index("ix_actor_mentions_actor", "actor_mentions", ["actor_id"])
    op.create_index("ix_actor_mentions_document", "actor_mentions", ["document_id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("predicate", sa.String(40), nullable=False),
        sa.Column("subject_id", sa.String(120), nullable=True),
        sa.Column("subject_text", sa.Text, nullable=False),
        sa.Column("object_id", sa.String(120), nullable=True),
        sa.Column("object_text", sa.Text, nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("speaker_id", sa.String(120), nullable=True),
        sa.Column("speaker_text", sa.Text, nullable=False),
        sa.Column("statement_date", sa.Date, nullable=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=True),
        *_evidence_columns(),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
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
    op.create_index("ix_statements_subject", "statements", ["subject_id"])
    op.create_index("ix_statements_object", "statements", ["object_id"])
    op.create_index("ix_statements_event", "statements", ["event_id"])
    op.create_index("ix_statements_document", "statements", ["document_id"])
    op.create_table(
        "actor_candidates",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("country", sa.String(80), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        *_evidence_columns(),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("actor_candidates")
    op.drop_table("statements")
    op.drop_table("actor_mentions")
