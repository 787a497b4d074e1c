"""A local PostgreSQL server for the benchmarks, its data directory kept between runs.

`SITREP_BENCH_PG` may name a server instead (a URL whose user may create databases). Otherwise
the binaries tests/pg.py finds start a server on a free loopback port over `data_dir` (made on
first use, kept so a loaded database is reused) and stop it afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pg import USER, PostgresUnavailable, _as_owner, _free_port, _run, find_bin  # noqa: E402

__all__ = ["PostgresUnavailable", "database", "server"]


@contextmanager
def server(data_dir: Path) -> Iterator[str]:
    """The admin URL of `SITREP_BENCH_PG`, else of a server over `data_dir`."""
    if os.environ.get("SITREP_BENCH_PG"):
        yield os.environ["SITREP_BENCH_PG"]
        return
    bindir = find_bin()
    if bindir is None:
        raise PostgresUnavailable("no PostgreSQL binaries (initdb, pg_ctl) found")
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres")
    data = data_dir / "data"
    if not (data / "PG_VERSION").exists():
        _run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
              "--no-sync"])
    port = _free_port()
    options = (f"-p {port} -k {data_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB "
               "-c max_connections=200")
    _run([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
          str(data_dir / "log"), "-w", "-t", "120", "start"])
    try:
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                                  "stop"]), capture_output=True, timeout=120)


def database(admin_url: str, name: str) -> str:
    """The URL of database `name` on the server, created when missing."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                        {"n": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)
