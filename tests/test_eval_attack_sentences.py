"""`sitrep eval-attack-sentences`: attacks found and placed on single violent sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluate.attack_sentences import part_of_sentence, read_sentences, run

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "event_location"


def _row(i: int, text: str, location: str | None, verb: str = "kill") -> str:
    spans = []
    if location:
        start = text.index(location)
        spans.append({"start": start, "end": start + len(location), "label": "LOCATION"})
    return json.dumps({"text": text, "_id": f"own{i}", "meta": {"verb": verb}, "spans": spans})


def test_found_and_placed_on_sentences_of_our_own(tmp_path):
    path = tmp_path / "own.jsonl"
    path.write_text("\n".join([
        _row(1, "A car bomb killed nine people at a market in Kirkuk on Friday.", "Kirkuk"),
        _row(2, "Rebels shelled the outskirts of Aleppo, killing three children.", "Aleppo",
             "shell"),
        _row(3, "The ministry said its budget would kill the programme.", None),
        _row(4, "Protesters marched through the centre of Basra.", "Basra", "march"),
    ]) + "\n", encoding="utf-8")
    assert [s.id for s in read_sentences(path)] == ["own1", "own2", "own3"]  # not "march"
    report = run(path)
    assert (report.sentences, report.found, report.located, report.placed) == (3, 2, 2, 2)
    assert sum(p.sentences for p in report.parts.values()) == 3


def test_parts_are_fixed():
    assert {part_of_sentence(f"id{i}") for i in range(20)} == {"dev", "test"}
    assert part_of_sentence("id1") == part_of_sentence("id1")


@pytest.mark.skipif(not (SHARED / "relabel_dev.jsonl").exists(), reason="shared data absent")
def test_floor_on_the_shared_sentences():
    report = run(SHARED / "relabel_dev.jsonl")
    for part in report.parts.values():
        assert part.sentences > 50
        assert part.found / part.sentences >= 0.35, part.to_dict()
