"""Scoring the corpora of our own under tests/data (texts and gold written by the project
before any tuning on them) through the real pipeline."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from sitrep.evaluate.gold import load_gold_dir, score_document
from sitrep.evaluate.metrics import Counts
from sitrep.extract.pipeline import extract_documents
from sitrep.ingest.limits import Limits
from sitrep.ingest.readers import read_inputs

DATA = Path(__file__).resolve().parent / "data"


@cache
def score(corpus: str) -> dict[str, dict[str, Counts]]:
    """Per document id, the counts of every kind."""
    root = DATA / corpus
    gold = load_gold_dir(root / "gold")
    docs = [d for d in read_inputs([str(root / "docs")], limits=Limits()) if d.id in gold]
    assert {d.id for d in docs} == set(gold)
    return {r.document.id: score_document(gold[r.document.id], r.to_json())
            for r in extract_documents(docs)}


def total(scored: dict[str, dict[str, Counts]], kinds: tuple[str, ...]) -> Counts:
    """The counts of some kinds summed over the documents."""
    out = Counts()
    for counts in scored.values():
        for kind in kinds:
            out += counts[kind]
    return out


def half(corpus: str, doc_id: str) -> str:
    """"check" for a document of a corpus's half never tuned on (odd first byte of
    sha256(corpus + id)), else "tune"."""
    return "check" if hashlib.sha256((corpus + doc_id).encode()).digest()[0] % 2 else "tune"


def attack_counts(corpus: str, part: str | None = None) -> Counts:
    """The attacks counts of a corpus, summed over its documents (or one half's)."""
    out = Counts()
    for doc_id, counts in score(corpus).items():
        if part is None or half(corpus, doc_id) == part:
            out += counts["attacks"]
    return out
