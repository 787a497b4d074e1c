"""Recipients and compound actors of coded events, on sentences written for these tests:
objects, prepositional objects, passive subjects, possessors, governed acts, conditions of
threats, the place of an act and the actor's own state where no party is named."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document


def coded(text: str) -> list[dict]:
    doc = make_document(text, id="t", published="2024-06-01")
    return [f.data for f in extract_document(doc).facts if f.kind == "events"]


def codes(actors: list[dict]) -> list[str]:
    return [a["code"] for a in actors]


@pytest.mark.parametrize("text, event, actor, recipient", [
    # prepositional objects
    ("Ethiopia launched a military offensive against Eritrea on Monday.", "ASSAULT", ["ETH"],
     ["ERI"]),
    ("Japan signed a trade agreement with Vietnam on Tuesday.", "SUPPORT", ["JPN"], ["VNM"]),
    ("Washington imposed new sanctions on Venezuela.", "SANCTION", ["USA"], ["VEN"]),
    ("Germany delivered battle tanks to Ukraine last week.", "AID", ["DEU"], ["UKR"]),
    ("Pakistani troops fired artillery shells toward India on Friday.", "ASSAULT", ["PAK"],
     ["IND"]),
    # the passive: the subject suffers the act, the agent does it
    ("The Ukrainian city of Kharkiv was shelled by Russian forces on Monday.", "ASSAULT",
     ["RUS"], ["UKR"]),
    # the possessor of the object
    ("Poland rejected Russia's proposal for new talks.", "REJECT", ["POL"], ["RUS"]),
    # coordinated recipients, coordinated actors
    ("France imposed sanctions on Russia and Belarus.", "SANCTION", ["FRA"], ["RUS", "BLR"]),
    ("Hungarian and Romanian officials met in Budapest on Wednesday.", "CONSULT",
     ["HUN", "ROU"], []),
    # the act a frame verb governs, and the addressee of a demand
    ("Libya offered to hand the suspects over to Britain.", "AGREE", ["LBY"], ["GBR"]),
    ("Egypt demanded that Israel withdraw its troops from Gaza.", "REQUEST", ["EGY"], ["ISR"]),
    # the party a threat is conditioned on
    ("Iran threatened to close the strait if the United States attacks its ships.", "THREATEN",
     ["IRN"], ["USA"]),
    # the actor's own troops are not the recipient when another state is named
    ("Syria said it will withdraw its troops from Lebanon.", "AGREE", ["SYR"], ["LBN"]),
])
def test_named_recipient(text, event, actor, recipient):
    events = coded(text)
    found = [e for e in events if e["event"] == event]
    assert found, events
    assert codes(found[0]["actor"]) == actor
    assert codes(found[0]["recipient"]) == recipient


def test_an_act_in_a_place_is_aimed_at_its_state():
    (e,) = coded("Israeli troops raided a refugee camp in Lebanon on Sunday.")
    assert codes(e["actor"]) == ["ISR"]
    assert codes(e["recipient"]) == ["LBN"] and e["recipient"][0]["implied"] == "place"


def test_a_meeting_place_is_no_recipient():
    events = coded("Canada's defence minister attended the NATO summit in Vilnius on Tuesday.")
    assert events and "LTU" not in codes(events[0]["recipient"])


def test_a_concession_without_a_named_party_is_domestic():
    (e,) = coded("The Chilean government lifted the curfew in the capital on Thursday.")
    assert e["event"] == "CONCEDE" and codes(e["recipient"]) == ["CHL"]
    assert e["recipient"][0]["implied"] == "domestic"


def test_the_army_named_without_a_state_is_the_actors_own():
    (e,) = coded("Colombian rebels accused the army of killing civilians.")
    assert e["event"] == "ACCUSE" and codes(e["actor"]) == ["COL"]
    assert e["recipient"] == [{"code": "COL", "sector": "MIL", "entity_text": "the army",
                               "implied": "domestic"}]


def test_a_place_outside_the_acts_phrase_is_not_its_recipient():
    events = coded("Afghan rebels kidnapped three engineers from a bazaar, diplomatic sources "
                   "in Pakistan said.")
    (e,) = [e for e in events if e["event"] == "COERCE"]
    assert codes(e["actor"]) == ["AFG"] and "PAK" not in codes(e["recipient"])


def test_a_copula_does_not_lend_its_prepositions():
    (e,) = coded("Boko Haram's campaign of violence remains of great concern to Canada.")
    assert e["event"] == "ASSAULT" and codes(e["actor"]) == ["NGA"]
    assert "CAN" not in codes(e["recipient"])


def test_people_a_states_forces_act_on_are_of_that_state():
    (e,) = coded("Nigerian soldiers detained dozens of villagers on Tuesday.")
    assert e["event"] == "COERCE" and codes(e["recipient"]) == ["NGA"]
    events = coded("Egyptian police fired tear gas to disperse student demonstrators on Monday.")
    assert events and codes(events[0]["recipient"]) == ["EGY"]  # the act the firing aims at
    (e,) = coded("Greek police arrested Albanian migrants near the border.")
    assert codes(e["recipient"]) == ["ALB"]  # a state named wins


def test_a_joint_act_of_a_compound_actor_has_no_recipient_of_its_own():
    (e,) = coded("Indonesia and Malaysia agreed that their navies should patrol the strait "
                 "together.")
    assert codes(e["actor"]) == ["IDN", "MYS"] and e["recipient"] == []
