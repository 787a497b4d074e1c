"""Attacks on a third corpus of our own (tests/data/attacks3: stories that each tell several
attacks, in wire, UK Government, encyclopedia and foreign-ministry styles), written and
annotated by someone who had not seen the extractor: the real pipeline keeps a floor on
precision and recall, and keeps the events of one story apart."""

import hashlib
from pathlib import Path

import pytest
from own_corpora import score

from sitrep.evaluate.metrics import Counts

CORPUS = Path(__file__).resolve().parent / "data" / "attacks3"


def half(doc_id: str) -> str:
    """"check" for the half never tuned on (odd first byte of the salted hash), else "tune"."""
    return "check" if hashlib.sha256(("attacks3" + doc_id).encode()).digest()[0] % 2 else "tune"


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    return {doc: counts["attacks"] for doc, counts in score("attacks3").items()}


def test_corpus_tells_several_attacks_per_story():
    gold = sorted((CORPUS / "gold").glob("*.json"))
    assert len(gold) == 16
    assert {half(g.stem) for g in gold} == {"tune", "check"}


def test_attacks_recall_and_precision_floor(scored):
    total = Counts()
    for c in scored.values():
        total += c
    assert total.gold >= 120
    assert total.recall >= 0.62, total
    assert total.precision >= 0.72, total


def test_check_half_keeps_its_floor(scored):
    check = Counts()
    for doc, c in scored.items():
        if half(doc) == "check":
            check += c
    assert check.recall >= 0.64, check
