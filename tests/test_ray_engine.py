"""The Ray engine runs the same stage functions as the local one and gives the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.pipeline import extract_documents
from sitrep.ingest import make_document, read_inputs
from sitrep.model import IngestError
from sitrep.sample import sample_dir

ray = pytest.importorskip("ray", reason="the ray extra is not installed")


CHUNK = "5000"  # SITREP_CHUNK_CHARS here: each sample document is short, the joined one long


def _long_text() -> str:
    """The bundled sample texts joined: about 16,000 characters, four chunks."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt")))


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Chunks of 5,000 characters and a spool folder of the test's own."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setenv("SITREP_CHUNK_CHARS", CHUNK)
    monkeypatch.setenv("SITREP_SPOOL_DIR", str(spool))
    monkeypatch.setenv("SITREP_MAX_CHARS", "100000")
    return spool


def test_ray_results_equal_local_results_in_input_order(chunked: Path):
    from sitrep.engine.ray_runner import extract_ray

    docs = list(read_inputs(sorted(str(p) for p in sample_dir().glob("*.txt"))))
    docs.insert(3, make_document(_long_text(), id="long", published="2024-01-01"))
    docs.append(make_document("Russian forces shelled Kharkiv on Monday.", id="extra",
                              published="2023-03-06"))
    too_long = make_document("Troops moved. " * 8_000, id="too-long")  # 112,000 characters
    local = [r.to_json() for r in extract_documents(docs)]
    remote = list(extract_ray([*docs, too_long], workers=2, batch_size=4))
    assert [r.document.id for r in remote[:-1]] == [d.id for d in docs]
    assert [r.to_json() for r in remote[:-1]] == local
    assert len(local[3]["persons"]) > 5  # the long one, joined from its chunks
    assert isinstance(remote[-1], IngestError) and "SITREP_MAX_CHARS" in remote[-1].reason
    assert not ray.is_initialized()  # the local cluster it started is shut down again


def test_ingest_with_the_ray_engine_stores_what_the_local_engine_stores(tmp_path, chunked):
    from sqlalchemy import select
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.store import schema
    from sitrep.store.db import open_db

    long = tmp_path / "long.txt"
    long.write_text(_long_text(), encoding="utf-8")
    inputs = [*sorted(str(p) for p in sample_dir().glob("*.txt"))[:4], str(long)]
    runner = CliRunner()
    stored = []
    for name, extra in (("local", []), ("ray", ["--engine", "ray", "--workers", "2"])):
        db = str(tmp_path / f"{name}.db")
        res = runner.invoke(app, ["ingest", *inputs, "--db", db, *extra])
        assert res.exit_code == 0, res.output
        f = schema.facts
        with open_db(db).connect() as conn:
            rows = conn.execute(select(f.c.doc_hash, f.c.kind, f.c.data, f.c.start, f.c.end,
                                       f.c.evidence, f.c.confidence)).all()
        stored.append(sorted(map(repr, rows)))
    assert stored[0] and stored[0] == stored[1]
    (long_doc,) = read_inputs([str(long)])
    assert sum(long_doc.hash in row for row in stored[1]) > 20  # the long one's facts too
    assert not list(chunked.iterdir())  # the long document's spool file is gone


def test_lost_rows_and_failed_chunks_are_that_documents_error(chunked: Path):
    """Assembly of what comes back: a row missing from the stream, or a chunk that failed,
    makes its document an error (its spool file removed); the documents after it go on."""
    from sitrep.engine.ray_runner import LOST, _assemble, _plan, _Results
    from sitrep.extract.pipeline import extract_document

    short = make_document("Canada sent 200 soldiers to Latvia.", id="short")
    long = make_document(_long_text(), id="long")
    docs = [short, long, short, long, short]
    rows, plan = _plan(docs)
    pieces = len(plan[1])
    assert pieces >= 2 and len(rows) == 3 + 2 * pieces
    results = [extract_document(d) for d in rows]
    broken = IngestError("long", "extraction failed: chunk broke")
    stream = [(i, r) for i, r in enumerate(results)]
    del stream[0]  # the first short document never came back
    stream[pieces + 1] = (pieces + 2, broken)  # the second long one's first chunk failed
    out = list(_assemble(docs, plan, _Results(stream), spool=True))
    assert isinstance(out[0], IngestError) and out[0].reason == LOST
    assert out[1].chunks == pieces and out[1].facts > 0  # spooled whole
    assert out[3] is broken
    assert [o.document.id for o in (out[2], out[4])] == ["short", "short"]
    out[1].discard()
    assert not list(chunked.iterdir())  # the failed one's file went with it
