"""Concurrency: two ingests of overlapping inputs store each document once, and readers (plain
queries, and `sitrep serve` on SQLite) keep answering while they write; SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from integrity import SAMPLE_FILES, SITREP, assert_consistent, expected_counts, ingest
from web_support import free_port

from sitrep.model import Extraction
from sitrep.store.db import counts, open_db, query_facts, store_extraction


class Reader(threading.Thread):
    """Queries the store in a loop until stopped, or the web API when `api` is given; keeps
    every error and the document counts it saw. The store is read every few milliseconds (a
    document's commit can follow the last by as little), the API every 50 ms."""

    def __init__(self, url: str, api: str | None = None) -> None:
        super().__init__(daemon=True)
        self.engine = None if api else open_db(url)
        self.api = api
        self.stop = threading.Event()
        self.seen: list[int] = []
        self.errors: list[str] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.seen.append(self._read())
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                self.errors.append(repr(exc))
            time.sleep(0.05 if self.api else 0.002)

    def _read(self) -> int:
        if self.api is None:
            documents = counts(self.engine)["documents"]
            list(query_facts(self.engine, "persons", limit=20))
            return documents
        with urllib.request.urlopen(f"{self.api}/api/home", timeout=30) as reply:
            documents = json.load(reply)["counts"]["documents"]
        with urllib.request.urlopen(f"{self.api}/api/facts?kind=persons", timeout=30) as reply:
            assert reply.status == 200
        return documents


def _serve(url: str) -> tuple[subprocess.Popen, str]:
    """`sitrep serve` on a free loopback port, once it answers."""
    port = free_port()
    proc = subprocess.Popen([SITREP, "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/home", timeout=5):
                return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"sitrep serve did not start: {proc.communicate()[1][-2000:]}")
            time.sleep(0.2)


def test_overlapping_ingests_store_each_document_once_while_read(db_url, sample_db):
    expected = expected_counts(sample_db)
    server = None
    if db_url.startswith("sqlite"):
        open_db(db_url)  # the server needs the schema
        server, base = _serve(db_url)
    try:
        readers = [Reader(db_url)] + ([Reader(db_url, base)] if server else [])
        for r in readers:
            r.start()
        # Overlapping halves, the second in reverse order, so that both meet in the middle.
        first = ingest([*SAMPLE_FILES[:9], "--db", db_url])
        second = ingest([*SAMPLE_FILES[3:][::-1], "--db", db_url])
        results = [p.communicate(timeout=600) for p in (first, second)]
        for r in readers:
            r.stop.set()
            r.join(timeout=60)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    for proc, (_, err) in zip((first, second), results, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err and "locked" not in err
    added = sum(int(err.split(" stored, ")[0].split()[-1]) for _, err in results)
    assert added == len(SAMPLE_FILES)  # each document stored by exactly one of the two
    assert assert_consistent(db_url, expected) == len(SAMPLE_FILES)
    store = readers[0]
    assert not store.errors, store.errors[:3]
    assert store.seen == sorted(store.seen) and len(set(store.seen)) > 2  # read meanwhile
    if server is not None:
        api = readers[1]
        assert not api.errors, api.errors[:3]
        assert api.seen == sorted(api.seen) and len(set(api.seen)) > 1


def test_racing_stores_of_one_document_keep_one(db_url, sample_db):
    """Threads with their own connections store the same extraction at once: one wins, the
    others see it is stored (by the hash check or the unique key) and change nothing."""
    from crash_writer import copy_of
    from test_crash_safety import _extractions

    base = _extractions(sample_db)[:3]
    engines = [open_db(db_url) for _ in range(3)]
    for number in range(4):
        for extraction in base:
            item: Extraction = copy_of(extraction, number)
            barrier = threading.Barrier(len(engines))
            won: list[bool] = []

            def store(engine, item=item, barrier=barrier, won=won) -> None:
                barrier.wait()
                won.append(store_extraction(engine, item))

            threads = [threading.Thread(target=store, args=(e,)) for e in engines]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            assert sorted(won) == [False, False, True]
    expected = {copy_of(e, n).document.hash: c for n in range(4) for e in base
                for h, c in expected_counts(sample_db).items() if h == e.document.hash}
    assert assert_consistent(db_url, expected) == 12


OPEN_AT = """import sys, time
from sitrep.store.db import open_db
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
open_db(sys.argv[1])
"""


def test_first_open_by_several_processes_at_once(db_url):
    """Processes that open a new database at the same moment all succeed (one builds the
    schema, the others wait for it)."""
    start = time.time() + 3  # after every process has imported sitrep
    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AT, db_url, str(start)],
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e[-800:] for e in errors]
    assert counts(open_db(db_url))["documents"] == 0
