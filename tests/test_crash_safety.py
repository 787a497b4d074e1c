"""Crash safety: SIGKILL at random moments never leaves a document without its facts, and the
same command run again completes the batch without duplicates (SQLite and PostgreSQL).

Two kinds of victim, both real processes killed with real signals: `sitrep ingest` itself (a
few kills: it spends most of its time loading the model and extracting), and a writer that
stores copies of the sample's extractions with `store_extraction` back to back (many kills,
most of them inside a transaction). Delays come from a seeded RNG.
"""

from __future__ import annotations

import pickle
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_writer import copy_of
from integrity import (
    SAMPLE_FILES,
    assert_consistent,
    expected_counts,
    ingest,
    per_document,
    wait_for_documents,
)
from sqlalchemy import create_engine, select

from sitrep.model import Document, Extraction, Fact, Mention
from sitrep.store import schema
from sitrep.store.db import database_url

WRITER = str(Path(__file__).with_name("crash_writer.py"))
COPIES = 80  # the writer stores each sample document this many times under distinct hashes
KILLS = {"sqlite": (8, 2), "postgresql": (4, 1)}  # (writer kills, `sitrep ingest` kills)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path):
    """(name, URL of an empty database) on each backend."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'crash.db'}"
        return
    from pg import fresh_database

    with fresh_database(request.getfixturevalue("pg_admin_url")) as url:
        yield "postgresql", url


def _extractions(sample_db: str) -> list[Extraction]:
    """The sample corpus's extractions as a clean run stored them."""
    engine = create_engine(database_url(sample_db))
    d, m, f = schema.documents, schema.mentions, schema.facts
    out = []
    with engine.connect() as conn:
        for row in conn.execute(select(d).order_by(d.c.hash)):
            doc = Document(id=row.id, text=row.text, hash=row.hash, title=row.title, url=row.url,
                           published=row.published, publisher=row.publisher, source=row.source)
            mentions = [Mention(**{k: v for k, v in r._mapping.items() if k not in ("pk",
                                                                                   "doc_hash")})
                        for r in conn.execute(select(m).where(m.c.doc_hash == row.hash)
                                              .order_by(m.c.pk))]
            facts = [Fact(r.kind, r.data, r.start, r.end, r.evidence, r.confidence)
                     for r in conn.execute(select(f).where(f.c.doc_hash == row.hash)
                                           .order_by(f.c.pk))]
            out.append(Extraction(doc, mentions, facts))
    engine.dispose()
    return out


def _run_writer(pickled: Path, url: str, delay: float | None) -> tuple[int, str | None]:
    """Run the writer; SIGKILL it `delay` seconds after it is ready (None: let it finish).
    Returns its exit status and the hash it was storing when killed, if any."""
    proc = subprocess.Popen([sys.executable, WRITER, str(pickled), url, str(COPIES)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        proc.wait()
        pytest.fail(f"writer did not start: {proc.stderr.read()[-2000:]}")
    if delay is None:
        proc.stdout.read()
        assert proc.wait(timeout=300) == 0, proc.stderr.read()[-2000:]
        return 0, None
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    *lines, partial = proc.stdout.read().split("\n")  # the kill may cut the last line
    last = lines[-1].split() if lines and not partial else []
    return proc.returncode, last[1] if len(last) == 2 and last[0] == "begin" else None


def test_store_killed_mid_transaction_stays_consistent(backend, sample_db, tmp_path: Path):
    name, url = backend
    base = _extractions(sample_db)
    expected = expected_counts(sample_db)
    want = {copy_of(e, n).document.hash: expected[e.document.hash]
            for n in range(COPIES) for e in base}
    pickled = tmp_path / "extractions.pickle"
    pickled.write_bytes(pickle.dumps(base))
    rng = random.Random(8)
    in_flight = absent = 0
    for _ in range(KILLS[name][0]):
        status, doing = _run_writer(pickled, url, rng.uniform(0.02, 0.5))
        assert status == -signal.SIGKILL
        assert_consistent(url, want)  # so the document in flight is all there or absent
        if doing is not None:
            in_flight += 1
            absent += doing not in per_document(url)  # killed before its commit
    print(f"{name}: {in_flight} kills while storing a document, {absent} before its commit")
    assert absent > 0, "no kill landed inside a transaction"
    _run_writer(pickled, url, None)  # the same command again completes the batch
    assert assert_consistent(url, want) == len(want)


def test_sitrep_ingest_killed_then_rerun_completes(backend, sample_db):
    name, url = backend
    expected = expected_counts(sample_db)
    rng = random.Random(11)
    killed_with = 0
    for _ in range(KILLS[name][1]):
        before = assert_consistent(url, expected)
        proc = ingest([*SAMPLE_FILES, "--db", url])
        assert wait_for_documents(url, proc, before + 1), proc.communicate()[1][-2000:]
        # Inside the extract-and-store loop: the sample's last batch is stored within about
        # 0.1 s of its first document, so the kill follows within 50 ms.
        time.sleep(rng.uniform(0.0, 0.05))
        assert proc.poll() is None, "the batch ended before the kill"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        killed_with = assert_consistent(url, expected)
        print(f"{name}: sitrep ingest killed with {killed_with} documents stored")
    rerun = ingest([*SAMPLE_FILES, "--db", url])
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err[-2000:]
    assert assert_consistent(url, expected) == len(SAMPLE_FILES) == len(expected)
    stored, skipped = map(int, re.search(r"(\d+) stored, (\d+) already stored, 0 failed",
                                         err).groups())
    assert stored + skipped == len(SAMPLE_FILES) and stored == len(SAMPLE_FILES) - killed_with
