"""The PLOVER event coder on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from conftest import shared_path
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.events.formats import PHOENIX_COLUMNS, cameo_rows
from sitrep.events.vocabulary import (
    DATA_DIR,
    PLOVER_TYPES,
    VocabularyError,
    build_vocabulary,
    load_vocabulary,
)
from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document


def coded(text: str, published: str = "2016-10-25") -> list[dict]:
    doc = make_document(text, id="t", published=published)
    return [f.data for f in extract_document(doc).facts if f.kind == "events"]


def codes(actors: list[dict]) -> set[str]:
    return {a["code"] for a in actors}


# --- the vocabulary ------------------------------------------------------------------------


def _raw() -> tuple[list, dict, dict]:
    read = lambda name: yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))  # noqa: E731
    return read("triggers.yaml"), read("cameo.yaml"), read("sectors.yaml")


def test_shipped_vocabulary_is_valid_and_covers_every_plover_type():
    vocab = load_vocabulary()
    found = {t.event for trigs in (*vocab.verbs.values(), *vocab.nouns.values()) for t in trigs}
    assert found == set(PLOVER_TYPES)
    for trigs in (*vocab.verbs.values(), *vocab.nouns.values()):
        for t in trigs:
            assert t.cameo in vocab.cameo
            assert vocab.quad_class(t.cameo) in (1, 2, 3, 4)


@pytest.mark.parametrize("change, message", [
    ({"event": "FIGHT"}, "unknown PLOVER event"),
    ({"cameo": "999"}, "not in cameo.yaml"),
    ({"frame": "maybe"}, "unknown frame"),
    ({"verbs": [], "nouns": []}, "needs verbs or nouns"),
    ({"colour": "red"}, "unknown keys"),
])
def test_a_malformed_entry_is_refused_with_its_index(change, message):
    triggers, cameo, sectors = _raw()
    triggers = copy.deepcopy(triggers)
    triggers[3].update(change)
    with pytest.raises(VocabularyError, match=f"entry 3: .*{message}"):
        build_vocabulary(triggers, cameo, sectors)


def test_unknown_sector_is_refused():
    triggers, cameo, sectors = _raw()
    with pytest.raises(VocabularyError, match="unknown sectors"):
        build_vocabulary(triggers, cameo, {**sectors, "XXX": ["thing"]})


# --- the seed ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    path = shared_path("seed", "seed.txt")
    doc = make_document(path.read_text(encoding="utf-8"), id="seed", published="2016-10-25")
    return [f.data for f in extract_document(doc).facts if f.kind == "events"]


def test_seed_ministerial_is_a_multilateral_consultation_in_paris(seed_events):
    consult = [e for e in seed_events if e["event"] == "CONSULT" and e["mode"] == "multilateral"
               and "CAN" in codes(e["actor"])]
    assert consult, seed_events
    e = consult[0]
    assert e["date"] == "2016-10-25"
    assert e["event_loc"]["name"] == "Paris" and e["event_loc"]["country"] == "FRA"
    assert e["cameo"].startswith("04") and e["quad_class"] == 1


def test_seed_military_aid_to_iraqi_forces(seed_events):
    aid = [e for e in seed_events if e["event"] == "AID" and "military" in e["context"]
           and "CAN" in codes(e["actor"])
           and {"code": "IRQ", "sector": "MIL"} in [{k: r[k] for k in ("code", "sector")}
                                                    for r in e["recipient"]]]
    assert aid, seed_events
    assert aid[0]["cameo"] == "072"


def test_seed_defeat_daesh_is_a_future_threat(seed_events):
    (e,) = [e for e in seed_events if "defeat" in e["event_text"] and e["modality"] == "future"]
    assert e["event"] == "THREATEN" and e["intended"] == "ASSAULT"
    assert codes(e["actor"]) == {"CAN"}
    assert [r.get("actor_id") for r in e["recipient"]] == ["ISIL"]


def test_seed_daesh_assault_in_iraq(seed_events):
    assaults = [e for e in seed_events if e["event"] == "ASSAULT"
                and any(a.get("actor_id") == "ISIL" for a in e["actor"])
                and (e["event_loc"] or {}).get("country") == "IRQ"]
    assert assaults and assaults[0]["modality"] == "asserted"


# --- auxiliary modes ----------------------------------------------------------------------


def test_negated_attack_is_flagged_not_reported_as_happened():
    (e,) = coded("Turkish forces did not attack Kurdish positions in Syria on Monday.")
    assert e["event"] == "ASSAULT" and e["modality"] == "negated"


def test_future_deployment_is_a_promise_not_a_deployment():
    (e,) = coded("Germany will send 500 peacekeepers to Mali next year.")
    assert e["event"] == "AGREE" and e["modality"] == "future" and e["intended"] == "AID"
    assert codes(e["actor"]) == {"DEU"} and codes(e["recipient"]) == {"MLI"}


def test_future_deployment_without_a_target_stays_a_flagged_mobilization():
    (e,) = coded("Up to 600 Canadian Armed Forces personnel will deploy to the region.")
    assert e["event"] == "MOBILIZE" and e["modality"] == "future" and "intended" not in e


def test_infinitive_of_purpose_is_an_aim_not_a_deed():
    (e,) = coded("Britain sent jets to the region to strike ISIL positions in Syria.")
    assert e["event"] in ("MOBILIZE", "AID")  # the sending happened
    events = coded("The UK stands by Iraq to defeat Daesh.")
    assert [(x["event"], x["modality"], x["intended"]) for x in events] == [
        ("THREATEN", "future", "ASSAULT")]


def test_refusal_of_a_future_cooperative_act_is_a_rejection():
    (e,) = coded("Hungary said it will not accept any more refugees from Serbia.")
    assert e["event"] == "REJECT" and codes(e["actor"]) == {"HUN"}


def test_conditional_future_withdrawal_is_a_threat():
    (e,) = coded("Nigeria announced that it will withdraw its troops from Chad unless the "
                 "government accepts a ceasefire.")
    assert e["event"] == "THREATEN" and e["intended"] == "RETREAT"
    assert codes(e["actor"]) == {"NGA"}


def test_hypothetical_clause():
    events = coded("Officials said Iran could close the strait if Israel attacks its reactors.")
    assert all(e["modality"] in ("hypothetical", "future") for e in events)
    assert not [e for e in events if e["modality"] == "asserted"]


def test_historical_event_is_marked():
    (e,) = coded("In 1991, Iraqi troops invaded Kuwait.", published="2016-10-25")
    assert e["event"] == "ASSAULT" and e["modality"] == "historical"
    assert codes(e["actor"]) == {"IRQ"} and codes(e["recipient"]) == {"KWT"}


# --- guards against the known failures of older coders ---------------------------------


def test_no_event_without_an_actor():
    assert coded("Three people were killed in a bombing in central Baghdad on Sunday.") == []


def test_no_fallback_code_for_a_sentence_without_a_trigger():
    assert coded("The weather in Ottawa was cold and the river froze early this year.") == []


def test_compound_actor_is_one_list_not_duplicated_dyads():
    (e,) = coded("France and Egypt signed a defence cooperation agreement in Cairo on Monday.")
    assert e["event"] == "SUPPORT"
    assert [a["code"] for a in e["actor"]] == ["FRA", "EGY"]


def test_at_most_three_events_per_sentence_and_codes_are_single():
    text = ("Russian jets bombed Aleppo, Syrian troops shelled Idlib, Turkish forces attacked "
            "Afrin, Iranian militias raided Deir ez-Zor and Iraqi police arrested 40 people.")
    events = coded(text)
    assert 1 <= len(events) <= 3
    for e in events:
        for a in e["actor"] + e["recipient"]:
            assert a["code"].isalpha() and len(a["code"]) == 3, a


def test_sizes_are_read_where_stated():
    (e,) = coded("Boko Haram fighters killed 12 soldiers and wounded 30 in an attack on a base "
                 "in Borno, Nigeria.")
    assert e["event"] == "ASSAULT" and e["dead"] == 12 and e["injured"] == 30


# --- output formats and commands ------------------------------------------------------------------


def test_cameo_rows_follow_phoenix_columns():
    doc = make_document("Israeli soldiers arrested 20 Palestinians in Hebron on Sunday.",
                        id="d1", published="2016-10-25")
    rows = list(cameo_rows(extract_document(doc)))
    assert rows and all(len(r) == len(PHOENIX_COLUMNS) for r in rows)
    row = dict(zip(PHOENIX_COLUMNS, rows[0], strict=True))
    assert row["EventCode"] == "173" and row["EventRootCode"] == "17"
    assert row["SourceActorEntity"] == "ISR" and row["TargetActorEntity"] == "PSE"
    assert row["QuadClass"] == "4" and row["Date"] == "20161023"


def test_events_command_and_store(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Canada will provide training to Ukrainian soldiers, the minister said.\n"
                    "Russian forces shelled Kharkiv on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["events", str(text), "--published", "2023-03-01"])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert {r["event"] for r in records} >= {"AGREE", "ASSAULT"}
    assert all(r["evidence"] and r["document"] == "a" for r in records)
    res = runner.invoke(app, ["events", str(text), "--format", "cameo"])
    assert res.stdout.splitlines()[0].split("\t") == list(PHOENIX_COLUMNS)
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(text), "--db", db,
                               "--published", "2023-03-01"]).exit_code == 0
    res = runner.invoke(app, ["facts", "events", "--db", db, "--json", "--country", "RUS"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and rows[0]["data"]["event"] == "ASSAULT"
    assert "shelled" in rows[0]["evidence"]


# --- the PLOVER gold sentences ------------------------------------------------------------------


def test_scorer_counts_over_generation_and_codes():
    from sitrep.evaluate.plover import GoldEvent, score

    gold = [GoldEvent("a", "x", "ASSAULT", {"ISR"}, {"PSE"}),
            GoldEvent("b", "y", "AGREE", {"USA"}, set())]
    pred = [[{"event": "ASSAULT", "modality": "asserted", "actor": [{"code": "ISR"}],
              "recipient": [{"code": "PSE"}]},
             {"event": "COERCE", "modality": "asserted", "actor": [{"code": "ISR"}],
              "recipient": []}],
            [{"event": "AGREE", "modality": "negated", "actor": [{"code": "USA"}],
              "recipient": []}]]
    report = score(gold, pred)
    assert report.hit_rate == 0.5 and report.accuracy == 0.25
    assert report.actor.tp == 1 and report.actor.fn == 1
    assert report.confusion[("AGREE", "NONE")] == 1


def test_plover_gold_meets_targets():
    from sitrep.evaluate.plover import run

    report, _, _ = run(shared_path("data", "plover", "PLOVER_GSR_dev.json"))
    assert report.n > 150
    assert report.per_sentence <= 1.5
    assert report.accuracy >= 0.70
    assert (report.codes.f1 or 0) >= 0.70
    assert (report.recipient.f1 or 0) >= 0.60
