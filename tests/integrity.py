"""Helpers for the crash and concurrency tests: what a database holds per document, the
invariants a consistent store keeps, and the `sitrep` command as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from sitrep.store import schema
from sitrep.store.db import database_url

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "sample"
SAMPLE_FILES = sorted(str(p) for p in SAMPLE.glob("*.txt"))
SITREP = str(Path(sys.executable).with_name("sitrep"))


def per_document(url: str) -> dict[str, Counter]:
    """For each stored document hash: its number of mentions and of facts of each kind."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("documents"):
                return {}  # not created yet
            out: dict[str, Counter] = {h: Counter() for h in conn.scalars(
                select(schema.documents.c.hash))}
            m, f = schema.mentions, schema.facts
            for doc, n in conn.execute(select(m.c.doc_hash, func.count()).group_by(m.c.doc_hash)):
                out.setdefault(doc, Counter())["mentions"] = n
            for doc, kind, n in conn.execute(
                    select(f.c.doc_hash, f.c.kind, func.count()).group_by(f.c.doc_hash, f.c.kind)):
                out.setdefault(doc, Counter())[kind] = n
    finally:
        engine.dispose()
    return out


def document_count(url: str) -> int:
    """Stored documents; 0 while the schema does not exist yet."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(schema.documents)) or 0
    except DBAPIError:
        return 0
    finally:
        engine.dispose()


def assert_consistent(url: str, expected: dict[str, Counter]) -> int:
    """Every stored document is one of `expected` with exactly its mentions and facts (so no
    document lacks its facts and nothing is stored twice); no orphan rows; on SQLite the file
    passes `integrity_check`. Returns the number of stored documents."""
    held = per_document(url)
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            docs = set(conn.scalars(select(schema.documents.c.hash))) if held else set()
            if engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert conn.execute(text("PRAGMA foreign_key_check")).first() is None
    finally:
        engine.dispose()
    assert set(held) == docs, f"rows of documents not stored: {sorted(set(held) - docs)[:3]}"
    unknown = docs - set(expected)
    assert not unknown, f"unexpected documents: {sorted(unknown)[:3]}"
    for doc in docs:
        assert held[doc] == expected[doc], f"document {doc[:12]} stored incomplete"
    return len(docs)


def expected_counts(sample_db: str) -> dict[str, Counter]:
    """Per-document counts of the sample corpus from a clean, uninterrupted run."""
    return per_document(sample_db)


def ingest(args: list[str], **kwargs) -> subprocess.Popen:
    """`sitrep ingest ARGS` in a new process (stdout and stderr captured)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **kwargs.pop("env", {})}
    return subprocess.Popen([SITREP, "ingest", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kwargs)


def wait_for_documents(url: str, process: subprocess.Popen, at_least: int,
                       timeout: float = 240) -> bool:
    """Poll until the database holds `at_least` documents; False if the process ended first."""
    deadline = time.monotonic() + timeout
    while document_count(url) < at_least:
        if process.poll() is not None:
            return False
        if time.monotonic() > deadline:
            raise TimeoutError(f"fewer than {at_least} documents after {timeout} s")
        time.sleep(0.01)
    return True
