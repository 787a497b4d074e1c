"""End to end through the CLI: ingest into a real SQLite file, query, export, bad input."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store.db import counts, open_db, schema_version
from sitrep.store.schema import SCHEMA_VERSION

runner = CliRunner()

GOOD = (
    "Defence Minister Anna Example of Canada met French Defence Minister Jean Sample in Paris "
    "today. The Global Coalition against Daesh has 67 member nations."
)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_ingest_twice_stores_each_document_once(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    doc = _write(tmp_path / "in" / "a.txt", GOOD)
    _write(tmp_path / "in" / "a.meta.json", json.dumps({"id": "a", "published": "2016-10-25"}))
    _write(tmp_path / "in" / "b.txt", GOOD.replace("\n", "\r\n") + "\n\n")  # same normalized text
    first = runner.invoke(app, ["ingest", str(doc.parent), "--db", db])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(doc.parent), "--db", db])
    assert again.exit_code == 0
    n = counts(open_db(db))
    assert n["documents"] == 1
    assert n["persons"] >= 2
    assert schema_version(open_db(db)) == SCHEMA_VERSION == 5


def test_facts_carry_evidence_and_offsets(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    _write(tmp_path / "a.txt", GOOD)
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    con = sqlite3.connect(db)
    text = con.execute("select text from documents").fetchone()[0]
    rows = con.execute("select start, end, evidence from facts").fetchall()
    assert rows
    for start, end, evidence in rows:
        assert text[start:end].strip() == evidence
    for start, end, mention in con.execute("select start, end, text from mentions"):
        assert text[start:end] == mention


def test_bad_inputs_fail_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    folder = tmp_path / "batch"
    _write(folder / "good.txt", GOOD)
    _write(folder / "empty.txt", "")
    _write(folder / "binary.txt", os.urandom(2000) + b"\x00" * 10)
    _write(folder / "latin1.txt", "Le ministre a visité Bagdad, café compris.".encode("latin-1"))
    _write(folder / "broken.html", "<html><head><title>T</title></head><body><p>Iraqi forces "
           "entered Mosul on Monday after heavy fighting near the university.<p>More text")
    _write(folder / "records.jsonl", json.dumps({"text": "NATO ministers met in Brussels."})
           + "\n{not json\n")
    (folder / "gone.txt").symlink_to(folder / "missing-target.txt")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 1
    out = result.output
    for name in ("empty.txt", "binary.txt", "records.jsonl:2", "gone.txt"):
        assert name in out
    assert counts(open_db(db))["documents"] == 4  # good, latin1, broken.html, jsonl line 1
    rerun = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert rerun.exit_code == 1
    assert counts(open_db(db))["documents"] == 4


def test_extract_prints_gold_keys_and_mentions(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.txt", GOOD)
    result = runner.invoke(app, ["extract", str(path), "--published", "2016-10-25"])
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    assert record["id"] == "x"
    for key in ("persons", "organizations", "operations", "meetings", "memberships",
                "group_sizes", "deployments", "commitments", "quotes", "attacks", "mentions"):
        assert key in record
    assert any(m["code"] == "CAN" for m in record["mentions"])


def test_facts_and_export(sample_db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["facts", "persons", "--json", "--db", sample_db])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["evidence"] and r["document"] for r in rows)
    can = runner.invoke(app, ["facts", "persons", "--country", "CAN", "--json", "--db", sample_db])
    assert all(json.loads(line)["country"] == "CAN" for line in can.stdout.splitlines())
    assert runner.invoke(app, ["facts", "nonsense", "--db", sample_db]).exit_code == 2
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / fmt
        assert runner.invoke(app, ["export", "--format", fmt, "--out", str(out),
                                   "--db", sample_db]).exit_code == 0
        assert (out / f"facts.{fmt}").stat().st_size > 0
    table = pq.read_table(tmp_path / "parquet" / "documents.parquet")
    sample = Path(__file__).parents[1] / "src" / "sitrep" / "sample"
    assert table.num_rows == len(list(sample.glob("*.txt")))


def test_summary_counts_and_the_latest_key_figures(sample_db: str, monkeypatch) -> None:
    from rich.console import Console

    import sitrep.cli as cli

    monkeypatch.setattr(cli, "out", Console(width=300))  # whole cells, as on a wide terminal
    n = counts(open_db(sample_db))
    every = runner.invoke(app, ["summary", "--limit", "500", "--db", sample_db])
    assert every.exit_code == 0 and "the latest" not in every.stdout
    assert f"{n['deployments']}" in every.stdout and "Operation IMPACT" in every.stdout
    short = runner.invoke(app, ["summary", "--limit", "1", "--db", sample_db])
    assert short.exit_code == 0
    for kind in ("group_sizes", "deployments"):
        assert f"{kind}: the latest 1 of {n[kind]:,}" in short.stdout
        assert f"`sitrep facts {kind}` lists all {n[kind]:,}" in short.stdout
    listed = runner.invoke(app, ["facts", "deployments", "--json", "--db", sample_db]).stdout
    newest = max(json.loads(line)["published"] or "" for line in listed.splitlines())
    assert newest in short.stdout.split("deployments: the latest")[1]


def test_demo_ingests_the_sample_and_shows_it(tmp_path: Path, monkeypatch) -> None:
    """`make run`'s job: the sample stored, the summary and two pictures printed; run again,
    nothing is stored twice."""
    from rich.console import Console

    import sitrep.cli as cli

    monkeypatch.setattr(cli, "out", Console(width=300))
    db = str(tmp_path / "demo.db")
    first = runner.invoke(app, ["demo", "--db", db])
    assert first.exit_code == 0, first.output
    assert "12 documents, 12 newly stored" in first.output
    assert "sitrep database" in first.stdout and "deployments" in first.stdout
    assert "Global Coalition against Daesh" in first.stdout and "IMPACT" in first.stdout
    stored = counts(open_db(db))
    assert stored["documents"] == 12 and stored["deployments"] > 0
    again = runner.invoke(app, ["demo", "--db", db])
    assert again.exit_code == 0 and "12 documents, 0 newly stored" in again.output
    assert counts(open_db(db)) == stored
