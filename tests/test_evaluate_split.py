"""The held-out split: fixed, disjoint, balanced by source, and applied by `sitrep eval`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.datafiles import load_yaml
from sitrep.evaluate.split import SPLIT_FILE, by_part, held_out_ids, part_of

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"


def test_parts_are_disjoint_and_balanced_by_source() -> None:
    data = load_yaml(SPLIT_FILE)
    dev = {i for ids in data["dev"].values() for i in ids}
    test = {i for ids in data["test"].values() for i in ids}
    assert not dev & test
    assert test == held_out_ids()
    assert set(data["dev"]) == set(data["test"])
    for source in data["dev"]:
        assert abs(len(data["dev"][source]) - len(data["test"][source])) <= 1


def test_unlisted_documents_belong_to_dev() -> None:
    some_test = sorted(held_out_ids())[0]
    assert part_of("seed") == "dev"
    assert part_of(some_test) == "test"
    parts = by_part([("seed", 1), (some_test, 2), ("new-document", 3)])
    assert parts == {"dev": [1, 3], "test": [2]}


@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpus/dev is not present")
def test_eval_reports_each_part() -> None:
    result = CliRunner().invoke(app, ["eval", str(DEV / "gold"), str(DEV / "docs"), "--json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.output)
    assert set(reports) == {"all", "dev", "test"}
    gold = Counter(part_of(p.stem) for p in (DEV / "gold").glob("*.json"))
    assert reports["test"]["documents"] == gold["test"] > 10
    assert reports["dev"]["documents"] == gold["dev"]
    assert (reports["dev"]["all"]["gold"] + reports["test"]["all"]["gold"]
            == reports["all"]["all"]["gold"])
