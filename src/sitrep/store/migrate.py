"""Schema migrations: every database is brought to the current schema when it is opened.

A new database is built by running every migration. A database made before migrations were
tracked (the first released schema, `schema_version` 1 and no `alembic_version` table) is
stamped as revision 0001 and upgraded. Before an existing database is changed, a backup is
taken: a SQLite file is copied next to it (`NAME.v0001-backup-STAMP.db`, with the online-backup
API so a WAL database is copied whole); for PostgreSQL `pg_dump` writes a custom-format dump to
$SITREP_BACKUP_DIR (default: the current directory), and the upgrade stops if it cannot.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FIRST_RELEASE = "0001"
LOCK_KEY = 7_431_005  # PostgreSQL advisory lock held while migrating


class MigrationError(RuntimeError):
    """The database could not be backed up or upgraded; nothing was changed."""


def _config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup(engine: Engine, revision: str) -> Path | None:
    """A copy of the database as it is, before it is upgraded from `revision`."""
    url = engine.url
    stamp = _stamp()
    if engine.dialect.name == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        src = Path(url.database)
        dst = src.with_name(f"{src.stem}.v{revision}-backup-{stamp}{src.suffix or '.db'}")
        with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
            source.backup(target)
        return dst
    if engine.dialect.name == "postgresql":
        pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
        if not Path(pg_dump).exists():
            raise MigrationError("pg_dump not found: back up the database, then open it again")
        folder = Path(os.environ.get("SITREP_BACKUP_DIR") or ".")
        dst = folder / f"{url.database}.v{revision}-backup-{stamp}.dump"
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        done = subprocess.run([pg_dump, "-Fc", "-f", str(dst), plain], capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            raise MigrationError(f"pg_dump failed, database not upgraded: {done.stderr.strip()}")
        return dst
    return None


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """One migrating process at a time for a SQLite file (DDL there runs outside transactions)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}-migrate.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> Path | None:
    """Bring the database to the head revision; returns the backup taken, if any."""
    with _file_lock(engine):
        return _migrate(engine)


def _migrate(engine: Engine) -> Path | None:
    head = head_revision()
    with engine.connect() as probe:
        revision = current_revision(probe)
        tables = set(inspect(probe).get_table_names())
    if revision == head:
        return None
    legacy = revision is None and "documents" in tables
    copy = backup(engine, revision or FIRST_RELEASE) if (revision or legacy) else None
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":  # one transaction for all DDL: a kill leaves no
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # half-built schema (the driver won't)
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        revision = current_revision(conn)  # another process may have migrated meanwhile
        if revision == head:
            return copy
        if revision is None and "documents" in set(inspect(conn).get_table_names()):
            command.stamp(_config(conn), FIRST_RELEASE)
        command.upgrade(_config(conn), "head")
    return copy
