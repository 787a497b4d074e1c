"""The sitrep command line: one sub-command per job."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from sitrep.model import FACT_KINDS, IngestError

app = typer.Typer(add_completion=False, help="Sourced facts from defence and security news.",
                  no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True)
out = Console()

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path "
                                               "(default: $SITREP_DB, else ./sitrep.db).")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Published date (YYYY-MM-DD) for inputs that lack one.")]
Inputs = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]


def _read(inputs: list[str], published: str | None, failures: list[IngestError]):
    """Documents from the inputs; errors are reported on stderr and collected."""
    from sitrep.ingest import Limits, read_inputs

    for item in read_inputs(inputs, published=published, limits=Limits.from_env()):
        if isinstance(item, IngestError):
            failures.append(item)
            err.print(f"[red]error[/red] {item.source}: {item.reason}", highlight=False)
        else:
            yield item


def _safe_extract(documents, failures: list[IngestError]):
    """Extractions, one per document; a document that breaks the extractor is one error."""
    from sitrep.extract.pipeline import extract_document

    for document in documents:
        try:
            yield extract_document(document)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            failure = IngestError(document.source or document.id, f"extraction failed: {exc!r}")
            failures.append(failure)
            err.print(f"[red]error[/red] {failure.source}: {failure.reason}", highlight=False)


@app.command()
def extract(inputs: Inputs, published: PublishedOption = None) -> None:
    """Print JSON Lines of extracted facts, one object per document, without a database."""
    failures: list[IngestError] = []
    for result in _safe_extract(_read(inputs, published, failures), failures):
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(inputs: Inputs, db: DbOption = None, published: PublishedOption = None) -> None:
    """Extract facts from the inputs and store them; documents already stored are skipped."""
    from sitrep.store.db import open_db, store_extraction

    engine = open_db(db)
    failures: list[IngestError] = []
    added = skipped = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        documents = list(_read(inputs, published, failures))
        progress.update(task, total=len(documents))
        for result in _safe_extract(documents, failures):
            if store_extraction(engine, result):
                added += 1
            else:
                skipped += 1
            progress.advance(task)
    err.print(f"{added} stored, {skipped} already stored, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


@app.command()
def facts(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(FACT_KINDS)}.")],
    country: Annotated[str | None, typer.Option(help="ISO3 code of the fact's state.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many facts.")] = None,
    db: DbOption = None,
) -> None:
    """List stored facts of one kind, with the document and sentence each comes from."""
    from sitrep.store.db import open_db, query_facts

    if kind not in FACT_KINDS:
        err.print(f"unknown kind {kind!r}; choose one of: {', '.join(FACT_KINDS)}")
        raise typer.Exit(2)
    rows = query_facts(open_db(db), kind, country=country, limit=limit)
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=kind, show_lines=False)
    for col in ("fact", "confidence", "document", "evidence"):
        table.add_column(col, overflow="fold")
    for row in rows:
        data = {k: v for k, v in row["data"].items() if v not in (None, [], "")}
        table.add_row(json.dumps(data, ensure_ascii=False), f"{row['confidence']:.2f}",
                      row["document"], row["evidence"][:160])
    out.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write into.")] = Path(
        "export"),
    db: DbOption = None,
) -> None:
    """Write documents, mentions and facts to files in DIR."""
    from sitrep.store.db import open_db
    from sitrep.store.export import FORMATS
    from sitrep.store.export import export as run_export

    if fmt not in FORMATS:
        err.print(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
        raise typer.Exit(2)
    for path in run_export(open_db(db), fmt, out_dir):
        out.print(str(path))


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold JSON files (GOLD.md).")],
    inputs: Inputs,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    published: PublishedOption = None,
) -> None:
    """Score extraction against hand-made gold facts: precision, recall and F1 per kind."""
    from sitrep.evaluate.gold import load_gold_dir, score_corpus

    gold = load_gold_dir(gold_dir)
    failures: list[IngestError] = []
    docs = [d for d in _read(inputs, published, failures) if d.id in gold]
    pairs = [(gold[r.document.id], r.to_json()) for r in _safe_extract(docs, failures)]
    report = score_corpus(pairs)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=1) + "\n")
    else:
        out.print(f"{len(pairs)} documents scored against {gold_dir}", highlight=False)
        out.print(report.table(), highlight=False)


@app.command("eval-mentions")
def evaluate_mentions(
    re3d_dir: Annotated[Path, typer.Argument(help="The re3d data directory.")],
) -> None:
    """Score entity mentions against the re3d annotations (overlap, same type)."""
    from sitrep.evaluate.re3d import run
    from sitrep.nlp.predict import re3d_predictor

    report = run(re3d_dir, re3d_predictor())
    out.print(report.table(), highlight=False)


@app.command()
def summary(db: DbOption = None) -> None:
    """Show what the database holds: documents, facts per kind, recent facts."""
    from sitrep.store.db import counts, open_db

    engine = open_db(db)
    n = counts(engine)
    table = Table(title="sitrep database")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("documents", "mentions", *FACT_KINDS):
        table.add_row(key, str(n.get(key, 0)))
    out.print(table)
    _print_key_facts(engine)


def _print_key_facts(engine) -> None:
    """Group sizes and deployed counts, oldest first: the figures an analyst checks first."""
    from sitrep.store.db import query_facts

    for kind, cols in (("group_sizes", ("group", "count", "unit")),
                       ("deployments", ("country", "operation", "qualifier", "count", "unit",
                                        "as_of"))):
        rows = sorted(query_facts(engine, kind), key=lambda r: r["published"] or "")
        if not rows:
            continue
        table = Table(title=kind)
        for col in ("published", *cols, "document"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["published"] or "", *(str(r["data"].get(c) or "") for c in cols),
                          r["document"])
        out.print(table)




@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled sample corpus into the database and show what it holds."""
    from sitrep.extract.pipeline import extract_documents
    from sitrep.sample import sample_dir
    from sitrep.store.db import open_db, store_extraction

    engine = open_db(db)
    failures: list[IngestError] = []
    docs = list(_read(sorted(str(p) for p in sample_dir().glob("*.txt")), None, failures))
    added = sum(store_extraction(engine, r) for r in extract_documents(docs))
    err.print(f"sample corpus: {len(docs)} documents, {added} newly stored")
    summary(db)
