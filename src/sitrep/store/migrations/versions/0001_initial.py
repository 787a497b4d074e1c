"""The first released schema (sitrep_meta schema_version 1): documents, mentions, facts.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sitrep_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("publisher", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_id", "documents", ["id"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_hash", sa.String(64),
                  sa.ForeignKey("documents.hash", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("code", sa.String(64)),
        sa.Column("sector", sa.String(8)),
        sa.Column("canonical", sa.Text),
        sa.Column("kind", sa.String(16)),
    )
    op.create_index("ix_mentions_doc_hash", "mentions", ["doc_hash"])
    op.create_table(
        "facts",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_hash", sa.String(64),
                  sa.ForeignKey("documents.hash", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("date", sa.String(10)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
    )
    op.create_index("ix_facts_doc_hash", "facts", ["doc_hash"])
    op.create_index("ix_facts_kind_country", "facts", ["kind", "country"])
    op.create_index("ix_facts_kind_date", "facts", ["kind", "date"])


def downgrade() -> None:
    for table in ("facts", "mentions", "documents", "sitrep_meta"):
        op.drop_table(table)
