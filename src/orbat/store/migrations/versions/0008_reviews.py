"""Analysts' reviews of events, relations and claims, stored beside machine output (issue 14).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target", sa.String(10), nullable=False),
        sa.Column("target_key", sa.String(400), nullable=False),
        sa.Column("target_id", sa.Integer, nullable=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("char_start", sa.Integer, nullable=True),
        sa.Column("char_end", sa.Integer, nullable=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("field", sa.String(40), nullable=True),
        sa.Column("old_value", sa.Text, nullable=True),
        sa.Column("new_value", sa.Text, nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("reviewer", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_target", "reviews", ["target", "target_key"])
    op.create_index("ix_reviews_document", "reviews", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_reviews_document", table_name="reviews")
    op.drop_index("ix_reviews_target", table_name="reviews")
    op.drop_table("reviews")
