"""The decision's client-made idempotency key, so a retried post stores nothing twice.

Revision ID: 0016
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch rebuild): older records keep NULL, which a
    # unique index allows any number of times on SQLite and PostgreSQL.
    op.add_column("consent_record", sa.Column("request_key", sa.String(length=36), nullable=True))
    op.create_index("ix_consent_record_request_key", "consent_record", ["request_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_consent_record_request_key", table_name="consent_record")
    with op.batch_alter_table("consent_record") as batch:
        batch.drop_column("request_key")
