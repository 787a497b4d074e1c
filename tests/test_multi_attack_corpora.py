"""Attacks on the corpora of our own in which one attacker strikes several times in one country,
among others' attacks (tests/data/attacks4: stories, releases, entries; tests/data/attacks5:
five to nine attacks per document; tests/data/attacks6 and attacks7: short statements,
stories and entries in the genres of the dev corpus), written and annotated by someone who
had not seen the extractor: the real pipeline keeps a floor on precision and recall, on the
whole and on the half never tuned on (floors set below the figures measured when they were
set)."""

from pathlib import Path

import pytest
from own_corpora import attack_counts, half

DATA = Path(__file__).resolve().parent / "data"

CORPORA = [  # corpus, documents, gold items, recall, precision, check-half recall
    ("attacks4", 16, 180, 0.40, 0.52, 0.37),  # measured R 0.43, P 0.56; check R 0.385
    ("attacks5", 12, 180, 0.46, 0.58, 0.40),  # R 0.484, P 0.623; check R 0.428
    ("attacks6", 24, 140, 0.54, 0.56, 0.55),  # R 0.568, P 0.597; check R 0.588
    ("attacks7", 24, 170, 0.43, 0.45, 0.33),  # R 0.468, P 0.500; check R 0.360
]


@pytest.mark.parametrize(("corpus", "docs", "items", "recall", "precision", "check_recall"),
                         CORPORA)
def test_attack_floors(corpus: str, docs: int, items: int, recall: float, precision: float,
                       check_recall: float) -> None:
    gold = sorted((DATA / corpus / "gold").glob("*.json"))
    assert len(gold) == docs
    assert {half(corpus, g.stem) for g in gold} == {"tune", "check"}
    total = attack_counts(corpus)
    assert total.gold >= items
    assert total.recall >= recall, total
    assert total.precision >= precision, total
    check = attack_counts(corpus, "check")
    assert check.recall >= check_recall, check
