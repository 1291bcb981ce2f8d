"""Confidence of each event mention and event (orbat.extract.confidence).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_mentions") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("confidence")
    with op.batch_alter_table("event_mentions") as batch:
        batch.drop_column("confidence")
