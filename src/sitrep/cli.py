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
WorkersOption = Annotated[int, typer.Option(
    "--workers", min=1, help="Extract in N worker processes (results keep input order).")]


def _read(inputs: list[str], published: str | None, failures: list[IngestError]):
    """Documents from the inputs; errors are reported on stderr and collected."""
    from sitrep.ingest import Limits, read_inputs

    for item in read_inputs(inputs, published=published, limits=Limits.from_env()):
        if isinstance(item, IngestError):
            failures.append(item)
            err.print(f"[red]error[/red] {item.source}: {item.reason}", highlight=False)
        else:
            yield item


def _safe_extract(documents, failures: list[IngestError], workers: int = 1,
                  spool: bool = False):
    """Extractions, one per document, in input order; a document that breaks the extractor is
    one error and the batch goes on. One process parses in batches; `workers` > 1 uses a pool.
    With `spool` (for storing), a long document's results are spooled to a file chunk by chunk
    (`sitrep.extract.spool`) and the store reads them back."""
    from sitrep.engine.local import batches, extract_batch, extract_parallel

    if workers > 1:
        items = extract_parallel(documents, workers, spool=spool)
    else:
        items = (item for batch in batches(documents) for item in extract_batch(batch, spool))
    yield from _reported(items, failures)


def _ray_extract(documents, failures: list[IngestError], workers: int, address: str | None):
    """`_safe_extract` on Ray Data actors (a local Ray unless `address` names a cluster), a
    long document's results spooled for storing."""
    from sitrep.engine.ray_runner import extract_ray

    yield from _reported(extract_ray(documents, workers=max(workers, 2), address=address,
                                     spool=True), failures)


def _reported(items, failures: list[IngestError]):
    """Extractions from a stream of results; each error is collected and printed."""
    for item in items:
        if isinstance(item, IngestError):
            failures.append(item)
            err.print(f"[red]error[/red] {item.source}: {item.reason}", highlight=False)
        else:
            yield item


@app.command()
def extract(inputs: Inputs, published: PublishedOption = None,
            workers: WorkersOption = 1) -> None:
    """Print JSON Lines of extracted facts, one object per document, without a database."""
    failures: list[IngestError] = []
    for result in _safe_extract(_read(inputs, published, failures), failures, workers):
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failures else 0)


@app.command()
def ingest(inputs: Inputs, db: DbOption = None, published: PublishedOption = None,
           workers: WorkersOption = 1,
           reextract: Annotated[bool, typer.Option(
               "--reextract", help="Re-extract documents already stored, replacing their "
               "facts (analyst corrections still apply).")] = False,
           engine_name: Annotated[str, typer.Option(
               "--engine", help="local (this machine, --workers N) or ray (Ray Data actors; "
               "--workers sets their number).")] = "local",
           address: Annotated[str | None, typer.Option(
               "--address", help="Ray cluster to use (e.g. auto, ray://HEAD:10001); "
               "default: start a local Ray.")] = None) -> None:
    """Extract facts from the inputs and store them; documents already stored are skipped."""
    from sitrep.store.db import has_document, open_db, store_extraction
    from sitrep.store.replace import replace_extraction

    store = replace_extraction if reextract else store_extraction  # replace: True = replaced

    engine = open_db(db)
    failures: list[IngestError] = []
    added = skipped = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        documents = list(_read(inputs, published, failures))
        if not reextract:  # skip stored documents before extracting (a rerun after a crash)
            fresh = [d for d in documents if not has_document(engine, d.hash)]
            skipped, documents = len(documents) - len(fresh), fresh
        progress.update(task, total=len(documents))
        if engine_name not in ("local", "ray"):
            err.print(f"unknown engine {engine_name!r}; choose local or ray")
            raise typer.Exit(2)
        results = (_ray_extract(documents, failures, workers, address) if engine_name == "ray"
                   else _safe_extract(documents, failures, workers, spool=True))
        for result in results:
            if store(engine, result) != reextract:
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
    misses: Annotated[bool, typer.Option(
        "--misses", help="Also count why gold items went unmatched, per part and kind.")] = False,
    published: PublishedOption = None,
) -> None:
    """Score extraction against hand-made gold facts: precision, recall and F1 per kind."""
    from sitrep.evaluate.gold import load_gold_dir, score_corpus
    from sitrep.evaluate.misses import corpus_misses
    from sitrep.evaluate.split import by_part

    gold = load_gold_dir(gold_dir)
    failures: list[IngestError] = []
    docs = [d for d in _read(inputs, published, failures) if d.id in gold]
    pairs = [(r.document.id, (gold[r.document.id], r.to_json()))
             for r in _safe_extract(docs, failures)]
    reports = {"all": score_corpus(p for _, p in pairs)}
    reports.update({part: score_corpus(p) for part, p in by_part(pairs).items()})
    reasons = {"all": corpus_misses(p for _, p in pairs)} if misses else {}
    reasons.update({part: corpus_misses(p) for part, p in by_part(pairs).items() if misses})
    if as_json:
        data = {k: r.to_dict() for k, r in reports.items()}
        for part, by_kind in reasons.items():
            data[part]["misses"] = {k: dict(c) for k, c in by_kind.items() if c}
        sys.stdout.write(json.dumps(data, indent=1) + "\n")
        return
    out.print(f"{len(pairs)} documents scored against {gold_dir}", highlight=False)
    _print_parts(reports, reasons)


def _print_parts(reports: dict, reasons: dict | None = None) -> None:
    """One table per part: all documents, then the development and the held-out test part;
    after each, where asked, the counted reasons for its misses."""
    titles = {"all": "all documents", "dev": "development part (tuned on)",
              "test": "test part (held out: never tuned on)"}
    for key, report in reports.items():
        if key != "all" and not report.documents:
            continue
        out.print(f"\n{titles[key]}: {report.documents} documents", highlight=False)
        out.print(report.table(), highlight=False)
        for kind, counts in (reasons or {}).get(key, {}).items():
            for reason, n in counts.most_common():
                out.print(f"  missed {kind}: {n:3d}  {reason}", highlight=False)


@app.command()
def events(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help="plover (JSON Lines) or cameo (TSV).")
                   ] = "plover",
    published: PublishedOption = None,
) -> None:
    """Code PLOVER events with CAMEO codes; print PLOVER JSON Lines or a Phoenix-style TSV."""
    from sitrep.events.formats import PHOENIX_COLUMNS, cameo_rows, plover_records

    if fmt not in ("plover", "cameo"):
        err.print(f"unknown format {fmt!r}; choose plover or cameo")
        raise typer.Exit(2)
    failures: list[IngestError] = []
    if fmt == "cameo":
        sys.stdout.write("\t".join(PHOENIX_COLUMNS) + "\n")
    for result in _safe_extract(_read(inputs, published, failures), failures):
        if fmt == "plover":
            for rec in plover_records(result):
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            for row in cameo_rows(result):
                sys.stdout.write("\t".join(row) + "\n")
    raise typer.Exit(1 if failures else 0)


@app.command("eval-events")
def evaluate_events(
    gold_file: Annotated[Path, typer.Argument(help="PLOVER gold JSON (PLOVER_GSR format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    folds: Annotated[int, typer.Option(
        "--folds", min=0, help="Cross-validate the type classifier over K folds of the gold "
        "(each fold coded with a classifier trained without it); 0: the shipped one.")] = 0,
    classifier: Annotated[bool, typer.Option(
        help="Use the type classifier (--no-classifier: the rules alone).")] = True,
) -> None:
    """Score the event coder: type accuracy, events per sentence, actor/recipient code F1."""
    from sitrep.evaluate.plover import confusion_table, run, run_folds

    if folds == 1:
        raise typer.BadParameter("--folds needs at least 2 folds", param_hint="--folds")
    report, _, _ = run_folds(gold_file, folds) if folds and classifier else \
        run(gold_file, classifier)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=1) + "\n")
        return
    d = report.to_dict()
    how = f", {folds}-fold cross-validated" if folds and classifier else \
        ("" if classifier else ", rules alone")
    table = Table(title=f"PLOVER events, {d['sentences']} sentences{how}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("type_accuracy", "type_hit_rate", "events_per_sentence", "actor_f1",
                "recipient_f1", "code_f1", "code_precision", "code_recall"):
        table.add_row(key, f"{d[key]:.3f}")
    out.print(table)
    out.print("gold type (rows) by coded type (columns):", highlight=False)
    out.print(confusion_table(report), highlight=False)


@app.command("eval-mentions")
def evaluate_mentions(
    re3d_dir: Annotated[Path, typer.Argument(help="The re3d data directory.")],
) -> None:
    """Score entity mentions against the re3d annotations (overlap, same type)."""
    from sitrep.evaluate.re3d import run
    from sitrep.nlp.predict import re3d_predictor

    _print_parts(run(re3d_dir, re3d_predictor()))


@app.command("eval-places")
def evaluate_places(
    corpora: Annotated[list[Path], typer.Argument(help="LGL, TR-News or GeoWebNews XML files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score places against geoparsing corpora: recall, precision, country, within 161 km."""
    from sitrep.evaluate.places import run

    rows = [d for r in run(corpora) for d in
            (r.to_dict(), *(part.to_dict() for part in r.parts.values()))]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=1) + "\n")
        return
    heads = {"corpus": "corpus", "articles": "docs", "gold": "gold", "predicted": "pred",
             "recall": "R", "precision": "P", "country_accuracy": "country",
             "accuracy_161km": "<161km", "mean_error_km": "mean_km", "median_error_km": "med_km"}
    width = max([len(r["corpus"]) for r in rows] + [6])
    sys.stdout.write(f"{'corpus':<{width}}" + "".join(f"{h:>9}" for h in list(heads.values())[1:])
                     + "\n")
    for row in rows:
        cells = ("-" if row[k] is None else str(row[k]) for k in list(heads)[1:])
        sys.stdout.write(f"{row['corpus']:<{width}}" + "".join(f"{c:>9}" for c in cells) + "\n")


@app.command("eval-attack-sentences")
def evaluate_attack_sentences(
    corpus: Annotated[Path, typer.Argument(help="Location-annotated event sentences (JSONL).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score attacks on single violent news sentences: found, and placed where the text says."""
    from sitrep.evaluate.attack_sentences import run

    report = run(corpus)
    rows = [report.to_dict(), *(p.to_dict() for p in report.parts.values())]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=1) + "\n")
        return
    heads = ("part", "sentences", "found", "found_rate", "located", "placed", "placed_rate")
    sys.stdout.write("".join(f"{h:>12}" for h in heads) + "\n")
    for row in rows:
        sys.stdout.write("".join(f"{'-' if row[h] is None else row[h]!s:>12}" for h in heads)
                         + "\n")


@app.command()
def summary(
    limit: Annotated[int, typer.Option(min=1, help="Latest figures shown per kind.")] = 20,
    db: DbOption = None,
) -> None:
    """Show what the database holds: documents, facts per kind, and the latest group sizes
    and deployed counts."""
    from sitrep.store.db import counts, open_db

    engine = open_db(db)
    n = counts(engine)
    table = Table(title="sitrep database")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("documents", "mentions", *FACT_KINDS):
        table.add_row(key, str(n.get(key, 0)))
    out.print(table)
    _print_key_facts(engine, limit, n)


def _print_key_facts(engine, limit: int, n: dict[str, int]) -> None:
    """The latest `limit` group sizes and deployed counts (by published date), oldest first:
    the figures an analyst checks first; `sitrep facts KIND` lists every one."""
    from sitrep.store.db import query_facts

    for kind, cols in (("group_sizes", ("group", "count", "unit")),
                       ("deployments", ("country", "operation", "qualifier", "count", "unit",
                                        "as_of"))):
        rows = sorted(query_facts(engine, kind, limit=limit), key=lambda r: r["published"] or "")
        if not rows:
            continue
        total = n.get(kind, len(rows))
        title = kind if total <= len(rows) else f"{kind}: the latest {len(rows)} of {total:,}"
        table = Table(title=title)
        for col in ("published", *cols, "document"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["published"] or "", *(str(r["data"].get(c) or "") for c in cols),
                          r["document"])
        out.print(table)
        if total > len(rows):
            out.print(f"`sitrep facts {kind}` lists all {total:,}", highlight=False)


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
    summary(db=db)
    for name in ("Global Coalition against Daesh", "Operation IMPACT"):
        picture(name, db=db)


# ---- the picture across documents (sitrep.picture) ------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
HEAD = 50  # = sitrep.picture.stored.HEAD, the stored short answer (not imported: CLI start-up)
LimitOption = Annotated[int, typer.Option(min=1, help="At most this many items per list.")]
AllOption = Annotated[bool, typer.Option("--all", help="Every item (can be large).")]


def _json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@app.command()
def picture(
    actor: Annotated[str, typer.Argument(help="A state, group, operation or person: name, "
                                         "code or id (e.g. CAN, \"Global Coalition\", Sajjan).")],
    limit: LimitOption = HEAD,
    show_all: AllOption = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The consolidated view of one actor across documents, each item with its sources
    (kept in the database until the store changes, so asking again answers at once). Each
    list shows its first `--limit` items and says how many more there are."""
    from sitrep.picture import open_db
    from sitrep.picture.render import print_picture

    _show(lambda: open_db(db).stored_picture(actor, None if show_all else limit), print_picture,
          as_json)


def _show(fetch, render, as_json: bool) -> None:
    """Print a picture or timeline as JSON or tables; an unknown actor exits 2. Without
    cyclic garbage collection while answering: when the answer is not stored yet, its passes
    would walk the whole consolidation (about 10 s at 1,000,000 facts)."""
    from sitrep.picture.consolidate import gc_paused

    with gc_paused():
        try:
            result = fetch()
        except LookupError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from None
        if as_json:
            _json(result.to_dict())
        else:
            render(out, result)


@app.command()
def timeline(
    actor: Annotated[str, typer.Argument(help="A state, group, operation or person.")],
    operation: Annotated[str | None, typer.Option(help="Only this operation's facts.")] = None,
    limit: LimitOption = HEAD,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many entries first.")] = 0,
    show_all: AllOption = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """An actor's dated facts, oldest first, with source counts and conflicts: `--limit`
    entries from `--offset` (the first 50 by default), or `--all`."""
    from sitrep.picture import open_db
    from sitrep.picture.render import print_timeline

    _show(lambda: open_db(db).stored_timeline(actor, operation, None if show_all else limit,
                                              offset),
          lambda console, tl: print_timeline(console, tl, offset), as_json)


@app.command()
def review(
    kind: Annotated[str | None, typer.Option(help="Only facts of this kind.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many facts.")] = 20,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Stored facts, least certain first, with their fact ids for `sitrep correct`."""
    from sitrep.picture import open_db
    from sitrep.picture.render import print_review

    items = open_db(db).review(kind=kind, limit=limit)
    if as_json:
        _json([i.to_dict() for i in items])
    else:
        print_review(out, items)


correct_app = typer.Typer(help="Analyst corrections, kept apart from extracted facts and "
                          "applied on read; they survive re-extraction.", no_args_is_help=True)
app.add_typer(correct_app, name="correct")
Note = Annotated[str | None, typer.Option(help="Why (kept with the correction).")]


def _done(pk: int, as_json: bool) -> None:
    if as_json:
        _json({"correction": pk})
    else:
        out.print(f"correction {pk} stored", highlight=False)


@correct_app.command("reject")
def correct_reject(fact: Annotated[str, typer.Argument(help="Fact id (see review) or pk.")],
                   note: Note = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Mark a fact wrong: it is left out of every picture."""
    from sitrep.picture import open_db

    try:
        _done(open_db(db).reject(fact, note=note), as_json)
    except (LookupError, ValueError) as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None


@correct_app.command("edit")
def correct_edit(fact: Annotated[str, typer.Argument(help="Fact id (see review) or pk.")],
                 field: Annotated[str, typer.Argument(help="Field of the fact, e.g. count.")],
                 value: Annotated[str, typer.Argument(help="New value (JSON, else text).")],
                 note: Note = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Read a fact with one field changed."""
    from sitrep.picture import open_db
    from sitrep.picture.corrections import parse_value

    try:
        _done(open_db(db).edit(fact, field, parse_value(value), note=note), as_json)
    except (LookupError, ValueError) as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None


@correct_app.command("merge")
def correct_merge(keep: Annotated[str, typer.Argument(help="Actor to keep (name or id).")],
                  other: Annotated[str, typer.Argument(help="Actor that is the same one.")],
                  note: Note = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Two actors are one: OTHER becomes an alias of KEEP."""
    from sitrep.picture import open_db

    _done(open_db(db).merge(keep, other, note=note), as_json)


@correct_app.command("split")
def correct_split(actor: Annotated[str, typer.Argument(help="Actor (name or id).")],
                  name: Annotated[str, typer.Argument(help="A name that is not this actor.")],
                  note: Note = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """A name was wrongly resolved to an actor: it becomes an actor of its own."""
    from sitrep.picture import open_db

    _done(open_db(db).split(actor, name, note=note), as_json)


@correct_app.command("list")
def correct_list(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Every stored correction, oldest first."""
    from sitrep.picture import open_db

    items = open_db(db).corrections()
    if as_json:
        _json([c.to_dict() for c in items])
        return
    for c in items:
        what = c.fact_key if c.fact_key is not None else f"{c.target} / {c.field}"
        extra = f" {c.field}={json.dumps(c.value)}" if c.action == "edit" else ""
        out.print(f"{c.pk} {c.action} {c.kind or 'actor'} {what}{extra} {c.note or ''}",
                  highlight=False)


@correct_app.command("undo")
def correct_undo(pk: Annotated[int, typer.Argument(help="Correction number (see list).")],
                 db: DbOption = None) -> None:
    """Remove a correction."""
    from sitrep.picture import open_db

    if not open_db(db).undo(pk):
        err.print(f"no correction {pk}")
        raise typer.Exit(2)


# ---- the web explorer (sitrep.web) -----------------------------------------------------------

@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (loopback unless --allow-remote).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow binding to an address other machines can reach.")] = False,
) -> None:
    """Serve the web explorer and its JSON API (reads open; writes need `sitrep token`)."""
    import threading

    import uvicorn

    from sitrep.web import create_app
    from sitrep.web.app import LOOPBACK_NAMES
    from sitrep.web.security import is_loopback

    local = is_loopback(host)
    if not local and not allow_remote:
        err.print(f"refusing to bind to {host}: not a loopback address; pass --allow-remote "
                  "to serve other machines")
        raise typer.Exit(2)
    web = create_app(db, allowed_hosts=LOOPBACK_NAMES if local else None)
    # consolidate in the background so the first picture page does not wait for it
    threading.Thread(target=web.state.sitrep.warm, daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    out.print(f"sitrep explorer: http://{shown}:{port}/", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def token(db: DbOption = None) -> None:
    """Print a new write token for the web explorer; only its hash is stored, and it replaces
    any earlier token (ending its sessions)."""
    from sitrep.store.db import open_db
    from sitrep.web.security import new_token

    sys.stdout.write(new_token(open_db(db)) + "\n")
