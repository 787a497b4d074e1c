"""`--workers N`: worker processes give the same results, in order, and isolate bad documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.engine.local import batches, extract_parallel
from sitrep.ingest import make_document, read_inputs
from sitrep.model import Extraction, IngestError
from sitrep.store.db import counts, open_db, query_facts

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "sample"
SAMPLE_FILES = sorted(str(p) for p in SAMPLE.glob("*.txt"))
LIMIT = 50_000  # SITREP_MAX_CHARS for these tests: a longer document is refused
runner = CliRunner()


@pytest.fixture(autouse=True)
def _char_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small character limit, inherited by the worker processes, so a refused document is
    cheap to make (longer documents are otherwise extracted in chunks)."""
    monkeypatch.setenv("SITREP_MAX_CHARS", str(LIMIT))


def _too_long_text() -> str:
    """Text just over the character limit: a document the extractor refuses."""
    return ("Troops moved north. " * (LIMIT // 20 + 2))[: LIMIT + 1]


def test_two_workers_print_the_same_as_one_in_input_order() -> None:
    one = runner.invoke(app, ["extract", *SAMPLE_FILES])
    two = runner.invoke(app, ["extract", *SAMPLE_FILES, "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    ids = [json.loads(line)["id"] for line in two.stdout.splitlines()]
    assert ids == [f"sample-{Path(p).stem}" for p in SAMPLE_FILES]
    assert two.stdout == one.stdout


def test_bad_document_in_a_worker_batch_is_reported_and_the_rest_kept() -> None:
    docs = list(read_inputs(SAMPLE_FILES[:5]))
    bad = make_document(_too_long_text(), id="too-long", source="too-long.txt")
    items = [*docs[:2], bad, *docs[2:]]
    assert any(bad in b and len(b) > 1 for b in batches(items, max_docs=4, max_chars=10**9))
    results = list(extract_parallel(items, workers=2, max_docs=4, max_chars=10**9))
    assert [type(r) for r in results] == [Extraction] * 2 + [IngestError] + [Extraction] * 3
    assert results[2].source == "too-long.txt" and "extraction failed" in results[2].reason
    assert [r.document.id for r in results if isinstance(r, Extraction)] == [d.id for d in docs]


def test_ingest_with_workers_stores_the_rest_and_matches_one_worker(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SAMPLE_FILES[:6]:
        (folder / Path(path).name).write_text(Path(path).read_text(encoding="utf-8"))
    (folder / "03a-too-long.txt").write_text(_too_long_text(), encoding="utf-8")
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    serial = runner.invoke(app, ["ingest", str(folder), "--db", one])
    parallel = runner.invoke(app, ["ingest", str(folder), "--db", two, "--workers", "2"])
    for result in (serial, parallel):
        assert result.exit_code == 1
        assert "03a-too-long.txt" in result.output and "6 stored" in result.output
    assert counts(open_db(two)) == counts(open_db(one))
    for kind in ("persons", "deployments", "meetings"):
        strip = [{k: v for k, v in r.items() if k != "pk"} for r in query_facts(open_db(one), kind)]
        assert strip == [{k: v for k, v in r.items() if k != "pk"}
                         for r in query_facts(open_db(two), kind)]
