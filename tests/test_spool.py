"""Long documents stored through a spool file: the same rows as in memory, one transaction."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.extract import pipeline
from sitrep.extract.chunks import chunk_chars, chunk_spans
from sitrep.extract.spool import Spooled
from sitrep.ingest import make_document, read_inputs
from sitrep.store import schema
from sitrep.store.db import counts, open_db, store_extraction

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "sample"
CHUNK = 2_000  # SITREP_CHUNK_CHARS here: the joined sample (about 32,000 characters) is long
SHORT = ("Canada will deploy 200 soldiers to Latvia, Defence Minister Harjit Sajjan said on "
         "Monday. Russian forces shelled Kharkiv on Tuesday, killing 12 civilians.")
runner = CliRunner()


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Small chunks, and spool files in a folder of the test's own, to check they go."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setenv("SITREP_CHUNK_CHARS", str(CHUNK))
    monkeypatch.setenv("SITREP_SPOOL_DIR", str(spool))
    return spool


def _long_file(folder: Path) -> Path:
    """One long document: the bundled sample texts joined, twice over."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.txt"
    path.write_text("\n\n".join(texts * 2), encoding="utf-8")
    return path


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every stored row, every column as SQLite holds it (JSON as its text), save the time of
    ingest."""
    con = sqlite3.connect(db)
    try:
        return {
            "documents": con.execute("select hash, id, title, url, published, publisher, "
                                     "source, text from documents order by hash").fetchall(),
            "mentions": con.execute("select * from mentions order by pk").fetchall(),
            "facts": con.execute("select * from facts order by pk").fetchall(),
        }
    finally:
        con.close()


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count spooled extractions (the `extract_spooled` that `pipeline` calls)."""
    calls: list[int] = []
    real = pipeline.extract_spooled

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_spooled", spy)
    return calls


def test_chunk_size_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert chunk_chars() == CHUNK
    monkeypatch.setenv("SITREP_CHUNK_CHARS", "many")
    with pytest.raises(ValueError, match="SITREP_CHUNK_CHARS"):
        chunk_chars()
    monkeypatch.delenv("SITREP_CHUNK_CHARS")
    assert chunk_chars() == 30_000


def test_spooled_ingest_stores_the_same_rows_as_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _small_chunks: Path) -> None:
    path = _long_file(tmp_path / "in")
    (document,) = read_inputs([str(path)])
    assert len(chunk_spans(document.text, CHUNK)) > 10
    memory_db = tmp_path / "memory.db"
    in_memory = pipeline.extract_document(document)  # every chunk's results held at once
    assert store_extraction(open_db(str(memory_db)), in_memory)

    calls = _spy(monkeypatch)
    spooled_db = tmp_path / "spooled.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(spooled_db)])
    assert result.exit_code == 0, result.output
    assert calls == [1]  # the long document went through the spool
    expected = _rows(memory_db)
    assert expected["facts"] and expected["mentions"]
    assert _rows(spooled_db) == expected  # byte for byte, primary keys included
    assert not os.listdir(_small_chunks)  # the spool file is gone

    again = runner.invoke(app, ["ingest", str(path), "--db", str(spooled_db)])
    assert again.exit_code == 0 and "0 stored, 1 already stored" in again.output
    assert _rows(spooled_db) == expected

    reextract = runner.invoke(app, ["ingest", str(path), "--db", str(spooled_db),
                                    "--reextract"])
    assert reextract.exit_code == 0, reextract.output
    drop_pk = lambda rows: [r[1:] for r in rows]  # noqa: E731 - replaced rows get new keys
    replaced = _rows(spooled_db)
    assert replaced["documents"] == expected["documents"]
    for table in ("mentions", "facts"):
        assert drop_pk(replaced[table]) == drop_pk(expected[table])
    assert len(calls) == 2 and not os.listdir(_small_chunks)


def test_spooled_ingest_with_workers_stores_the_same_rows(
        tmp_path: Path, _small_chunks: Path) -> None:
    path = _long_file(tmp_path / "in")
    (tmp_path / "in" / "short.txt").write_text(SHORT, encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db, workers in ((one, "1"), (two, "2")):
        result = runner.invoke(app, ["ingest", str(path.parent), "--db", str(db),
                                     "--workers", workers])
        assert result.exit_code == 0, result.output
        assert "2 stored" in result.output
    assert _rows(one) == _rows(two)
    assert not os.listdir(_small_chunks)


def _failing_on_chunk(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Make the extractor raise on the long document's `n`th chunk."""
    real = pipeline.extract_parsed
    seen = [0]

    def failing(document, doc):
        if document.id == "long":
            seen[0] += 1
            if seen[0] == n:
                raise RuntimeError("extractor broke mid-document")
        return real(document, doc)

    monkeypatch.setattr(pipeline, "extract_parsed", failing)


def test_failure_mid_spool_stores_nothing_of_the_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _small_chunks: Path) -> None:
    folder = tmp_path / "in"
    _long_file(folder)
    (folder / "a-short.txt").write_text(SHORT, encoding="utf-8")  # ingested first (sorted)
    db = tmp_path / "t.db"
    _failing_on_chunk(monkeypatch, 5)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "1 stored, 0 already stored, 1 failed" in result.output
    assert "extractor broke mid-document" in result.output
    assert not os.listdir(_small_chunks)  # the half-written spool file was removed
    first = _rows(db)
    assert [r[1] for r in first["documents"]] == ["a-short"]
    hashes = {r[0] for r in first["documents"]}
    assert {r[1] for r in first["mentions"]} == {r[1] for r in first["facts"]} == hashes

    monkeypatch.undo()  # the extractor mended: the rerun stores the long document only
    monkeypatch.setenv("SITREP_CHUNK_CHARS", str(CHUNK))
    monkeypatch.setenv("SITREP_SPOOL_DIR", str(_small_chunks))
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert again.exit_code == 0 and "1 stored, 1 already stored" in again.output
    after = _rows(db)
    assert sorted(r[1] for r in after["documents"]) == ["a-short", "long"]
    assert after["mentions"][:len(first["mentions"])] == first["mentions"]
    assert after["facts"][:len(first["facts"])] == first["facts"]


def test_failure_while_storing_a_spooled_document_rolls_it_all_back(db_url) -> None:
    engine = open_db(db_url)
    short = make_document(SHORT, id="short", published="2024-01-02")
    assert store_extraction(engine, pipeline.extract_document(short))
    before = counts(engine)
    text = "\n\n".join([SHORT] * 60)  # about 9,600 characters: several chunks
    spooled = pipeline.extract_document_spooled(make_document(text, id="long"))
    assert isinstance(spooled, Spooled) and spooled.chunks > 3 and spooled.facts > 3
    records = spooled.records

    def breaking():  # the store fails after three chunks are inserted
        for i, record in enumerate(records()):
            if i == 3:
                raise OSError("spool file unreadable")
            yield record

    spooled.records = breaking  # type: ignore[method-assign]
    with pytest.raises(OSError, match="unreadable"):
        store_extraction(engine, spooled)
    assert not os.path.exists(spooled.path)
    assert counts(engine) == before  # nothing of the long document, the short one whole
    with engine.connect() as conn:
        for table in (schema.mentions, schema.facts):
            q = select(func.count()).select_from(table).where(
                table.c.doc_hash == spooled.document.hash)
            assert conn.execute(q).scalar_one() == 0

    spooled = pipeline.extract_document_spooled(spooled.document)  # stored on a retry
    n_mentions, n_facts = spooled.mentions, spooled.facts
    assert store_extraction(engine, spooled)
    after = counts(engine)
    assert after["documents"] == before["documents"] + 1
    assert after["mentions"] == before["mentions"] + n_mentions
    assert sum(after.values()) - sum(before.values()) == 1 + n_mentions + n_facts
    again = pipeline.extract_document_spooled(spooled.document)
    assert not store_extraction(engine, again)  # already stored: skipped, file removed
    assert not os.path.exists(again.path) and counts(engine) == after
    engine.dispose()


def test_spool_files_of_gone_processes_are_removed(tmp_path: Path) -> None:
    """A killed ingest's spool file goes at the next spool; a live process's file stays."""
    import subprocess
    import sys

    from sitrep.extract.spool import PREFIX, remove_stale

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f"{PREFIX}{gone}-abc.pickle"
    live = tmp_path / f"{PREFIX}{os.getpid()}-def.pickle"
    other = tmp_path / "sitrep-spool-notes.txt"
    for path in (stale, live, other):
        path.write_bytes(b"x")
    assert remove_stale(str(tmp_path)) == [stale.name]
    assert not stale.exists() and live.exists() and other.exists()
