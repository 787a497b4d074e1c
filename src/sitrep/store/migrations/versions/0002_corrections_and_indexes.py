"""Analyst corrections, wider actor ids in facts.country, indexes for the web pages.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Databases made between releases may already hold some of this: add only what is missing.
    inspector = sa.inspect(op.get_bind())
    tables = set(inspector.get_table_names())
    indexes = {i["name"] for t in ("facts", "mentions") for i in inspector.get_indexes(t)}
    if "corrections" not in tables:
        _create_corrections()
    with op.batch_alter_table("facts") as batch:
        batch.alter_column("country", type_=sa.String(64), existing_type=sa.String(8))
    for name, table, cols in (
        ("ix_facts_kind_confidence", "facts", ["kind", "confidence"]),
        ("ix_mentions_kind_code", "mentions", ["kind", "code", "doc_hash"]),
        ("ix_mentions_type_canonical", "mentions", ["type", "canonical", "doc_hash"]),
    ):
        if name not in indexes:
            op.create_index(name, table, cols)
    op.execute("UPDATE sitrep_meta SET value = '2' WHERE key = 'schema_version'")


def _create_corrections() -> None:
    op.create_table(
        "corrections",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("doc_hash", sa.String(64)),
        sa.Column("kind", sa.String(16)),
        sa.Column("fact_key", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("field", sa.Text),
        sa.Column("value", sa.JSON),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_corrections_doc_hash", "corrections", ["doc_hash"])


def downgrade() -> None:
    op.drop_index("ix_mentions_type_canonical", "mentions")
    op.drop_index("ix_mentions_kind_code", "mentions")
    op.drop_index("ix_facts_kind_confidence", "facts")
    with op.batch_alter_table("facts") as batch:
        batch.alter_column("country", type_=sa.String(8), existing_type=sa.String(64))
    op.drop_table("corrections")
