"""The database schema: documents, mentions and facts, each fact with its evidence."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "sitrep_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("id", Text, nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("publisher", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_hash", String(64), ForeignKey("documents.hash", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("code", String(64)),
    Column("sector", String(8)),
    Column("canonical", Text),
    Column("kind", String(16)),
)

facts = Table(
    "facts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_hash", String(64), ForeignKey("documents.hash", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),  # the fact's main state, for filtering
    Column("date", String(10)),  # the fact's date, where it has one
    Column("data", JSON, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_facts_kind_country", "kind", "country"),
    Index("ix_facts_kind_date", "kind", "date"),
)
