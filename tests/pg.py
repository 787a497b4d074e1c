"""A throw-away PostgreSQL server for the store tests, and a fresh database per test.

`SITREP_TEST_PG` may name a server instead (a URL whose user may create databases); else the
binaries in `SITREP_PG_BIN`, `/usr/lib/postgresql/15/bin` or on PATH start one in a temporary
directory, as the `postgres` user when we are root (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitrep.processes import process_alive

BIN_DIRS = ("/usr/lib/postgresql/15/bin",)
USER = "sitrep"


class PostgresUnavailable(RuntimeError):
    """No server URL given and no PostgreSQL binaries that start."""


def find_bin() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`, if any."""
    candidates = [os.environ.get("SITREP_PG_BIN", ""), *BIN_DIRS]
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(args: list[str]) -> list[str]:
    """Run as `postgres` when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def reap_stale(bindir: Path) -> None:
    """Stop and remove servers left by test sessions that were killed before their teardown."""
    for root in Path(tempfile.gettempdir()).glob("sitrep-pg-*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if process_alive(owner):
            continue
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m",
                                  "immediate", "-w", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _run(args: list[str]) -> None:
    done = subprocess.run(_as_owner(args), capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=120)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{Path(args[0]).name} failed: {done.stderr.strip()[-500:]}")


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start PostgreSQL in a temporary directory; yields its admin URL; stops and removes it."""
    bindir = find_bin()
    if bindir is None:
        raise PostgresUnavailable("no PostgreSQL binaries (initdb, pg_ctl) found")
    reap_stale(bindir)
    root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    (root / "owner.pid").write_text(str(os.getpid()))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    started = False
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
              "--no-sync"])
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
              "-w", "-t", "60", "start"])
        started = True
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                      "-w", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def server() -> Iterator[str]:
    """The admin URL of `SITREP_TEST_PG`, else of a temporary server."""
    url = os.environ.get("SITREP_TEST_PG")
    if url:
        yield url
        return
    with temporary_server() as admin:
        yield admin


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server; dropped afterwards. Yields its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from sitrep.store.db import database_url

    admin = make_url(database_url(admin_url))
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin.set(database=name).render_as_string(hide_password=False)
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
