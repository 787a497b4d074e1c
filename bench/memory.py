"""Peak memory of extracting (and storing) one very long document, chunk by chunk.

    .venv/bin/python bench/memory.py [--mb 50] [--limit-mb 600] [--db PATH]

Joins the sample and dev documents, repeated, into ONE document of `--mb` megabytes and puts it
through the chunked path (chunks of `SITREP_CHUNK_CHARS`, default 30,000 characters):

- without `--db`, `extract_document`: every chunk's results held in memory, as `sitrep extract`
  does;
- with `--db PATH` (a new SQLite file), `extract_document_spooled` then `store_extraction`, as
  `sitrep ingest` does: each chunk's results spooled to a temporary file, then read back a chunk
  at a time into one transaction.

Prints the resident memory (VmRSS) after model load, after each tenth of the chunks (and, with
`--db`, of the store), the peak (VmHWM) and the time. The document is built in memory, so the
byte limit does not apply; the character and time limits do, as in `sitrep ingest`: unless
`SITREP_MAX_CHARS` / `SITREP_MAX_SECONDS` are set, this script raises them to fit the document
(no time limit) and says so.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import seed_documents  # noqa: E402
from machine import describe  # noqa: E402

from sitrep.extract import chunks, pipeline  # noqa: E402
from sitrep.ingest import make_document  # noqa: E402
from sitrep.ingest.limits import Limits  # noqa: E402
from sitrep.nlp.pipeline import load_nlp  # noqa: E402


def status_mib(field: str) -> float:
    """A memory figure of this process from /proc (VmRSS now, VmHWM the peak), in MiB."""
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mib() -> float:
    return status_mib("VmRSS")


def build_document(mb: float):
    texts = [d.text for d in seed_documents()]
    parts, size = [], 0
    while size < mb * 1_000_000:
        for t in texts:
            parts.append(t)
            size += len(t.encode("utf-8")) + 2
    return make_document("\n\n".join(parts), id="long", published="2024-01-01")


def tenths(n: int) -> set[int]:
    return {max(n * k // 10, 1) for k in range(1, 11)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--limit-mb", type=float, default=600.0)
    parser.add_argument("--db", help="a new SQLite file: extract with spooling and store there")
    args = parser.parse_args()
    if args.db and Path(args.db).exists():
        parser.error(f"{args.db} exists: give a new file, so the document is not skipped")
    print(f"machine: {describe()}")
    document = build_document(args.mb)
    n_chars = len(document.text)
    raised = []
    if not os.environ.get("SITREP_MAX_CHARS", "").strip() and n_chars > Limits().max_chars:
        os.environ["SITREP_MAX_CHARS"] = str(n_chars)
        raised.append(f"SITREP_MAX_CHARS={n_chars}")
    if not os.environ.get("SITREP_MAX_SECONDS", "").strip():
        os.environ["SITREP_MAX_SECONDS"] = "0"  # a long document takes long
        raised.append("SITREP_MAX_SECONDS=0")
    limits = Limits.from_env()
    print(f"limits: {limits.max_chars:,} characters, "
          f"{limits.max_seconds:g} s (0: none)" + (f"; set here: {', '.join(raised)}"
                                                     if raised else ""))

    load_nlp()
    pipeline.extract_document(make_document("Warm-up.", id="w"))
    engine = None
    if args.db:
        from sitrep.store.db import open_db, store_extraction

        engine = open_db(args.db)
    base = rss_mib()
    warm_peak = status_mib("VmHWM")

    size = chunks.chunk_chars()
    spans = chunks.chunk_spans(document.text, size)
    marks = tenths(len(spans))
    samples: list[tuple[int, float]] = []
    seen = [0]
    extract_parsed = pipeline.extract_parsed

    def observed_extract(piece, doc):  # each chunk, parsed, before its extraction
        seen[0] += 1
        if seen[0] in marks:
            samples.append((seen[0], rss_mib()))
        return extract_parsed(piece, doc)

    pipeline.extract_parsed = observed_extract
    start = time.perf_counter()
    store_samples: list[tuple[int, float]] = []
    if engine is None:
        result = pipeline.extract_document(document)
        n_facts, n_mentions = len(result.facts), len(result.mentions)
        extract_s = time.perf_counter() - start
        store_s = 0.0
        stored = None
    else:
        spooled = pipeline.extract_document_spooled(document)
        extract_s = time.perf_counter() - start
        n_facts, n_mentions = spooled.facts, spooled.mentions
        spool_mb = os.path.getsize(spooled.path) / 1e6
        records = spooled.records
        store_marks = tenths(spooled.chunks)

        def observed_records():
            for i, record in enumerate(records(), 1):
                yield record
                if i in store_marks:
                    store_samples.append((i, rss_mib()))

        spooled.records = observed_records  # type: ignore[method-assign]
        t = time.perf_counter()
        stored = store_extraction(engine, spooled)
        store_s = time.perf_counter() - t
    pipeline.extract_parsed = extract_parsed
    seconds = time.perf_counter() - start
    peak = status_mib("VmHWM")
    end_rss = rss_mib()
    # Whitespace-separated words, counted a chunk at a time (chunks are cut at whitespace), so
    # that the count does not hold a list of every word of the document.
    words = sum(len(document.text[s:e].split()) for s, e in spans)

    print(f"document: {len(document.text.encode('utf-8')) / 1e6:.1f} MB, {n_chars:,} characters, "
          f"{words:,} words, {len(spans)} chunks of at most {size:,} characters")
    print(f"facts: {n_facts:,}, mentions: {n_mentions:,}")
    if engine is None:
        print(f"time: {seconds:.0f} s ({words / seconds:,.0f} words/s), extraction only")
    else:
        from sitrep.store.db import counts

        n = counts(engine)
        in_db = sum(v for k, v in n.items() if k not in ("documents", "mentions"))
        print(f"time: {seconds:.0f} s ({words / seconds:,.0f} words/s): extraction and spooling "
              f"{extract_s:.0f} s (spool file {spool_mb:.0f} MB), store {store_s:.0f} s")
        print(f"stored: {stored}; database holds {n['documents']} document(s), "
              f"{n['mentions']:,} mentions, {in_db:,} facts")
    print(f"RSS after model load: {base:.0f} MiB (peak so far {warm_peak:.0f} MiB, "
          "while loading the model and the place index, document built)")
    for i, mib in samples:
        print(f"  chunk {i:>5} of {len(spans)} (parsed): {mib:.0f} MiB")
    for i, mib in store_samples:
        print(f"  store: chunk {i:>5} of {len(spans)} inserted: {mib:.0f} MiB")
    print(f"RSS at the end: {end_rss:.0f} MiB")
    verdict = "within" if peak <= args.limit_mb else "OVER"
    print(f"peak RSS (VmHWM): {peak:.0f} MiB ({verdict} the {args.limit_mb:.0f} MiB budget)")
    return 0 if peak <= args.limit_mb else 1


if __name__ == "__main__":
    sys.exit(main())
