"""Attacks on a second corpus of our own (tests/data/attacks2: wire, UK Government,
encyclopedia and EU styles), written and annotated before the attack rules were measured on
it: the real pipeline, scored against its gold, keeps a floor on precision and recall."""

from pathlib import Path

import pytest
from own_corpora import score

from sitrep.evaluate.metrics import Counts

CORPUS = Path(__file__).resolve().parent / "data" / "attacks2"


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    return {doc: counts["attacks"] for doc, counts in score("attacks2").items()}


def test_corpus_has_varied_documents():
    texts = sorted((CORPUS / "docs").glob("*.txt"))
    assert 15 <= len(texts) <= 20
    styles = {t.name[0] for t in texts}  # b: wire, g: UK Government, w: encyclopedia, e: EU
    assert styles == {"b", "g", "w", "e"}
    for t in texts:
        assert 60 <= len(t.read_text(encoding="utf-8").split()) <= 250, t.name


def test_attacks_recall_and_precision_floor(scored):
    total = Counts()
    for c in scored.values():
        total += c
    assert total.gold >= 50
    assert total.recall >= 0.78, total
    assert total.precision >= 0.78, total


def test_statement_without_attacks_gives_none(scored):
    assert scored["e03_eu_ceasefire"].pred == 0
