"""The database schema: documents, mentions and facts, each fact with its evidence."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
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

SCHEMA_VERSION = 5  # the last migration's number (store/migrations/versions)

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
    Index("ix_documents_ingested_at", "ingested_at"),  # web: has the store changed? (0003)
)
# 0004, per backend (the same name and columns on both, as the migration creates them):
# newest first with undated documents last, which PostgreSQL reads only off a DESC NULLS LAST
# index (SQLite: published DESC); and search by title or id, a trigram GIN index on
# PostgreSQL (ILIKE '%words%'), on SQLite a (title, id) index the search scans.
Index("ix_documents_published_desc", documents.c.published.desc().nulls_last()).ddl_if(
    dialect="postgresql")
Index("ix_documents_search", documents.c.title, documents.c.id, postgresql_using="gin",
      postgresql_ops={"title": "gin_trgm_ops", "id": "gin_trgm_ops"}).ddl_if(
    dialect="postgresql")

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
    Index("ix_mentions_kind_code", "kind", "code", "doc_hash"),  # web home: groups tracked
    Index("ix_mentions_type_canonical", "type", "canonical", "doc_hash"),  # and operations
)

facts = Table(
    "facts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_hash", String(64), ForeignKey("documents.hash", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("country", String(64)),  # the fact's main state or actor id, for filtering
    Column("date", String(10)),  # the fact's date, where it has one
    Column("data", JSON, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_facts_kind_country", "kind", "country"),
    Index("ix_facts_kind_date", "kind", "date"),
    Index("ix_facts_kind_confidence", "kind", "confidence"),  # web: review, sorted tables
    Index("ix_facts_kind_pk", "kind", "pk"),  # 0003: sorted and paged fact tables
    Index("ix_facts_country_pk", "country", "pk"),  # 0004 (was country, kind): by country
    Index("ix_facts_date", "date"),
    Index("ix_facts_confidence", "confidence"),
)
# 0004: facts by date or country, descending with empty values last, then pk (on SQLite the
# migration makes them as col DESC, pk DESC, the same order there)
Index("ix_facts_date_desc", facts.c.date.desc().nulls_last(), facts.c.pk.desc()).ddl_if(
    dialect="postgresql")
Index("ix_facts_country_desc", facts.c.country.desc().nulls_last(), facts.c.pk.desc()).ddl_if(
    dialect="postgresql")

# 0004: the number of documents, mentions and facts of each kind (`kind` '' for the first
# two), kept by triggers in the writing transaction; read by `store.db.counts`.
row_counts = Table(
    "row_counts",
    metadata,
    Column("tbl", String(16), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

# Analyst corrections, kept apart from extracted facts and applied on read (sitrep.picture).
# A fact is named by content (doc_hash, kind, fact_key), never by pk, so a correction still
# applies after the document is re-extracted; actor merges and splits name actor ids.
corrections = Table(
    "corrections",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # reject, edit, merge, split
    Column("doc_hash", String(64), index=True),
    Column("kind", String(16)),
    Column("fact_key", Text),
    Column("target", Text),  # actor id (merge, split)
    Column("field", Text),  # edited field (edit); merged actor id or split name
    Column("value", JSON),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
)

# 0005: pictures and timelines as `to_dict()` JSON, with the store fingerprint they were built
# from, so a new process answers without consolidating again (sitrep.picture.stored).
stored_answers = Table(
    "stored_answers",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the question
    Column("question", Text, nullable=False),  # e.g. ["picture", "CAN"]
    Column("version", Text, nullable=False),
    Column("status", String(8), nullable=False),  # ok, or missing: no actor matches
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)
