"""Queries at size: row counts kept by triggers, a document search index, newest-first indexes.

- `row_counts` holds the number of documents, mentions and facts of each kind, kept by
  triggers in the writing transaction, so `counts()` (the summary, the web home) reads a
  dozen rows instead of counting every row. It is filled from the tables once, here.
  SQLite: row triggers. PostgreSQL: statement triggers over transition tables that take one
  transaction-level advisory lock first, so concurrent writers update the counters one at a
  time, never in opposite orders (no deadlock); TRUNCATE clears the table's counters.
- `ix_documents_search`, for document search by title or id: on PostgreSQL a trigram GIN
  index (pg_trgm) that ILIKE '%words%' uses; on SQLite a (title, id) index the search scans
  instead of the documents' rows (the text makes those large).
- `ix_facts_date_desc`, `ix_facts_country_desc`, `ix_documents_published_desc`: on
  PostgreSQL, where a plain index read backwards gives NULLS FIRST, the facts table's
  descending orders with empty values last need (col DESC NULLS LAST, pk DESC); on SQLite,
  where NULLs sort first, (col DESC, pk DESC) is that order already (the same columns under
  the same name, which there duplicate a plain index read backwards).
- `ix_facts_country_pk` (country, pk) replaces (country, kind): the facts of a country in pk
  order (the table's default sort) and sorted by country ascending are read off it; a
  country and a kind together use (kind, country).

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COUNT_LOCK = 7_431_006  # PostgreSQL advisory lock held by a transaction updating row_counts

SQLITE_INDEXES = (
    ("ix_facts_country_pk", "facts", "(country, pk)"),
    ("ix_facts_country_desc", "facts", "(country DESC, pk DESC)"),
    ("ix_facts_date_desc", "facts", "(date DESC, pk DESC)"),
    ("ix_documents_published_desc", "documents", "(published DESC)"),
    ("ix_documents_search", "documents", "(title, id)"),
)
POSTGRESQL_INDEXES = (
    ("ix_facts_country_pk", "facts", "(country, pk)"),
    ("ix_facts_country_desc", "facts", "(country DESC NULLS LAST, pk DESC)"),
    ("ix_facts_date_desc", "facts", "(date DESC NULLS LAST, pk DESC)"),
    ("ix_documents_published_desc", "documents", "(published DESC NULLS LAST)"),
    ("ix_documents_search", "documents", "USING gin (title gin_trgm_ops, id gin_trgm_ops)"),
)

SQLITE_TRIGGERS = """
CREATE TRIGGER trg_documents_count_insert AFTER INSERT ON documents BEGIN
  INSERT INTO row_counts (tbl, kind, n) VALUES ('documents', '', 1)
  ON CONFLICT (tbl, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER trg_documents_count_delete AFTER DELETE ON documents BEGIN
  UPDATE row_counts SET n = n - 1 WHERE tbl = 'documents' AND kind = '';
END;
CREATE TRIGGER trg_mentions_count_insert AFTER INSERT ON mentions BEGIN
  INSERT INTO row_counts (tbl, kind, n) VALUES ('mentions', '', 1)
  ON CONFLICT (tbl, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER trg_mentions_count_delete AFTER DELETE ON mentions BEGIN
  UPDATE row_counts SET n = n - 1 WHERE tbl = 'mentions' AND kind = '';
END;
CREATE TRIGGER trg_facts_count_insert AFTER INSERT ON facts BEGIN
  INSERT INTO row_counts (tbl, kind, n) VALUES ('facts', NEW.kind, 1)
  ON CONFLICT (tbl, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER trg_facts_count_delete AFTER DELETE ON facts BEGIN
  UPDATE row_counts SET n = n - 1 WHERE tbl = 'facts' AND kind = OLD.kind;
END;
CREATE TRIGGER trg_facts_count_update AFTER UPDATE OF kind ON facts
WHEN OLD.kind IS NOT NEW.kind BEGIN
  UPDATE row_counts SET n = n - 1 WHERE tbl = 'facts' AND kind = OLD.kind;
  INSERT INTO row_counts (tbl, kind, n) VALUES ('facts', NEW.kind, 1)
  ON CONFLICT (tbl, kind) DO UPDATE SET n = n + 1;
END;
"""

def _postgresql_function(name: str, kind: str, group: str) -> str:
    """A statement trigger's function: the rows counted per `kind` expression ('' for
    documents and mentions, the fact kind for facts) are added to or taken from row_counts."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({COUNT_LOCK});
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM row_counts WHERE tbl = TG_TABLE_NAME;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE row_counts r SET n = r.n - d.n
    FROM (SELECT {kind} AS kind, count(*) AS n FROM old_rows {group}) d
    WHERE r.tbl = TG_TABLE_NAME AND r.kind = d.kind;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO row_counts (tbl, kind, n)
    SELECT TG_TABLE_NAME, d.kind, d.n
    FROM (SELECT {kind} AS kind, count(*) AS n FROM new_rows {group}) d
    WHERE d.n > 0 ORDER BY d.kind
    ON CONFLICT (tbl, kind) DO UPDATE SET n = row_counts.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END $$
"""


POSTGRESQL_FUNCTIONS = (
    _postgresql_function("sitrep_count_rows", "''", ""),
    _postgresql_function("sitrep_count_facts", "kind", "GROUP BY kind"),
)


def _postgresql_triggers(table: str) -> list[str]:
    fn = "sitrep_count_facts" if table == "facts" else "sitrep_count_rows"
    out = [
        f"CREATE TRIGGER trg_{table}_count_insert AFTER INSERT ON {table} "
        f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER trg_{table}_count_delete AFTER DELETE ON {table} "
        f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        f"CREATE TRIGGER trg_{table}_count_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
    ]
    if table == "facts":
        out.append(
            "CREATE TRIGGER trg_facts_count_update AFTER UPDATE ON facts "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
    return out


def _trigram_extension(bind: sa.Connection) -> bool:
    """pg_trgm installed (a trusted extension: the database owner may create it); False,
    leaving the database as it was, where this role may not."""
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    inspector = sa.inspect(bind)
    tables = set(inspector.get_table_names())
    existing = {i["name"] for t in ("documents", "facts") for i in inspector.get_indexes(t)}

    if "row_counts" not in tables:
        op.create_table(
            "row_counts",
            sa.Column("tbl", sa.String(16), primary_key=True),
            sa.Column("kind", sa.String(16), primary_key=True),
            sa.Column("n", sa.BigInteger, nullable=False),
        )
    # Triggers first: on PostgreSQL, creating them locks out writers until this commits, so
    # the counts taken below are not overtaken by a concurrent insert.
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS.split("END;"):
            if statement.strip():
                op.execute(statement + "END;")
    elif dialect == "postgresql":
        for function in POSTGRESQL_FUNCTIONS:
            op.execute(function)
        for table in ("documents", "mentions", "facts"):
            for statement in _postgresql_triggers(table):
                op.execute(statement)
    op.execute("DELETE FROM row_counts")
    op.execute("INSERT INTO row_counts (tbl, kind, n) "
               "SELECT 'documents', '', count(*) FROM documents")
    op.execute("INSERT INTO row_counts (tbl, kind, n) "
               "SELECT 'mentions', '', count(*) FROM mentions")
    op.execute("INSERT INTO row_counts (tbl, kind, n) "
               "SELECT 'facts', kind, count(*) FROM facts GROUP BY kind")

    indexes = POSTGRESQL_INDEXES if dialect == "postgresql" else SQLITE_INDEXES
    if dialect == "postgresql" and not _trigram_extension(bind):
        indexes = tuple(i for i in indexes if i[0] != "ix_documents_search")  # search scans
    for name, table, columns in indexes:
        if name not in existing:
            op.execute(f"CREATE INDEX {name} ON {table} {columns}")
    if "ix_facts_country_kind" in existing:
        op.drop_index("ix_facts_country_kind", "facts")
    if dialect == "sqlite":
        op.execute("ANALYZE")  # the planner needs the new indexes' statistics
    elif dialect == "postgresql":
        op.execute("ANALYZE documents")
        op.execute("ANALYZE facts")
    op.execute("UPDATE sitrep_meta SET value = '4' WHERE key = 'schema_version'")


def downgrade() -> None:
    bind = op.get_bind()
    existing = {i["name"] for t in ("documents", "facts") for i in sa.inspect(bind).get_indexes(t)}
    if "ix_facts_country_kind" not in existing:
        op.create_index("ix_facts_country_kind", "facts", ["country", "kind"])
    for name, table, _columns in reversed(SQLITE_INDEXES):
        if name in existing:
            op.drop_index(name, table)
    if bind.dialect.name == "postgresql":
        for table in ("documents", "mentions", "facts"):
            for event in ("insert", "delete", "truncate", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_count_{event} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS sitrep_count_rows()")
        op.execute("DROP FUNCTION IF EXISTS sitrep_count_facts()")
    else:
        for table in ("documents", "mentions", "facts"):
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_count_{event}")
    op.drop_table("row_counts")
    op.execute("UPDATE sitrep_meta SET value = '3' WHERE key = 'schema_version'")
