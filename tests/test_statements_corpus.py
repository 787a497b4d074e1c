"""Statements on a corpus of our own (tests/data/statements), written and annotated before any
tuning on it: quotes, commitments, memberships, deployments, group sizes and operations, through
the real pipeline, keep a floor on precision and recall."""

from pathlib import Path

import pytest

from sitrep.evaluate.gold import load_gold_dir, score_document
from sitrep.evaluate.metrics import Counts
from sitrep.extract.pipeline import extract_documents
from sitrep.ingest.limits import Limits
from sitrep.ingest.readers import read_inputs

CORPUS = Path(__file__).resolve().parent / "data" / "statements"
KINDS = ("quotes", "commitments", "memberships", "deployments", "group_sizes", "operations")


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    gold = load_gold_dir(CORPUS / "gold")
    docs = [d for d in read_inputs([str(CORPUS / "docs")], limits=Limits()) if d.id in gold]
    assert {d.id for d in docs} == set(gold)
    totals = {kind: Counts() for kind in KINDS}
    for r in extract_documents(docs):
        counts = score_document(gold[r.document.id], r.to_json())
        for kind in KINDS:
            totals[kind] += counts[kind]
    return totals


def test_statement_kinds_recall_and_precision_floor(scored):
    total = Counts()
    for counts in scored.values():
        total += counts
    assert total.gold >= 45
    assert total.recall >= 0.78, scored
    assert total.precision >= 0.82, scored


def test_every_member_list_and_quote_is_read(scored):
    assert scored["memberships"].recall >= 0.9, scored["memberships"]
    assert scored["quotes"].recall >= 0.85, scored["quotes"]
