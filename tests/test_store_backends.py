"""The store on SQLite and on PostgreSQL: same writes, same queries, same answers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.model import Extraction
from sitrep.store.db import (
    counts,
    database_url,
    open_db,
    query_facts,
    schema_version,
    store_extraction,
)
from sitrep.store.export import export
from sitrep.store.schema import SCHEMA_VERSION

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "sample"
# Undated, non-ASCII, with a non-state actor: exercises NULL ordering, Unicode and JSON.
EXTRA = ("Hezbollah pledged to send 200 fighters to Aleppo, Syria. Le ministre français de la "
         "Défense, Jean-Yves Le Drian, met Canadian Defence Minister Harjit Sajjan in Zürich.")

runner = CliRunner()


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    """The sample corpus plus one undated document, extracted once."""
    from sitrep.extract.pipeline import extract_documents
    from sitrep.ingest import make_document, read_inputs

    docs = list(read_inputs(sorted(str(p) for p in SAMPLE.glob("*.txt"))))
    docs.append(make_document(EXTRA, id="extra"))
    return list(extract_documents(docs))



def _expected_rows(extractions: list[Extraction], kind: str, country: str | None = None):
    """What `query_facts` must return, computed without a database: newest documents first
    (undated last), facts in stored order."""
    ordered = sorted(extractions, key=lambda e: e.document.published or "", reverse=True)
    return [(e.document.id, f.evidence, f.start, f.end, f.data)
            for e in ordered for f in e.facts
            if f.kind == kind and (country is None or f.data.get("country") == country)]


def test_store_is_one_transaction_per_document_and_idempotent(db_url, extractions) -> None:
    engine = open_db(db_url)
    assert schema_version(engine) == SCHEMA_VERSION
    assert all(store_extraction(engine, e) for e in extractions)
    assert not any(store_extraction(engine, e) for e in extractions)
    n = counts(engine)
    assert n["documents"] == len(extractions)
    assert n["mentions"] == sum(len(e.mentions) for e in extractions)
    expected = Counter(f.kind for e in extractions for f in e.facts)
    assert {k: v for k, v in n.items() if k not in ("documents", "mentions")} == dict(expected)
    engine.dispose()


def test_query_facts_same_answers_with_country_filter(db_url, extractions) -> None:
    engine = open_db(db_url)
    for e in extractions:
        store_extraction(engine, e)
    for kind, country in (("persons", None), ("persons", "CAN"), ("deployments", "CAN"),
                          ("meetings", None)):
        rows = list(query_facts(engine, kind, country=country))
        got = [(r["document"], r["evidence"], r["start"], r["end"], r["data"]) for r in rows]
        assert got == _expected_rows(extractions, kind, country), (kind, country)
        assert got, (kind, country)
    assert len(list(query_facts(engine, "persons", country="can", limit=2))) == 2
    engine.dispose()


def test_unicode_and_non_state_actor_round_trip(db_url, extractions) -> None:
    engine = open_db(db_url)
    extra = extractions[-1]
    assert store_extraction(engine, extra)
    from sqlalchemy import select

    from sitrep.store import schema

    with engine.connect() as conn:
        text = conn.execute(select(schema.documents.c.text)).scalar_one()
        stored = conn.execute(select(schema.facts.c.country, schema.facts.c.data)).all()
    assert text == extra.document.text and "Zürich" in text
    assert sorted(json.dumps(d, sort_keys=True) for _, d in stored) == sorted(
        json.dumps(f.data, sort_keys=True) for f in extra.facts)
    engine.dispose()


def test_export_writes_what_was_stored(db_url, extractions, tmp_path: Path) -> None:
    engine = open_db(db_url)
    for e in extractions:
        store_extraction(engine, e)
    export(engine, "jsonl", tmp_path / "jsonl")
    lines = (tmp_path / "jsonl" / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    got = sorted(json.dumps(json.loads(line)["data"], sort_keys=True) for line in lines)
    assert got == sorted(json.dumps(f.data, sort_keys=True) for e in extractions for f in e.facts)
    for fmt in ("csv", "parquet"):
        paths = export(engine, fmt, tmp_path / fmt)
        assert all(p.stat().st_size > 0 for p in paths)
    engine.dispose()


def test_cli_ingest_and_facts_with_a_url(db_url) -> None:
    inputs = [str(SAMPLE / f"{name}.txt")
              for name in ("01-impact-launch-2014", "06-paris-ministerial-2016")]
    first = runner.invoke(app, ["ingest", *inputs, "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "2 stored" in first.output
    again = runner.invoke(app, ["ingest", *inputs, "--db", db_url])
    assert again.exit_code == 0 and "2 already stored" in again.output
    result = runner.invoke(app, ["facts", "persons", "--json", "--db", db_url])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["document"] for r in rows} <= {"sample-01-impact-launch-2014",
                                                        "sample-06-paris-ministerial-2016"}
    assert counts(open_db(db_url))["documents"] == 2


def test_bare_postgresql_urls_use_psycopg() -> None:
    assert database_url("postgresql://u@h:5/d") == "postgresql+psycopg://u@h:5/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_nul_and_control_characters_in_metadata_are_dropped(db_url, tmp_path: Path) -> None:
    """A record whose title and publisher hold NUL and other controls (which PostgreSQL text
    refuses) is stored with them removed, beside a clean record of the same batch."""
    records = [{"id": "nul\u0000-one", "title": "Ministers\u0000 meet\u0007 in Rome",
                "publisher": "Defence\u0000 Ministry", "published": "2021-06-28",
                "text": "Canada sent 200 soldiers to Iraq on 28 June 2021."},
               {"id": "clean-two", "title": "A clean record", "text": "NATO met in Brussels."}]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output
    from sqlalchemy import select

    from sitrep.store.schema import documents as d

    with open_db(db_url).connect() as conn:
        rows = {r.id: r for r in conn.execute(select(d.c.id, d.c.title, d.c.publisher))}
    assert set(rows) == {"nul-one", "clean-two"}
    assert rows["nul-one"].title == "Ministers meet in Rome"
    assert rows["nul-one"].publisher == "Defence Ministry"
