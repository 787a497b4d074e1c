"""Attacks on a fourth corpus of our own (tests/data/attacks4: stories in which one attacker
strikes several times in one country, among others' attacks), written and annotated by someone
who had not seen the extractor: the real pipeline keeps a floor on precision and recall."""

import hashlib
from pathlib import Path

import pytest
from own_corpora import score

from sitrep.evaluate.metrics import Counts

CORPUS = Path(__file__).resolve().parent / "data" / "attacks4"


def half(doc_id: str) -> str:
    """"check" for the half never tuned on (odd first byte of the salted hash), else "tune"."""
    return "check" if hashlib.sha256(("attacks4" + doc_id).encode()).digest()[0] % 2 else "tune"


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    return {doc: counts["attacks"] for doc, counts in score("attacks4").items()}


def test_corpus_has_both_halves():
    gold = sorted((CORPUS / "gold").glob("*.json"))
    assert len(gold) == 16
    assert {half(g.stem) for g in gold} == {"tune", "check"}


def test_attacks_recall_and_precision_floor(scored):
    total = Counts()
    for c in scored.values():
        total += c
    assert total.gold >= 180
    assert total.recall >= 0.39, total
    assert total.precision >= 0.50, total
