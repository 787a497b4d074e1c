"""Open a database, write one document's extraction per transaction, and read facts back.

An extraction is either in memory (`Extraction`) or, for a long document, spooled to a file a
chunk at a time (`sitrep.extract.spool.Spooled`); the spooled one is read back a chunk at a
time into the same single transaction, with the same rows in the same order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from sitrep.extract.spool import Spooled
from sitrep.model import Extraction, Fact, Mention
from sitrep.store import schema
from sitrep.store.migrate import migrate

DEFAULT_DB = "sitrep.db"

# The key of each fact kind that names its main state, for `--country` filters.
COUNTRY_KEY = {
    "persons": "country", "organizations": "country", "operations": "country",
    "meetings": "country", "deployments": "country", "commitments": "actor",
    "quotes": "country", "attacks": "location_country",
}
DATE_KEY = {"meetings": "date", "deployments": "as_of", "commitments": "date", "attacks": "date",
            "events": "date"}


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from `--db`, else `SITREP_DB`, else the SQLite file `sitrep.db`."""
    value = db or os.environ.get("SITREP_DB") or DEFAULT_DB
    for bare in ("postgresql://", "postgres://"):  # PostgreSQL goes through psycopg 3
        if value.startswith(bare):
            return "postgresql+psycopg://" + value[len(bare):]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # wait for a concurrent writer, not "locked"
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def open_db(db: str | None = None) -> Engine:
    """Connect, creating the schema and recording its version on first use."""
    url = database_url(db)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)  # new databases are built, older ones upgraded after a backup
    try:
        with engine.begin() as conn:
            key = schema.meta.c.key == "schema_version"
            if conn.execute(select(schema.meta.c.value).where(key)).first() is None:
                conn.execute(insert(schema.meta).values(key="schema_version",
                                                        value=str(schema.SCHEMA_VERSION)))
            else:
                conn.execute(update(schema.meta).where(key).values(
                    value=str(schema.SCHEMA_VERSION)))
    except IntegrityError:
        pass  # another process opening the new database recorded it at the same moment
    return engine


def schema_version(engine: Engine) -> int:
    with engine.connect() as conn:
        value = conn.execute(
            select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
        ).scalar_one()
    return int(value)


def has_document(engine: Engine, doc_hash: str) -> bool:
    with engine.connect() as conn:
        d = schema.documents
        return conn.execute(select(d.c.hash).where(d.c.hash == doc_hash)).first() is not None


def _fact_row(doc_hash: str, fact: Any) -> dict[str, Any]:
    country = fact.data.get(COUNTRY_KEY.get(fact.kind, ""))
    if fact.kind == "events" and fact.data.get("actor"):
        country = fact.data["actor"][0].get("code")  # the first actor's state
    date = fact.data.get(DATE_KEY.get(fact.kind, ""))
    return {
        "doc_hash": doc_hash, "kind": fact.kind,
        "country": country if isinstance(country, str) else None,
        "date": date if isinstance(date, str) else None,
        "data": fact.data, "start": fact.start, "end": fact.end,
        "evidence": fact.evidence, "confidence": fact.confidence,
    }


def _results(extraction: Extraction | Spooled) -> Iterator[tuple[list[Mention], list[Fact]]]:
    """The extraction's (mentions, facts): all at once, or one spooled chunk at a time."""
    if isinstance(extraction, Spooled):
        yield from extraction.records()
    else:
        yield extraction.mentions, extraction.facts


def insert_results(conn: Any, extraction: Extraction | Spooled) -> None:
    """Insert the extraction's mentions and facts, in order, with bulk inserts (one pair per
    spooled chunk) on `conn`, inside the caller's transaction."""
    doc_hash = extraction.document.hash
    for mentions, facts in _results(extraction):
        if mentions:
            conn.execute(insert(schema.mentions),
                         [{"doc_hash": doc_hash, **m.to_dict()} for m in mentions])
        if facts:
            conn.execute(insert(schema.facts), [_fact_row(doc_hash, f) for f in facts])
        del mentions, facts


def discard(extraction: Extraction | Spooled) -> None:
    """Remove a spooled extraction's file (nothing to do for one in memory)."""
    if isinstance(extraction, Spooled):
        extraction.discard()


def store_extraction(engine: Engine, extraction: Extraction | Spooled) -> bool:
    """Store a document with its mentions and facts in one transaction.

    Returns False (and changes nothing) when a document with the same text is already stored.
    A spooled extraction's file is removed afterwards, whether stored, skipped or failed.
    """
    d = extraction.document
    try:
        if has_document(engine, d.hash):
            return False
        try:
            with engine.begin() as conn:
                conn.execute(insert(schema.documents).values(
                    hash=d.hash, id=d.id, title=d.title, url=d.url, published=d.published,
                    publisher=d.publisher, source=d.source, text=d.text,
                    ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                ))
                insert_results(conn, extraction)
        except IntegrityError:
            return False  # stored meanwhile by a concurrent ingest
        return True
    finally:
        discard(extraction)


def query_facts(
    engine: Engine,
    kind: str,
    country: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Facts of one kind, with their document id and evidence, newest documents first."""
    f, d = schema.facts, schema.documents
    q = (
        select(f.c.pk, f.c.kind, f.c.data, f.c.country, f.c.date, f.c.start, f.c.end,
               f.c.evidence, f.c.confidence, d.c.id.label("document"), d.c.published)
        .join(d, d.c.hash == f.c.doc_hash)
        .where(f.c.kind == kind)
        .order_by(d.c.published.desc().nulls_last(), f.c.pk)  # same order on every backend
    )
    if country:
        q = q.where(f.c.country == country.upper())
    if limit:
        q = q.limit(limit)
    with engine.connect() as conn:
        for row in _newest_first(conn, q, limit):
            yield dict(row._mapping)


def _newest_first(conn: Any, q: Any, limit: int | None) -> Any:
    """Run `q` (facts joined to their documents, ordered by published date, newest first);
    with a limit, first over only the
    newest documents (all of those dated on or after the Nth newest), widening until the
    limit is met: the same rows, without sorting every fact of the kind."""
    d = schema.documents
    window = (limit or 0) * 20
    while limit and window <= 20_000:
        cut = conn.execute(select(d.c.published).where(d.c.published.is_not(None))
                           .order_by(d.c.published.desc()).limit(1).offset(window - 1)).scalar()
        if cut is None:
            break
        # Said twice, for the two planners: SQLite starts from the newest documents' hashes,
        # PostgreSQL from the range of its published-date index. The date is written into the
        # statement: a prepared statement's generic plan is blind to how few documents it keeps.
        since = bindparam("newest_from", cut, literal_execute=True)
        newest = select(d.c.hash).where(d.c.published >= since).scalar_subquery()
        rows = conn.execute(q.where(d.c.published >= since,
                                    schema.facts.c.doc_hash.in_(newest))).all()
        if len(rows) >= limit:
            return rows
        window *= 8
    return conn.execute(q)


def counts(engine: Engine) -> dict[str, int]:
    """Number of documents, mentions and facts of each kind: read from `row_counts`, which
    triggers keep (migration 0004); counted from the tables in a database without it."""
    rc = schema.row_counts
    out: dict[str, int] = {"documents": 0, "mentions": 0}
    with engine.connect() as conn:
        try:
            rows = conn.execute(select(rc.c.tbl, rc.c.kind, rc.c.n).where(rc.c.n > 0)
                                .order_by(rc.c.tbl, rc.c.kind)).all()
        except DBAPIError:  # not upgraded (opened without open_db): no row_counts table
            conn.rollback()
            return _count_rows(conn)
    for tbl, kind, n in rows:
        out[kind if tbl == "facts" else tbl] = n
    return out


def _count_rows(conn: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in (schema.documents, schema.mentions):
        out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    kind = schema.facts.c.kind
    for name, n in conn.execute(select(kind, func.count()).group_by(kind)):
        out[name] = n
    return out


def store_version(engine: Engine) -> tuple[Any, ...]:
    """The store's fingerprint, read with one statement of index lookups: the newest fact pk
    (a new or re-extracted document adds facts with higher pks), the newest document ingest
    time (a re-extraction that leaves no facts still stamps its document) and the
    corrections' count and newest pk. It changes whenever facts, documents or corrections do."""
    f, d, c = schema.facts, schema.documents, schema.corrections
    q = select(select(func.max(f.c.pk)).scalar_subquery(),
               select(func.max(d.c.ingested_at)).scalar_subquery(),
               select(func.count()).select_from(c).scalar_subquery(),
               select(func.max(c.c.pk)).scalar_subquery())
    with engine.connect() as conn:
        return tuple(conn.execute(q).one())
