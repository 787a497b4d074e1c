"""Attack extraction on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "seed.txt"


def attacks(text: str) -> list[dict]:
    doc = make_document(text, id="t", published="2016-10-25")
    return [f.data for f in extract_document(doc).facts if f.kind == "attacks"]


def test_group_kills_counted_people_in_country():
    (a,) = attacks("Daesh has killed 45 villagers in Nineveh province, Iraq.")
    assert a["perpetrator"] == "Daesh"
    assert a["location_country"] == "IRQ"
    assert a["killed"] == 45


def test_attack_by_regime_with_city():
    (a,) = attacks("Witnesses saw a barrel bomb attack by the Syrian regime in Aleppo, Syria.")
    assert a["perpetrator"].endswith("regime")
    assert a["location_country"] == "SYR"


def test_state_airstrikes_take_country_name():
    (a,) = attacks("Russian airstrikes hit a market in Idlib, Syria, killing 12 people.")
    assert a["perpetrator"] == "Russia"
    assert a["location_country"] == "SYR"
    assert a["killed"] == 12


def test_vague_count_is_null():
    found = attacks("Daesh has killed dozens of civilians in Iraq.")
    assert found and found[0]["killed"] is None


def test_same_attack_mentioned_twice_is_merged():
    text = ("Daesh carried out a suicide attack in Baghdad, Iraq.\n\n"
            "The attack by Daesh in Iraq was condemned, and 20 people were wounded.")
    (a,) = attacks(text)
    assert a["perpetrator"] == "Daesh"


def test_no_attack_without_place_or_agent():
    assert attacks("Ministers discussed the threat of attacks at the meeting.") == []


@pytest.mark.skipif(not SEED.exists(), reason="shared seed absent")
def test_seed_attack():
    found = attacks(SEED.read_text(encoding="utf-8"))
    assert [(a["perpetrator"], a["location_country"]) for a in found] == [("Daesh", "IRQ")]
