"""Fuzz campaign: many hostile inputs through every reader and through extraction.

    python bench/fuzz.py                      # 2,000 reader inputs, 200 extractor texts
    python bench/fuzz.py --readers 20000 --texts 1000 --seed 7

Uses the Hypothesis strategies of the test suite (tests/fuzzing.py), randomised by `--seed`.
Prints how many inputs became documents, per-document errors or time-outs, any crash (an
exception escaping a reader or the extractor), the slowest input and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fuzzing import hostile_bytes, hostile_texts  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SUFFIXES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".zip", ".gz", ".bin"]


def _settings(n: int) -> settings:
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def readers(n: int, rng_seed: int) -> tuple[Counter, float]:
    """Bytes under every extension through `read_inputs`; counts outcomes."""
    from sitrep.ingest import read_inputs
    from sitrep.model import IngestError

    counts: Counter = Counter()
    slowest = [0.0]

    @seed(rng_seed)
    @_settings(n)
    @given(data=hostile_bytes(), suffix=st.sampled_from(SUFFIXES))
    def run(data: bytes, suffix: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            start = time.perf_counter()
            try:
                for item in read_inputs([str(path)]):
                    counts["error" if isinstance(item, IngestError) else "document"] += 1
            except Exception:  # noqa: BLE001 - a crash is what the campaign looks for
                counts["crash"] += 1
                traceback.print_exc()
            slowest[0] = max(slowest[0], time.perf_counter() - start)
        counts["inputs"] += 1

    run()
    return counts, slowest[0]


def extractor(n: int, rng_seed: int) -> tuple[Counter, float]:
    """Hostile text through `extract_document`; counts outcomes."""
    from sitrep.extract.deadline import DocumentTimeout
    from sitrep.extract.pipeline import extract_document
    from sitrep.ingest import make_document

    extract_document(make_document("Canada sent 200 troops to Iraq."))  # load everything
    counts: Counter = Counter()
    slowest = [0.0]

    @seed(rng_seed)
    @_settings(n)
    @given(text=hostile_texts())
    def run(text: str) -> None:
        doc = make_document(text)
        counts["texts"] += 1
        if not doc.text:
            counts["empty"] += 1
            return
        start = time.perf_counter()
        try:
            result = extract_document(doc)
            json.dumps(result.to_json(), allow_nan=False)
            counts["result"] += 1
            counts["facts"] += len(result.facts)
        except DocumentTimeout:
            counts["time-out"] += 1
        except Exception:  # noqa: BLE001 - a crash is what the campaign looks for
            counts["crash"] += 1
            traceback.print_exc()
        slowest[0] = max(slowest[0], time.perf_counter() - start)
        counts["chars"] += len(doc.text)

    run()
    return counts, slowest[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=2000, help="reader inputs")
    parser.add_argument("--texts", type=int, default=200, help="extractor texts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", default="30", help="SITREP_MAX_SECONDS for the run")
    args = parser.parse_args()
    os.environ["SITREP_MAX_SECONDS"] = args.max_seconds
    started = time.perf_counter()
    for name, run, n in (("readers", readers, args.readers), ("extractor", extractor, args.texts)):
        if n <= 0:
            continue
        t0 = time.perf_counter()
        counts, slowest = run(n, args.seed)
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{name}: {shown}; slowest input {slowest:.2f} s; "
              f"{time.perf_counter() - t0:.0f} s in all", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB; {time.perf_counter() - started:.0f} s; seed {args.seed}; "
          f"per-document limit {args.max_seconds} s")


if __name__ == "__main__":
    main()
