"""Schema migrations: new databases, and a database made by the first released schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document
from sitrep.store import schema
from sitrep.store.db import counts, open_db, schema_version, store_extraction
from sitrep.store.migrate import current_revision, head_revision

V1_DB = Path(__file__).parent / "data" / "migrations" / "sitrep-schema-v1.db"


def _drift(engine) -> list:
    """Differences between the database and the schema the code declares."""
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    return [d for d in diffs if not (isinstance(d, tuple) and d[0] == "remove_table"
                                     and d[1].name == "alembic_version")]


def test_new_database_is_built_by_the_migrations(tmp_path):
    engine = open_db(str(tmp_path / "new.db"))
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert _drift(engine) == []
    assert schema_version(engine) == schema.SCHEMA_VERSION
    assert not list(tmp_path.glob("*backup*"))  # nothing to back up


def test_first_release_database_is_upgraded_in_place_after_a_backup(tmp_path):
    path = tmp_path / "analyst.db"
    shutil.copy(V1_DB, path)
    before = counts(create_engine(f"sqlite:///{path}"))
    assert before["documents"] == 3 and before["persons"] > 0

    engine = open_db(str(path))
    backups = list(tmp_path.glob("analyst.v0001-backup-*.db"))
    assert len(backups) == 1
    assert counts(create_engine(f"sqlite:///{backups[0]}")) == before  # the copy is whole
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert _drift(engine) == []
    assert counts(engine) == before  # nothing lost
    assert schema_version(engine) == schema.SCHEMA_VERSION

    # The upgraded database takes new documents and analyst corrections.
    doc = make_document("Canada deployed 200 soldiers to Latvia in 2017.", id="new",
                        published="2017-06-19")
    assert store_extraction(engine, extract_document(doc))
    with engine.begin() as conn:
        conn.execute(schema.corrections.insert().values(action="reject", doc_hash=doc.hash,
                                                        kind="deployments", fact_key="k",
                                                        created_at="2026-11-28T00:00:00"))
        assert conn.execute(select(func.count()).select_from(schema.corrections)).scalar() == 1
    assert counts(engine)["documents"] == 4

    open_db(str(path))  # opening it again changes nothing and takes no second backup
    assert len(list(tmp_path.glob("analyst.v0001-backup-*.db"))) == 1


def test_postgresql_database_is_built_by_the_migrations(pg_url):
    engine = open_db(pg_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert _drift(engine) == []


@pytest.fixture
def pg_url(pg_admin_url):
    from pg import fresh_database

    with fresh_database(pg_admin_url) as url:
        yield url


def test_database_made_between_releases_is_upgraded(tmp_path):
    """A database created from the current tables without migration records still opens."""
    path = tmp_path / "between.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(schema.meta.insert().values(key="schema_version", value="1"))
    upgraded = open_db(str(path))
    with upgraded.connect() as conn:
        assert current_revision(conn) == head_revision()
    assert _drift(upgraded) == []
