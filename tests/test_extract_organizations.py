"""Organizations from our own sentences: names the parse gives, and what must stay out."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document


def _orgs(text: str) -> list[dict]:
    out = extract_document(make_document(text, id="t", published="2016-10-25")).to_json()
    return out["organizations"]


def _names(text: str) -> set[str]:
    return {n for o in _orgs(text) for n in (o["name"], *o["aliases"])}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Jordanian Ministry of Interior issued new rules on Monday.",
         "Jordanian Ministry of Interior"),
        ("Officials from the Lebanese Army Intelligence Directorate questioned the suspects.",
         "Lebanese Army Intelligence Directorate"),
        ("The Nineveh Operations Command said its units had cleared three villages.",
         "Nineveh Operations Command"),
        ("Funding was approved by the European Investment Bank last week.",
         "European Investment Bank"),
        ("Critics of the Turkish Red Crescent Society say aid was delayed.",
         "Turkish Red Crescent Society"),
        ("The report was sent to the UN Panel of Experts and the UN Board of Auditors.",
         "UN Board of Auditors"),
        ("A delegation from the Egyptian Parliament arrived in Tripoli.",
         "Egyptian Parliament"),
    ],
)
def test_a_capitalised_name_with_an_organization_head(text: str, name: str) -> None:
    assert name in _names(text)


def test_two_bodies_joined_by_and_stay_two() -> None:
    names = _names("Talks between the Libyan Presidential Council and the Tobruk House of "
                   "Representatives Committee resumed.")
    assert "Libyan Presidential Council" in names
    assert not any(" and " in n for n in names)


def test_firm_names_joined_by_and_stay_one() -> None:
    names = _names("The bridge was built by the Italian firm Rossi and Bianchi in 1962.")
    assert "Rossi and Bianchi" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Barrel bombs dropped by the Gaddafi regime hit the port.", "Gaddafi regime"),
        ("Elders of the Al Shammar tribe met the governor.", "Al Shammar tribe"),
        ("The armed faction Liwa al-Tawhid withdrew from the town.", "Liwa al-Tawhid"),
        ("Engineers from the Korean company Hanbit repaired the dam.", "Hanbit"),
        ("The rebel group Jaish al-Nasr shelled the airport on Tuesday.", "Jaish al-Nasr"),
    ],
)
def test_names_before_group_nouns_and_after_common_nouns(text: str, name: str) -> None:
    assert name in _names(text)


def test_demonym_opposition_is_an_organization() -> None:
    orgs = _orgs("The fall of the city was a blow to the Libyan opposition, the envoy said.")
    found = next(o for o in orgs if o["name"] == "Libyan opposition")
    assert found["kind"] == "other"


def test_an_acronym_defined_in_brackets_is_an_alias() -> None:
    orgs = _orgs("The Regional Monitoring Commission (RMC) published its findings. "
                 "The RMC said the ceasefire had been broken twelve times.")
    found = next(o for o in orgs if o["name"] == "Regional Monitoring Commission")
    assert "RMC" in found["aliases"]
    assert len([o for o in orgs if "RMC" in (o["name"], *o["aliases"])]) == 1


def test_a_bare_coalition_acting_in_the_text() -> None:
    names = _names("Coalition jets struck the bridge. The coalition said two fighters died.")
    assert {"coalition"} & {n.lower() for n in names}


def test_a_named_coalition_takes_the_bare_word() -> None:
    orgs = _orgs("The Global Coalition against Daesh met in Rome. The coalition agreed a plan.")
    assert not any(o["name"] == "coalition" for o in orgs)


def test_a_coalition_of_parties_is_not_an_organization() -> None:
    orgs = _orgs("A coalition of opposition parties won the vote in the capital.")
    assert not any("coalition" in o["name"].lower() for o in orgs)


def test_generated_forces_join_the_listed_military() -> None:
    orgs = _orgs("American forces supported the raid. The U.S. military said the raid "
                 "killed four militants.")
    us = [o for o in orgs if o.get("code") == "USA"]
    assert len(us) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Secretary Jane Example said the attack was appalling.",
        "The Secretary-General of the United Nations called for calm.",
        "Sinjar has been liberated after months of occupation.",
        "The Summit is the first since the elections.",
        "State Television reported that the convoy was hit.",
        "The Daily News Agency said two people were hurt.",
        "MND attends Paris meeting",
        "Officials gathered in Aleppo and Homs on Monday.",
    ],
)
def test_titles_places_media_and_headlines_are_not_organizations(text: str) -> None:
    names = _names(text)
    assert not any(w in n for n in names for w in
                   ("Secretary", "Sinjar", "Summit", "Television", "News", "MND", "Aleppo"))


def test_a_person_before_a_group_noun_needs_the_noun() -> None:
    names = _names("Omar Example met the tribal elders in Ramadi.")
    assert not names


def test_a_place_with_a_head_word_is_not_an_organization() -> None:
    names = _names("Settlers in the West Bank clashed with the police on Friday.")
    assert "West Bank" not in names


def test_a_known_group_before_a_group_noun_keeps_its_name() -> None:
    orgs = _orgs("Fighters of the Hezbollah militia crossed the border.")
    assert [o["name"] for o in orgs if "Hezbollah" in o["name"]] == ["Hezbollah"]


def test_a_shared_country_word_does_not_merge_two_bodies() -> None:
    names = {o["name"] for o in _orgs("Protesters gathered outside the Canadian Embassy. "
                                       "Canadian forces were not deployed.")}
    assert "Canadian Embassy" in names
    assert len(names) == 2


def test_a_short_form_joins_the_full_name() -> None:
    orgs = _orgs("Ministers of the Northern Maritime Alliance met in Oslo. "
                 "The Maritime Alliance agreed to new patrols.")
    assert len(orgs) == 1
    assert "Maritime Alliance" in orgs[0]["aliases"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The vote in the Iraqi parliament was postponed again.", "Iraqi parliament"),
        ("The Turkish foreign ministry summoned the ambassador.", "Turkish foreign ministry"),
    ],
)
def test_a_state_body_in_lower_case(text: str, name: str) -> None:
    orgs = _orgs(text)
    found = next(o for o in orgs if o["name"] == name)
    assert found["kind"] == "government"


def test_bodies_of_two_states_stay_apart() -> None:
    names = {o["name"] for o in _orgs("The Iraqi parliament met on Monday. The Turkish "
                                       "parliament met on Tuesday.")}
    assert {"Iraqi parliament", "Turkish parliament"} <= names


def test_an_acronym_acting_past_the_title_line() -> None:
    text = ("Fighting near the dam\nThe KRF captured the dam after a week of fighting, "
            "and the KRF later handed it to local police.")
    assert "KRF" in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "The report\nAFP said the convoy had been hit by a mortar.",
        "ABC attends the summit in Paris",
    ],
)
def test_an_acronym_cited_as_a_source_or_in_a_title_is_left_out(text: str) -> None:
    assert not {"AFP", "ABC"} & _names(text)


def test_the_bare_army_acting_in_the_text() -> None:
    names = _names("Rockets landed near the airport, the army said. The army later closed "
                   "the road to the border.")
    assert "army" in {n.lower() for n in names}


def test_the_army_of_a_named_state_force_is_not_added_again() -> None:
    orgs = _orgs("Iraqi security forces entered Ramadi. The army said Iraqi troops took the "
                 "hospital.")
    assert not any(o["name"].lower() == "army" for o in orgs)


def test_arabic_names_of_armed_groups() -> None:
    names = _names("Fighters from Jaish al-Ummah and Liwa Suqour al-Sham attacked the "
                   "checkpoint on Sunday.")
    assert {"Jaish al-Ummah", "Liwa Suqour al-Sham"} <= names


def test_names_headed_by_force_units_and_volunteers() -> None:
    names = {o["name"] for o in _orgs(
        "The Regional Joint Task Force, backed by the Volunteers for the Defence of the "
        "Republic, fought the insurgents. The Popular Defence Units held the town.")}
    assert {"Regional Joint Task Force", "Volunteers for the Defence of the Republic",
            "Popular Defence Units"} <= names


def test_a_house_of_parliament_is_an_organization() -> None:
    names = {o["name"] for o in _orgs("The House of Representatives, based in Tobruk, "
                                      "rejected the deal.")}
    assert "House of Representatives" in names


def test_two_names_sharing_one_word_but_not_their_head_stay_two() -> None:
    names = {o["name"] for o in _orgs("The Islamic Army fought beside the Islamic State near "
                                      "Fallujah.")}
    assert {"Islamic Army", "Islamic State"} <= names
