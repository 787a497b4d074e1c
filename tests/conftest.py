"""Shared fixtures: paths to the shared evaluation material and a built sample database."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def sample_extractions() -> list:
    """What the pipeline extracts from the bundled sample corpus, once per test run."""
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import read_inputs
    from sitrep.sample import sample_dir

    docs = [d for d in read_inputs(sorted(str(p) for p in sample_dir().glob("*.txt")))]
    return list(extract_documents(docs))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, sample_extractions: list) -> str:
    """A SQLite database holding the bundled sample corpus, built once per test run."""
    from web_support import store_all

    return store_all(str(tmp_path_factory.mktemp("db") / "sample.db"), sample_extractions)


@pytest.fixture(scope="session")
def pg_admin_url():
    """Admin URL of a PostgreSQL server for the session (`SITREP_TEST_PG`, else a throw-away
    one started from the local binaries); skips when there is neither, unless
    `SITREP_REQUIRE_PG` is set."""
    import os

    from pg import PostgresUnavailable, server

    try:
        with server() as url:
            yield url
    except PostgresUnavailable as exc:
        if os.environ.get("SITREP_REQUIRE_PG"):
            raise
        pytest.skip(f"PostgreSQL not available: {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A URL of an empty database on each backend (PostgreSQL skips when unavailable)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    from pg import fresh_database

    with fresh_database(request.getfixturevalue("pg_admin_url")) as url:
        yield url
