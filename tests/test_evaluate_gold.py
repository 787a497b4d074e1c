"""The GOLD.md fact scorer: normalization, match rules, counts and the report."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate.gold import (
    Counts,
    dates_agree,
    load_gold_dir,
    normalize,
    pair_documents,
    perpetrators_match,
    score_corpus,
    score_document,
    words_overlap,
)
from sitrep.model import GOLD_KINDS

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLD_DIR = SHARED / "corpus" / "dev" / "gold"

SMALL: dict[str, Any] = {
    "id": "small",
    "persons": [{"name": "Harjit S. Sajjan", "country": "CAN"}, {"name": "Ban Ki-moon",
                                                                 "country": None}],
    "organizations": [{"name": "Daesh", "aliases": ["ISIL"]}],
    "meetings": [{"name": "Counter-ISIL ministerial", "date": "2016-10-25", "city": "Paris",
                  "country": "FRA", "chairs": ["FRA", "USA"], "participants": ["CAN"]}],
    "memberships": [{"group": "Counter-ISIL Defence Ministerial group",
                     "members": ["AUS", "CAN", "USA"]}],
    "deployments": [{"country": "CAN", "count": 830}],
    "commitments": [{"actor": "CAN", "date": None, "what": "triple the mission"}],
    "quotes": [{"speaker": "Harjit S. Sajjan", "starts_with": "We must, and will, defeat"}],
    "attacks": [{"perpetrator": "Daesh", "location_country": "IRQ", "killed": 70,
                 "wounded": None}],
}


def load_seed() -> dict[str, Any]:
    path = GOLD_DIR / "seed.json"
    if not path.exists():
        pytest.skip("shared/corpus/dev/gold/seed.json not present")
    return json.loads(path.read_text(encoding="utf-8"))


def counts(gold: dict[str, Any], pred: dict[str, Any], kind: str) -> tuple[int, int, int]:
    c = score_document(gold, pred)[kind]
    return c.tp, c.fp, c.fn


def with_items(base: dict[str, Any], kind: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out[kind] = items
    return out


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Counter-ISIL", "counterisil"),
        ("The U.S.-led  Coalition", "usled coalition"),
        ("Assad’s regime", "assads regime"),
        ("“We must, and will, defeat Daesh”", "we must and will defeat daesh"),
        ("Iraq/Kurdistan – budget", "iraq kurdistan budget"),
        ("Theatre of war", "theatre of war"),
        (None, ""),
    ],
)
def test_normalize(raw: str | None, expected: str) -> None:
    assert normalize(raw) == expected


def test_words_overlap_is_half_of_the_longer_name() -> None:
    assert words_overlap("Counter-ISIL Defence Ministerial group", "Counter-ISIL Small Group")
    assert words_overlap("Global Coalition", "the coalition")
    assert not words_overlap("Global Coalition against Daesh", "Coalition")
    assert not words_overlap("", "")


def test_dates_agree() -> None:
    assert dates_agree(None, "2016-10-25")
    assert dates_agree("2016-10-25", "2016-10")
    assert dates_agree("2016", "2016-02-01")
    assert not dates_agree("2016-10-25", "2016-11")
    assert not dates_agree("2016-10", "2016-1")
    assert not dates_agree("2016", None)


def test_perpetrator_aliases() -> None:
    assert perpetrators_match("Daesh", "ISIS")
    assert perpetrators_match("so-called Islamic State", "ISIL")
    assert perpetrators_match("Assad’s regime", "Asad regime")
    assert perpetrators_match(None, None)
    assert not perpetrators_match(None, "Daesh")
    assert not perpetrators_match("Daesh", "Hezbollah")


def test_self_contained_perfect_and_empty() -> None:
    report = score_corpus([(SMALL, copy.deepcopy(SMALL))])
    for kind in GOLD_KINDS:
        c = report.counts[kind]
        if SMALL.get(kind):
            assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), kind
        else:
            assert c.empty and c.precision is None, kind
    assert (report.total.tp, report.total.fp, report.total.fn) == (15, 0, 0)
    missed = score_corpus([(SMALL, {})])
    assert (missed.total.tp, missed.total.fp, missed.total.fn) == (0, 0, 15)
    assert missed.total.precision == 0.0 and missed.total.f1 == 0.0


def test_seed_against_itself_is_perfect() -> None:
    seed = load_seed()
    report = score_corpus([(seed, copy.deepcopy(seed))])
    for kind in GOLD_KINDS:
        if seed.get(kind):
            c = report.counts[kind]
            assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), kind
            assert c.fp == c.fn == 0
    assert report.counts["memberships"].tp == 12
    assert report.counts["meetings"].tp == 4


def test_dev_gold_against_itself_is_perfect() -> None:
    if not GOLD_DIR.exists():
        pytest.skip("shared corpus not present")
    gold = load_gold_dir(GOLD_DIR)
    report = score_corpus(pair_documents(gold, copy.deepcopy(gold)))
    assert report.documents == len(gold) > 1
    assert report.total.fp == report.total.fn == 0


def test_person_country() -> None:
    seed = load_seed()
    wrong = with_items(seed, "persons", [{"name": "Sajjan", "country": "USA"}])
    assert counts(seed, wrong, "persons") == (0, 1, 1)
    right = with_items(seed, "persons", [{"name": "Mr. Sajjan", "country": "CAN"}])
    assert counts(seed, right, "persons") == (1, 0, 0)
    # a gold person without a country matches whatever country is predicted
    pred = with_items(SMALL, "persons", [{"name": "Ki-moon", "country": "KOR"}])
    assert counts(SMALL, pred, "persons") == (1, 0, 1)


def test_missing_member() -> None:
    seed = load_seed()
    pred = copy.deepcopy(seed)
    pred["memberships"][0]["members"].remove("USA")
    pred["memberships"][0]["group"] = "Counter-ISIL Small Group"
    assert counts(seed, pred, "memberships") == (11, 0, 1)


def test_extra_deployment() -> None:
    seed = load_seed()
    pred = copy.deepcopy(seed)
    pred["deployments"].append({"country": "CAN", "count": 450, "additional": True})
    assert counts(seed, pred, "deployments") == (1, 1, 0)
    pred["deployments"][0]["count"] = "830"
    assert counts(seed, pred, "deployments") == (1, 1, 0)


def test_organization_alias_only_match() -> None:
    seed = load_seed()
    by_alias = with_items(seed, "organizations", [{"name": "ISIL", "aliases": []}])
    assert counts(seed, by_alias, "organizations") == (1, 0, 5)
    pred_alias = with_items(seed, "organizations", [{"name": "IS", "aliases": ["Daesh"]}])
    assert counts(seed, pred_alias, "organizations") == (1, 0, 5)
    none = with_items(seed, "organizations", [{"name": "Hezbollah", "aliases": ["Hizbullah"]}])
    assert counts(seed, none, "organizations") == (0, 1, 6)


def test_organization_prefers_the_same_name() -> None:
    gold = {"organizations": [{"name": "Government of Canada"}, {"name": "Government of Iraq"}]}
    pred = {"organizations": [{"name": "Government of Iraq"}, {"name": "Government of Canada"}]}
    assert counts(gold, pred, "organizations") == (2, 0, 0)


def test_isis_vs_daesh_attack() -> None:
    pred = with_items(SMALL, "attacks", [{"perpetrator": "ISIS", "location_country": "IRQ",
                                          "killed": 70, "wounded": 5}])
    assert counts(SMALL, pred, "attacks") == (2, 1, 0)
    wrong = with_items(SMALL, "attacks", [{"perpetrator": "ISIS", "location_country": "SYR",
                                           "killed": 70}])
    assert counts(SMALL, wrong, "attacks") == (0, 2, 2)
    off = with_items(SMALL, "attacks", [{"perpetrator": "Islamic State",
                                         "location_country": "IRQ", "killed": 69}])
    assert counts(SMALL, off, "attacks") == (1, 1, 1)


def test_attack_casualties_pair_with_the_right_attack() -> None:
    gold = {"attacks": [{"perpetrator": "IS", "location_country": "IRQ", "killed": 6},
                        {"perpetrator": "IS", "location_country": "IRQ", "killed": 50}]}
    pred = {"attacks": list(reversed(gold["attacks"]))}
    assert counts(gold, pred, "attacks") == (4, 0, 0)


def test_meeting_month_precision_date() -> None:
    seed = load_seed()
    pred = copy.deepcopy(seed)
    pred["meetings"][0]["date"] = "2016-10"
    assert counts(seed, pred, "meetings") == (4, 0, 0)
    pred["meetings"][0]["date"] = "2016-11"
    assert counts(seed, pred, "meetings") == (0, 4, 4)
    pred["meetings"][0].update(date=None)
    assert counts(seed, pred, "meetings") == (0, 4, 4)


def test_meeting_null_gold_date_and_roles() -> None:
    seed = load_seed()
    gold = copy.deepcopy(seed)
    gold["meetings"][0]["date"] = None
    pred = with_items(seed, "meetings", [{"city": None, "country": "FRA", "date": "2016-10-25",
                                          "chairs": ["FRA"], "participants": ["CAN", "GBR"]}])
    assert counts(gold, pred, "meetings") == (3, 1, 1)


def test_meeting_prefers_most_shared_roles() -> None:
    gold = {"meetings": [{"city": "Paris", "chairs": ["FRA"], "participants": ["USA", "GBR"]}]}
    pred = {"meetings": [{"city": "Paris", "chairs": [], "participants": []},
                         {"city": "paris", "chairs": ["FRA"], "participants": ["GBR", "USA"]}]}
    assert counts(gold, pred, "meetings") == (4, 1, 0)


def test_commitment_and_quote() -> None:
    seed = load_seed()
    pred = with_items(seed, "commitments", [{"actor": "CAN", "date": "2016-02-10"},
                                            {"actor": "CAN", "date": None}])
    assert counts(seed, pred, "commitments") == (1, 1, 1)
    quote = {"speaker": "Sajjan", "starts_with": "“We must and will defeat Daesh, and its…”"}
    assert counts(seed, with_items(seed, "quotes", [quote]), "quotes") == (1, 0, 0)
    quote["starts_with"] = "We will defeat Daesh"
    assert counts(seed, with_items(seed, "quotes", [quote]), "quotes") == (0, 1, 1)


def test_report_table_and_dict() -> None:
    report = score_corpus([(SMALL, copy.deepcopy(SMALL)), (SMALL, {})])
    assert report.documents == 2
    assert (report.total.tp, report.total.fn) == (15, 15)
    lines = report.table().splitlines()
    assert lines[0].split() == ["kind", "gold", "pred", "tp", "P", "R", "F1"]
    operations = next(line for line in lines if line.startswith("operations"))
    assert operations.split()[-3:] == ["-", "-", "-"]
    assert lines[-1].split() == ["all", "30", "15", "15", "1.000", "0.500", "0.667"]
    data = report.to_dict()
    assert data["all"]["recall"] == 0.5
    assert data["rows"]["operations"]["precision"] is None
    assert Counts(1, 1, 0) + Counts(0, 0, 2) == Counts(1, 1, 2)


def test_load_gold_dir(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "doc-a", "persons": []}))
    (tmp_path / "b.json").write_text(json.dumps({"persons": []}))
    (tmp_path / "b.meta.json").write_text(json.dumps({"title": "not gold"}))
    assert sorted(load_gold_dir(tmp_path)) == ["b", "doc-a"]
