"""Helpers for the web tests: a private copy of the sample database, a hostile document, and
a real uvicorn server on a free loopback port."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOSTILE_TITLE = "<script>window.__pwned = 'title'</script> Hostile release"
HOSTILE_TEXT = (
    "<script>window.__pwned = 'text'</script> OTTAWA - Canada will deploy 200 troops to Iraq "
    "under Operation IMPACT, Defence Minister Harjit Sajjan said on 5 May 2016. "
    "<img src=x onerror=\"window.__pwned = 'img'\"> The coalition has 68 members.\n\n"
    "\"We will <b>not</b> waver,\" Sajjan said. =HYPERLINK(\"http://example.invalid\")\n"
)


def store_all(db: str, extractions: list) -> str:
    """Store extractions into the database at `db` (a path or URL); returns `db`."""
    from sitrep.store.db import open_db, store_extraction

    engine = open_db(db)
    for result in extractions:
        store_extraction(engine, result)
    engine.dispose()
    return db


def copy_db(sample_db: str, directory: Path) -> str:
    """A copy of the sample database that a test module may write to."""
    path = directory / "web.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)  # the WAL's pages too, which a file copy would miss
    return str(path)


def add_hostile_document(db: str, directory: Path) -> str:
    """Extract and store a document whose text and title carry markup; returns its hash."""
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import read_inputs
    from sitrep.store.db import open_db, store_extraction

    src = directory / "hostile.txt"
    src.write_text(HOSTILE_TEXT, encoding="utf-8")
    (directory / "hostile.meta.json").write_text(json.dumps(
        {"id": "hostile", "title": HOSTILE_TITLE, "published": "2016-05-06"}), encoding="utf-8")
    docs = list(read_inputs([str(src)]))
    engine = open_db(db)
    for result in extract_documents(docs):
        store_extraction(engine, result)
    return docs[0].hash


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app) -> Iterator[str]:
    """Run `app` under uvicorn in a thread on 127.0.0.1; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def hostile_copy(sample_db: str, directory: Path) -> str:
    """A copy of the sample database with the hostile document added, for one test module."""
    path = copy_db(sample_db, directory)
    add_hostile_document(path, directory)
    return path
