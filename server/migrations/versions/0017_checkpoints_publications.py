"""Signed verification checkpoints, the archive of what visitors were shown, and
an index that finds ledger events without scanning every decision.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

EVENTS = "action IN ('erase', 'purge', 'published')"


def upgrade() -> None:
    op.create_table(
        "ledger_checkpoint",
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_table(
        "ledger_publication",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index(
        "ix_consent_record_events",
        "consent_record",
        ["action"],
        sqlite_where=sa.text(EVENTS),
        postgresql_where=sa.text(EVENTS),
    )


def downgrade() -> None:
    op.drop_index("ix_consent_record_events", table_name="consent_record")
    op.drop_table("ledger_publication")
    op.drop_table("ledger_checkpoint")
