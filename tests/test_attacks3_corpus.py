"""Attacks on a third corpus of our own (tests/data/attacks3: stories that each tell several
attacks, in wire, UK Government, encyclopedia and foreign-ministry styles), written and
annotated by someone who had not seen the extractor: the real pipeline keeps a floor on
precision and recall, and keeps the events of one story apart."""

from pathlib import Path

from own_corpora import attack_counts, half

CORPUS = Path(__file__).resolve().parent / "data" / "attacks3"


def test_corpus_tells_several_attacks_per_story():
    gold = sorted((CORPUS / "gold").glob("*.json"))
    assert len(gold) == 16
    assert {half("attacks3", g.stem) for g in gold} == {"tune", "check"}


def test_attacks_recall_and_precision_floor():
    total = attack_counts("attacks3")
    assert total.gold >= 120
    assert total.recall >= 0.72, total
    assert total.precision >= 0.75, total
