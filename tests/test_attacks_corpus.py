"""Attacks on a corpus of our own (tests/data/attacks), written and annotated before any tuning
on it: the real pipeline, scored against its gold, keeps a floor on precision and recall."""

from pathlib import Path

import pytest
from own_corpora import score

from sitrep.evaluate.metrics import Counts

CORPUS = Path(__file__).resolve().parent / "data" / "attacks"


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    return {doc: counts["attacks"] for doc, counts in score("attacks").items()}


def _total(scored: dict[str, Counts]) -> Counts:
    total = Counts()
    for c in scored.values():
        total += c
    return total


def test_corpus_has_varied_documents():
    texts = sorted((CORPUS / "docs").glob("*.txt"))
    assert 12 <= len(texts) <= 16
    for t in texts:
        assert 60 <= len(t.read_text(encoding="utf-8").split()) <= 250, t.name


def test_attacks_recall_and_precision_floor(scored):
    total = _total(scored)
    assert total.gold >= 50
    assert total.recall >= 0.72, total
    assert total.precision >= 0.82, total


def test_texts_without_attacks_give_none(scored):
    for doc_id in ("atk08_commemoration", "atk14_threats"):
        assert scored[doc_id].pred == 0, doc_id
