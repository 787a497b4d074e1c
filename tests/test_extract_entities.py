"""Persons, organizations and operations: our own sentences, and the seed against its gold."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from sitrep.evaluate.gold import score_document
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document, read_inputs


def _extract(text: str, published: str = "2016-10-25", publisher: str | None = None) -> dict:
    return extract_document(make_document(text, id="t", published=published,
                                          publisher=publisher)).to_json()


def test_person_role_country_and_surname_coreference() -> None:
    out = _extract(
        "Australian Defence Minister Marise Example visited Baghdad today. "
        "Minister Example met Iraqi security forces commanders."
    )
    assert len(out["persons"]) == 1
    person = out["persons"][0]
    assert person["name"] == "Marise Example"
    assert person["role"] == "Australian Defence Minister"
    assert person["country"] == "AUS"


def test_appositive_role_after_the_name() -> None:
    out = _extract("The minister met Omar Example, the Iraqi Foreign Minister, in London.")
    assert [(p["name"], p["country"]) for p in out["persons"]] == [("Omar Example", "IRQ")]


def test_publisher_state_for_an_official_without_a_stated_country() -> None:
    out = _extract("Foreign Secretary Jane Example condemned the attack.",
                   publisher="UK Government")
    assert out["persons"][0]["country"] == "GBR"


def test_gazetteer_names_resolve_to_actors() -> None:
    out = _extract(
        "Daesh fighters fled as the Peshmerga and Iraqi security forces advanced. "
        "ISIL had held the town since 2014, the Government of Canada said."
    )
    codes = {m["text"]: (m["type"], m["code"]) for m in out["mentions"]}
    assert codes["Daesh"][0] == "ORG"
    assert codes["Daesh"][1] == codes["ISIL"][1]
    assert codes["Iraqi security forces"] == ("ORG", "IRQ")
    assert codes["Government of Canada"] == ("ORG", "CAN")
    orgs = {o["name"]: o for o in out["organizations"]}
    daesh = next(o for o in out["organizations"] if "Daesh" in [o["name"], *o["aliases"]])
    assert "ISIL" in [daesh["name"], *daesh["aliases"]]
    assert daesh["kind"] == "armed_group"
    assert orgs["Iraqi security forces"]["kind"] == "military"


def test_named_operation_with_its_state() -> None:
    out = _extract("Canada's Operation Lighthouse Example will continue, officials said.")
    assert out["operations"] == [{"name": "Operation Lighthouse Example", "country": "CAN"}]


def test_seed_every_kind_matches_gold_exactly() -> None:
    seed = shared_path("seed", "seed.txt")
    gold = json.loads(shared_path("corpus", "dev", "gold", "seed.json").read_text())
    doc = next(d for d in read_inputs([str(seed)], published="2016-10-25"))
    pred = extract_document(doc).to_json()
    scores = score_document(gold, pred)
    for kind, c in scores.items():
        assert (c.fp, c.fn) == (0, 0), (kind, pred[kind])


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "“" * 10000, "Iraq " * 20000])
def test_odd_texts_do_not_break_extraction(text: str) -> None:
    out = _extract(text or " ")
    assert "persons" in out


@pytest.mark.parametrize("text, town", [
    ("Near Haditha, a strike struck an ISIL tactical unit.", "Haditha"),
    ("Coalition aircraft conducted three strikes in Syria.\nNear Manbij, two strikes struck "
     "two separate ISIL tactical units.", "Manbij"),
])
def test_a_town_after_a_capitalised_opening_preposition_is_a_place(text, town):
    from sitrep.actors.gazetteer import load_gazetteer
    from sitrep.nlp.mentions import doc_mentions
    from sitrep.nlp.pipeline import load_nlp
    found = doc_mentions(load_nlp()(text), load_gazetteer())
    assert (town, "PLACE") in {(m.text, m.type) for m in found}
