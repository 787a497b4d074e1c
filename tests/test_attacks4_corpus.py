"""Attacks on a fourth corpus of our own (tests/data/attacks4: stories in which one attacker
strikes several times in one country, among others' attacks), written and annotated by someone
who had not seen the extractor: the real pipeline keeps a floor on precision and recall, on the
whole and on the half never tuned on."""

from pathlib import Path

from own_corpora import attack_counts, half

CORPUS = Path(__file__).resolve().parent / "data" / "attacks4"


def test_corpus_has_both_halves():
    gold = sorted((CORPUS / "gold").glob("*.json"))
    assert len(gold) == 16
    assert {half("attacks4", g.stem) for g in gold} == {"tune", "check"}


def test_attacks_recall_and_precision_floor():
    total = attack_counts("attacks4")
    assert total.gold >= 180
    assert total.recall >= 0.40, total
    assert total.precision >= 0.52, total


def test_check_half_keeps_its_floor():
    check = attack_counts("attacks4", "check")
    assert check.recall >= 0.37, check
