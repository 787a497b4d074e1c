"""Stored pictures and timelines, read back while the store is unchanged (picture/stored.py).

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "stored_answers" not in set(sa.inspect(op.get_bind()).get_table_names()):
        op.create_table(
            "stored_answers",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("question", sa.Text, nullable=False),
            sa.Column("version", sa.Text, nullable=False),
            sa.Column("status", sa.String(8), nullable=False),
            sa.Column("body", sa.Text, nullable=False),
            sa.Column("created_at", sa.String(32), nullable=False),
        )
    op.execute("UPDATE sitrep_meta SET value = '5' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("stored_answers")
    op.execute("UPDATE sitrep_meta SET value = '4' WHERE key = 'schema_version'")
