"""Peak memory of extracting one very long document, chunk by chunk.

    .venv/bin/python bench/memory.py [--mb 50] [--limit-mb 600]

Joins the sample and dev documents, repeated, into ONE document of `--mb` megabytes, extracts it
with `extract_document` (which cuts it into chunks of `CHUNK_CHARS`), and prints the resident
memory after model load, after each tenth of the chunks, and at the peak, with the time taken.
Memory should stay flat from chunk to chunk: it is that of one chunk, not of the document.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import seed_documents  # noqa: E402

from sitrep.extract import chunks, pipeline  # noqa: E402
from sitrep.ingest import make_document  # noqa: E402
from sitrep.nlp.pipeline import load_nlp  # noqa: E402


def rss_mib() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--limit-mb", type=float, default=600.0)
    args = parser.parse_args()
    os.environ["SITREP_MAX_SECONDS"] = "0"  # a long document takes long: no time limit here
    texts = [d.text for d in seed_documents()]
    parts, size = [], 0
    while size < args.mb * 1_000_000:
        for t in texts:
            parts.append(t)
            size += len(t.encode("utf-8")) + 2
    document = make_document("\n\n".join(parts), id="long", published="2024-01-01")
    load_nlp()
    pipeline.extract_document(make_document("Warm-up.", id="w"))
    base = rss_mib()
    warm_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spans = chunks.chunk_spans(document.text)
    marks = {len(spans) * k // 10 for k in range(1, 11)}
    samples: list[tuple[int, float]] = []
    seen = [0]
    original = chunks.extract_chunked

    def observed_parse(text: str):
        seen[0] += 1
        if seen[0] in marks:
            samples.append((seen[0], rss_mib()))
        return load_nlp()(text)

    start = time.perf_counter()
    result = original(document, observed_parse, pipeline.extract_parsed)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = len(document.text.split())
    print(f"document: {len(document.text.encode('utf-8')) / 1e6:.1f} MB, {words:,} words, "
          f"{len(spans)} chunks of at most {chunks.CHUNK_CHARS:,} characters")
    print(f"facts: {len(result.facts):,}, mentions: {len(result.mentions):,}")
    print(f"time: {seconds:.0f} s ({words / seconds:,.0f} words/s)")
    print(f"RSS after model load: {base:.0f} MiB (peak so far {warm_peak:.0f} MiB, "
          "while loading the model and the place index)")
    for n, mib in samples:
        print(f"  after chunk {n:>5}: {mib:.0f} MiB")
    verdict = "within" if peak <= args.limit_mb else "OVER"
    print(f"peak RSS: {peak:.0f} MiB ({verdict} the {args.limit_mb:.0f} MiB budget)")


if __name__ == "__main__":
    main()
