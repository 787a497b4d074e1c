"""Attacks on a second corpus of our own (tests/data/attacks2: wire, UK Government,
encyclopedia and EU styles), written and annotated before the attack rules were measured on
it: the real pipeline, scored against its gold, keeps a floor on precision and recall."""

from pathlib import Path

import pytest

from sitrep.evaluate.gold import load_gold_dir, score_document
from sitrep.evaluate.metrics import Counts
from sitrep.extract.pipeline import extract_documents
from sitrep.ingest.limits import Limits
from sitrep.ingest.readers import read_inputs

CORPUS = Path(__file__).resolve().parent / "data" / "attacks2"


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    gold = load_gold_dir(CORPUS / "gold")
    docs = [d for d in read_inputs([str(CORPUS / "docs")], limits=Limits()) if d.id in gold]
    assert {d.id for d in docs} == set(gold)
    return {r.document.id: score_document(gold[r.document.id], r.to_json())["attacks"]
            for r in extract_documents(docs)}


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
