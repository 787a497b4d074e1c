"""Indexes for queries at size: the web's store fingerprint, sorted and paged fact tables.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_documents_ingested_at", "documents", ["ingested_at"]),  # web: has the store changed?
    ("ix_facts_kind_pk", "facts", ["kind", "pk"]),  # facts of a kind, newest first, paged
    ("ix_facts_country_kind", "facts", ["country", "kind"]),  # country filter, its choices
    ("ix_facts_date", "facts", ["date"]),  # sorted by date, date ranges of every kind
    ("ix_facts_confidence", "facts", ["confidence"]),  # sorted by confidence, ranges
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = {i["name"] for t in ("documents", "facts") for i in inspector.get_indexes(t)}
    for name, table, cols in INDEXES:
        if name not in existing:
            op.create_index(name, table, cols)
            if op.get_bind().dialect.name == "sqlite":
                op.execute(f"ANALYZE {name}")  # the planner needs its statistics
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE documents")
        op.execute("ANALYZE facts")
    op.execute("UPDATE sitrep_meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table)
    op.execute("UPDATE sitrep_meta SET value = '2' WHERE key = 'schema_version'")
