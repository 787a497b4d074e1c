"""The Ray engine runs the same stage functions as the local one and gives the same results."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import extract_documents
from sitrep.ingest import make_document, read_inputs
from sitrep.sample import sample_dir

ray = pytest.importorskip("ray", reason="the ray extra is not installed")


def test_ray_results_equal_local_results_in_input_order():
    from sitrep.engine.ray_runner import extract_ray

    docs = list(read_inputs(sorted(str(p) for p in sample_dir().glob("*.txt"))))
    docs.append(make_document("Russian forces shelled Kharkiv on Monday.", id="extra",
                              published="2023-03-06"))
    local = [r.to_json() for r in extract_documents(docs)]
    remote = list(extract_ray(docs, workers=2, batch_size=4))
    assert [r.document.id for r in remote] == [d.id for d in docs]
    assert [r.to_json() for r in remote] == local
    assert not ray.is_initialized()  # the local cluster it started is shut down again


def test_ingest_with_the_ray_engine_stores_what_the_local_engine_stores(tmp_path):
    from sqlalchemy import select
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.store import schema
    from sitrep.store.db import open_db

    inputs = sorted(str(p) for p in sample_dir().glob("*.txt"))[:4]
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
