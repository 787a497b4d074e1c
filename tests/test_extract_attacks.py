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


# --- sentences in the styles of strike releases, ministerial statements and wire stories ------


def one(text: str) -> dict:
    found = attacks(text)
    assert len(found) == 1, found
    return found[0]


def pairs(text: str) -> set[tuple[str | None, str]]:
    return {(a["perpetrator"], a["location_country"]) for a in attacks(text)}


def test_release_strike_count_with_targets_and_date():
    a = one("Coalition military forces conducted 14 strikes against ISIL targets in Iraq on "
            "Monday.")
    assert a["perpetrator"] == "Coalition forces"  # one force word: matches "Coalition" too
    assert a["location_country"] == "IRQ"
    assert a["strikes"] == 14
    assert a["targets"] == ["ISIL targets"]
    assert a["date"] == "2016-10-24"


def test_release_strikes_near_city_destroying():
    a = one("US and partner forces conducted six strikes near Raqqa, Syria, destroying four "
            "ISIL oil wellheads.")
    assert (a["location_country"], a["city"], a["strikes"]) == ("SYR", "Raqqa", 6)


def test_release_follow_on_strike_count_keeps_the_attacker():
    text = ("Coalition military forces conducted 12 strikes against ISIL in Iraq.\n\n"
            "Near Mosul, Iraq, four strikes destroyed two ISIL fighting positions.")
    found = attacks(text)
    assert {a["perpetrator"] for a in found} == {"Coalition forces"}
    assert any(a["city"] == "Mosul" for a in found)


def test_passive_with_agent_and_participle_agent():
    a = one("The airstrikes carried out by the coalition near Manbij, Syria, killed 56 "
            "civilians.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("coalition", "SYR", 56)
    a = one("Syrian opposition groups said government helicopters dropped barrel bombs on "
            "Daraya, a suburb of Damascus.")
    assert a["location_country"] == "SYR" and a["type"] == "barrel bomb"


def test_accusation_names_the_accused():
    a = one("Turkey accused Kurdish militants of bombing a police station in Diyarbakir.")
    assert a["perpetrator"] == "Kurdish militants"
    assert a["location_country"] == "TUR"


def test_accusation_with_blame_for_noun():
    a = one("Sunni politicians blamed Shia militias for the massacre at a mosque in Diyala, "
            "Iraq.")
    assert (a["perpetrator"], a["type"]) == ("Shia militias", "massacre")


def test_state_craft_are_named_for_the_state():
    a = one("Russian warplanes bombed rebel positions in Idlib province, Syria, on Tuesday.")
    assert (a["perpetrator"], a["location_country"]) == ("Russia", "SYR")


def test_two_attackers_in_one_modifier_are_two_attacks():
    assert pairs("Russian and regime airstrikes on eastern Aleppo, Syria, have killed "
                 "hundreds of civilians.") == {("Russia", "SYR"), ("regime", "SYR")}


def test_conjoined_subjects_and_countries():
    assert pairs("Ethiopian troops and Somali forces attacked al-Shabaab bases in Somalia.") \
        == {("Ethiopian troops", "SOM"), ("Somali forces", "SOM")}
    found = attacks("Canada's air task force conducted airstrikes against Daesh in Iraq and "
                    "Syria until February 2016.")
    assert {a["location_country"] for a in found} == {"IRQ", "SYR"}


def test_group_fighters_are_the_group():
    a = one("Boko Haram fighters attacked the town of Dikwa in Borno state, Nigeria, killing "
            "65 people.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Boko Haram", "NGA", 65)


def test_bare_is_in_running_text():
    a = one("The UN said IS militants had shot dead 15 civilians in a village south of Mosul.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("IS", "IRQ", 15)


def test_chemical_weapon_use_and_responsibility():
    a = one("The investigators concluded that Daesh used sulphur mustard in Marea, Syria, in "
            "August 2015.")
    assert (a["perpetrator"], a["type"], a["date"]) == ("Daesh", "chemical attack", "2015-08")
    a = one("The panel found that Daesh was responsible for the use of sulphur mustard in "
            "Marea, Syria.")
    assert a["perpetrator"] == "Daesh"


def test_offensives_take_a_place():
    a = one("Iraqi forces have retaken Tikrit from ISIL.")
    assert (a["perpetrator"], a["location_country"], a["type"]) == ("Iraqi forces", "IRQ",
                                                                     "offensive")
    a = one("Government forces advanced on the town of Qaraqosh, Iraq.")
    assert a["type"] == "offensive"
    assert attacks("Police captured the suspect after a chase.") == []


def test_named_operation_launched_by_a_force():
    a = one("Operation Desert Viper was a military operation conducted by US forces in western "
            "Iraq in 2006.")
    assert (a["perpetrator"], a["location_country"], a["date"]) == ("US forces", "IRQ", "2006")


def test_siege_with_possessor():
    a = one("The Asad regime's siege of Madaya, Syria, has left thousands of people starving.")
    assert (a["perpetrator"], a["location_country"], a["type"]) == ("Asad regime", "SYR",
                                                                     "siege")


def test_claim_of_responsibility_in_the_sentence_and_after():
    a = one("The Foreign Secretary condemned the attack on a UN compound in Kabul, "
            "Afghanistan, for which the Taliban have claimed responsibility.")
    assert a["perpetrator"] == "Taliban"
    text = ("A suicide bomber attacked a market in Kabul, Afghanistan, killing 18 people.\n\n"
            "The Taliban claimed responsibility.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["killed"]) == ("Taliban", 18)


def test_condemned_attack_without_agent_is_placed():
    a = one("The UK strongly condemns the terrorist attack in Istanbul, Turkey.")
    assert (a["perpetrator"], a["location_country"], a["city"]) == (None, "TUR", "Istanbul")


def test_anaphoric_attack_adds_its_count_to_the_attack_before():
    text = ("Ministers condemned the strike carried out by regime forces on a convoy near "
            "Aleppo, Syria.\n\nThis was an indefensible attack, with at least twelve people "
            "killed.")
    (a,) = attacks(text)
    assert (a["location_country"], a["killed"]) == ("SYR", 12)


def test_pronoun_and_the_regime_go_back_to_the_actor_named():
    text = ("Israel has neither confirmed nor denied the reports.\n\n"
            "It is thought to have bombed a weapons convoy near Damascus, Syria.")
    assert pairs(text) == {("Israel", "SYR")}


def test_no_casualties_is_zero():
    a = one("Israeli jets struck the airport in Mezzeh, Syria, causing fires but no "
            "casualties.")
    assert (a["killed"], a["wounded"]) == (0, 0)


def test_counts_go_to_the_nearest_attack():
    found = attacks("The resolution condemned the attacks in Paris, France, and those in "
                    "Sousse, Tunisia, in which 30 tourists were murdered.")
    by_country = {a["location_country"]: a["killed"] for a in found}
    assert by_country == {"FRA": None, "TUN": 30}


@pytest.mark.parametrize("text", [
    "ISIL would attack Baghdad if it could.",
    "The group has threatened to attack foreign embassies in Cairo, Egypt.",
    "We will strike ISIL in Syria.",
    "Israel did not strike Syria last week.",
    "There were no attacks on journalists in Libya.",
    "Ministers discussed attacks on journalists.",
    "Any attack on civilians in Syria is unacceptable.",
    "We call on the regime to stop its attacks on civilians in Aleppo, Syria.",
    "The coalition would not carry out strikes near hospitals in Yemen.",
    "Canada will help Iraqi forces plan and conduct military operations against Daesh.",
    "The situation in Aleppo, Syria, remains dire with images of destruction.",
])
def test_no_attack_stated(text):
    assert attacks(text) == []


def test_places_joined_to_the_first_are_attacks_of_their_own():
    text = ("Chemical weapons in Syria.\n\nThe inquiry concluded that the Syrian regime was "
            "responsible for chemical attacks in Talmenes in April 2014 and in Qmenas and "
            "Sarmin in March 2015.")
    found = attacks(text)
    assert {a["city"] for a in found} == {"Talmenes", "Qmenas", "Sarmin"}
    assert {(a["perpetrator"], a["location_country"]) for a in found} == {("Syrian regime",
                                                                           "SYR")}


def test_two_counts_of_the_dead_are_two_attacks():
    text = ("IS militants shot dead 15 civilians near Mosul, Iraq.\n\n"
            "IS fighters also executed 40 men near Mosul, Iraq.")
    assert sorted(a["killed"] for a in attacks(text)) == [15, 40]


def test_condemned_attack_takes_the_group_the_sentence_names():
    a = one("The Minister condemned the bombing of a market in Baghdad, Iraq, and said Daesh "
            "would be defeated.")
    assert a["perpetrator"] == "Daesh"
    a = one("The bombing of a market in Baghdad, Iraq, shows why the coalition must defeat "
            "Daesh.")
    assert a["perpetrator"] is None


def test_counts_do_not_run_across_and():
    a = one("A car bomb in Baghdad, Iraq, killed at least 30 people and injured many more.")
    assert (a["killed"], a["wounded"]) == (30, None)


def test_attacker_named_without_place_takes_the_next_placed_attack():
    text = ("The Foreign Secretary said:\n\nI condemn the Asad regime's continued use of barrel "
            "bombs against its own people. Reports today of barrel bombs dropped on a market in "
            "Aleppo, killing at least 40 people, show the scale of the crimes.")
    found = attacks(text)
    assert [(a["perpetrator"], a["location_country"], a["killed"]) for a in found] == [
        ("Asad regime", "SYR", 40)]


def test_country_after_the_town_overrides_a_namesake():
    a = one("Operation Iron Fist was a military operation by United States Marines against "
            "insurgents in the town of Sadah, Iraq, in October 2005.")
    assert (a["perpetrator"], a["location_country"], a["city"]) == ("United States Marines",
                                                                   "IRQ", "Sadah")


def test_deaths_of_n_is_a_count():
    text = ("Operation Iron Fist was a military operation by United States Marines in the town "
            "of Sadah, Iraq.\n\nThe operation resulted in the deaths of 50 insurgents.")
    (a,) = attacks(text)
    assert a["killed"] == 50


def test_a_new_bomb_is_not_the_attack_before():
    text = ("Sunni politicians blamed Shia militias for the attack on a mosque in Diyala, "
            "Iraq.\n\nThe attack came hours after a roadside bomb killed four soldiers.")
    found = attacks(text)
    assert [(a["perpetrator"], a["killed"]) for a in found] == [("Shia militias", None)]


def test_opened_fire_is_an_attack():
    a = one("Gunmen opened fire on worshippers at a mosque in Diyala province, Iraq, killing "
            "at least 68 people.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == (None, "IRQ", 68)


def test_operation_to_retake_a_town_is_an_offensive():
    a = one("Iraqi Security Forces continue their operation to liberate Mosul, Iraq.")
    assert (a["perpetrator"], a["location_country"], a["type"]) == ("Iraqi Security Forces",
                                                                     "IRQ", "offensive")
    a = one("The Coalition is helping Iraqi forces to retake Mosul, Iraq.")
    assert a["perpetrator"] == "Iraqi forces"


def test_claimed_in_a_relative_clause():
    a = one("More than 300 people were killed in the bombing in Baghdad, Iraq, which was "
            "claimed by the Islamic State group.")
    assert (a["perpetrator"], a["killed"]) == ("Islamic State", 300)


def test_partners_named_with_along_with():
    assert pairs("Operation Steel Hand was a military operation conducted by US Marines along "
                 "with the Iraqi Army in the town of Karabilah, Iraq.") == {
        ("US Marines", "IRQ"), ("Iraqi Army", "IRQ")}


def test_state_in_a_nested_modifier_is_the_attacker_not_the_place():
    a = one("US drone strikes killed at least 20 militants in North Waziristan, Pakistan, this "
            "week.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("United States", "PAK", 20)


def test_town_tagged_as_a_person_and_region_before_the_country():
    a = one("Kurdish YPG fighters have recaptured Tal Abyad, Syria, from IS.")
    assert (a["location_country"], a["type"]) == ("SYR", "offensive")
    a = one("The Nigerian army said it had killed 30 Boko Haram fighters in Borno state, "
            "Nigeria.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Nigerian army", "NGA", 30)


def test_drove_out_and_fire_nouns():
    a = one("Kurdish forces drove ISIL out of the town of Kobane, Syria.")
    assert (a["perpetrator"], a["location_country"]) == ("Kurdish forces", "SYR")
    a = one("Mortar fire by government forces hit a school in Homs, Syria.")
    assert (a["perpetrator"], a["type"]) == ("government forces", "shelling")


def test_efforts_to_reclaim_take_the_agent_of_their_possessor():
    text = ("Kobane, Syria, has been freed.\n\nThe minister commended Kurdish fighters for their "
            "sustained efforts to reclaim the town.")
    assert pairs(text) == {("Kurdish fighters", "SYR")}


def test_air_support_provided_is_an_air_attack():
    a = one("Coalition aircraft provided close air support to Iraqi troops in Ramadi, Iraq.")
    assert (a["perpetrator"], a["location_country"], a["type"]) == ("Coalition aircraft", "IRQ",
                                                                     "airstrike")


def test_the_militants_are_the_group_named_before():
    text = "IS took Mosul in 2014.\n\nThe militants killed 40 people in Hamam al-Alil, Iraq."
    a = one(text)
    assert (a["perpetrator"], a["killed"]) == ("IS", 40)


def test_strike_release_with_dateline_and_attribution():
    text = ("SOUTHWEST ASIA, October 24, 2016 - U.S. and coalition military forces continued to "
            "attack ISIL terrorists in Syria and Iraq yesterday, officials reported.")
    found = attacks(text)
    assert {(a["perpetrator"], a["location_country"]) for a in found} == {
        ("U.S. and coalition forces", "SYR"),
        ("U.S. and coalition forces", "IRQ")}
    assert {a["date"] for a in found} == {"2016-10-24"}


def test_attacks_attributed_to_an_actor():
    a = one("The mechanism attributed three chlorine attacks in Idlib, Syria, to the Syrian "
            "regime.")
    assert (a["perpetrator"], a["type"], a["strikes"]) == ("Syrian regime", "chemical attack", 3)
    a = one("The government blamed the bombing in Ankara, Turkey, on Kurdish militants.")
    assert a["perpetrator"] == "Kurdish militants"


def test_named_campaign_of_brutality_with_its_place():
    a = one("Daesh's brutality in Mosul, Iraq, has shocked the world.")
    assert (a["perpetrator"], a["location_country"], a["type"]) == ("Daesh", "IRQ", "campaign")
    assert attacks("Iraq remains committed to the fight against terrorism in the region.") == []


def test_lives_claimed_is_a_count():
    a = one("The bombing of a market in Baghdad, Iraq, claimed 35 lives.")
    assert a["killed"] == 35


def test_group_word_after_the_name_is_dropped():
    a = one("The Islamic State group killed 20 people in Raqqa, Syria.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Islamic State", "SYR", 20)


def test_passive_attack_by_unnamed_gunmen_is_stated():
    (a,) = attacks("In 2016, the station's offices in Baghdad were attacked by gunmen, who killed "
                   "two employees.")
    assert a["perpetrator"] is None
    assert a["location_country"] == "IRQ"
    assert a["killed"] == 2


def test_headline_label_is_no_attacker():
    found = attacks("Somalia: Car bomb outside Mogadishu hotel kills 15\n\nThe explosion went off "
                    "on Saturday.")
    assert found and all(a["perpetrator"] != "Somalia" for a in found)


def test_one_of_its_fighters_is_the_group():
    found = attacks("Twelve people died when a suicide bomber blew himself up inside a mosque in "
                    "Peshawar, police said.\n\nThe Pakistani Taliban said one of its fighters "
                    "had carried out the bombing.")
    (a,) = found
    assert a["perpetrator"] == "Pakistani Taliban"
    assert a["location_country"] == "PAK"
    assert a["killed"] == 12


def test_firing_by_the_subject_of_the_verb_above():
    (a,) = attacks("Rebel fighters responded by firing rockets into the city of Deraa, where "
                   "two people died.")
    assert a["perpetrator"] == "Rebel fighters"
    assert a["location_country"] == "SYR"


def test_year_is_no_count():
    (a,) = attacks("In 2019 its leader was killed in an air strike carried out by French forces "
                   "in northern Mali.")
    assert a["killed"] is None
    assert a["location_country"] == "MLI"


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    ("The death toll from the attack has risen to 305.", 305, None),
    ("The death toll stands at 12.", 12, None),
    ("It was the massacre of 5,000 villagers.", 5000, None),
    ("12 soldiers and three civilians were killed.", 15, None),
    ("The battle saw 120 soldiers and a general killed.", 121, None),
    ("Two people were killed and 15 injured.", 2, 15),
    ("Five soldiers and two civilians were wounded.", None, 7),
    ("The attack left 3 people dead and 12 wounded.", 3, 12),
    ("The bombs exploded, killing more than a dozen people.", 12, None),
    ("The raid ended by killing two hundred people.", 200, None),
    ("Five civilians lost their lives.", 5, None),
    ("At least 30 people, including five children, were killed.", 30, None),
    ("There were 15 fatalities.", 15, None),
    ("The ministry confirmed the death of 5 soldiers.", 5, None),
    ("Four people are reported to have been killed.", 4, None),
])
def test_casualty_phrasings(text, killed, wounded):
    from sitrep.extract.attacks import casualties
    c = casualties(text)
    assert (c.killed, c.wounded) == (killed, wounded)


def test_town_the_tagger_missed_after_near():
    (a,) = attacks("The EU strongly condemns yesterday's attack on a UN humanitarian convoy near "
                   "Aleppo, in which 20 civilians were killed.")
    assert a["location_country"] == "SYR"
    assert a["city"] == "Aleppo"
    assert a["killed"] == 20


def test_hundreds_of_strikes_carried_out_by_the_subject():
    (a,) = attacks("Russian aircraft have carried out hundreds of air strikes on eastern Aleppo "
                   "in recent weeks.")
    assert a["location_country"] == "SYR"
    assert a["perpetrator"] in ("Russia", "Russian aircraft")


def test_town_of_a_name_tagged_as_person():
    (a,) = attacks("Government troops have retaken the town of Palmyra from IS, state media say.")
    assert a["location_country"] == "SYR"
    assert a["city"] == "Palmyra"


def test_one_warplane_shot_down_is_no_attack():
    assert attacks("Syrian rebels say they have shot down a government warplane over Idlib "
                   "province.") == []


def test_militants_from_a_named_group_are_the_group():
    (a,) = attacks("Islamist militants from al-Shabab killed 148 people at a university in "
                   "Garissa, Kenya, in April 2015.")
    assert a["perpetrator"] == "al-Shabab"
    assert a["location_country"] == "KEN"
    assert a["killed"] == 148


def test_separate_incident_takes_no_group_from_the_sentence_before():
    found = attacks("Taliban fighters attacked a police checkpoint in Kunduz, killing nine "
                    "officers.\n\nA Taliban spokesman said the group had seized weapons.\n\n"
                    "In a separate incident in Helmand province, a roadside bomb claimed the "
                    "lives of three civilians.")
    assert {(a["perpetrator"], a["killed"]) for a in found} == {("Taliban", 9), (None, 3)}


def test_saddened_to_hear_of_an_attack_is_stated():
    (a,) = attacks("I am deeply saddened to hear of the deaths of 18 people in a suicide attack at "
                   "a wedding in Gaziantep.")
    assert a["location_country"] == "TUR"
    assert a["killed"] == 18


def test_a_town_that_fell_to_a_group_was_taken_by_it():
    found = attacks("Mosul fell to the Islamic State in June 2014. Prices fell to a record low in "
                    "Baghdad.")
    assert [(a["perpetrator"], a["location_country"], a["city"]) for a in found] == [
        ("Islamic State", "IRQ", "Mosul")]


def test_passive_attack_with_a_toll_names_no_one():
    (a,) = attacks("Its offices in Baghdad were bombed in 2008, killing two journalists.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == (None, "IRQ", 2)


def test_an_attack_on_the_subject_of_an_article_is_in_its_country():
    (a,) = attacks("The Brandbergen Mosque is a mosque in Haninge, Sweden.\n\nIn 2015 the mosque "
                   "was damaged in an arson attack.")
    assert (a["perpetrator"], a["location_country"]) == (None, "SWE")


def test_assassination_is_an_attack():
    (a,) = attacks("The Taliban claimed the assassination of the police chief in Kandahar, "
                   "Afghanistan.")
    assert a["location_country"] == "AFG"


@pytest.mark.parametrize(("text", "perpetrator"), [
    ("I condemn today's suicide bombing at a mosque in Kabul. The Taliban have said they were "
     "responsible.", "Taliban"),
    ("The UK condemns the attack on the UN base in Kidal on Friday, which killed three "
     "peacekeepers. Responsibility has been claimed by al-Qaeda in the Islamic Maghreb.",
     "al-Qaeda in the Islamic Maghreb"),
    ("A bomb exploded at a market in Kabul, killing 20 people. No group has said it was "
     "responsible.", None),
])
def test_claims_in_other_words(text, perpetrator):
    (a,) = attacks(text)
    assert a["perpetrator"] == perpetrator


def test_helping_to_push_terrorists_back_is_no_attack():
    assert attacks("The Defence Secretary visited troops in Iraq.\n\nHe said the RAF's work was "
                   "helping Iraqi forces to push the terrorists back.") == []


def test_an_attack_verb_with_its_own_subject_takes_no_other_attacker():
    found = attacks("Israeli aircraft strike Gaza after rocket fire\n\nIsraeli aircraft struck "
                    "several targets in the Gaza Strip overnight after militants fired rockets at "
                    "southern Israel, the military said.")
    assert ("Israel", "ISR") not in {(a["perpetrator"], a["location_country"]) for a in found}


@pytest.mark.parametrize("text, perpetrator, city", [
    ("Warplanes bombed the main airport in Aden on Sunday.", None, "Aden"),
    ("Northern warplanes bombed the main airport in Aden on Sunday.", "Northern warplanes",
     "Aden"),
    ("Security forces opened fire on marchers in Basra, killing four.", "Security forces",
     "Basra"),
    ("A mine was detonated by a group of guerrillas near Kathmandu.", None, "Kathmandu"),
    ("A suicide bomber detonated his vest outside a polling station in Kirkuk.", None, "Kirkuk"),
])
def test_unnamed_and_described_attackers(text, perpetrator, city):
    (a,) = attacks(text)
    assert a["perpetrator"] == perpetrator
    assert a["city"] == city


def test_the_nationality_of_the_victims_is_not_the_place():
    (a,) = attacks("A roadside bomb killed two US soldiers in Taji on Saturday.")
    assert a["location_country"] == "IRQ"
    assert a["killed"] == 2


def test_a_state_weapon_is_the_state():
    (a,) = attacks("Russian rockets hit a bakery in Idlib on Monday, killing nine people.")
    assert a["perpetrator"] == "Russia"
    assert a["location_country"] == "SYR"


def test_the_victims_of_a_barrage_are_not_its_attackers():
    (a,) = attacks("A mortar barrage killed five SDF fighters near Manbij on Tuesday.")
    assert a["perpetrator"] is None
    assert a["killed"] == 5


def test_a_time_of_day_is_no_date():
    (a,) = attacks("Two bombers struck at 0830 GMT near a checkpoint in Arish, Egypt.")
    assert a["date"] is None


def test_a_named_person_killed_somewhere_is_an_attack():
    (a,) = attacks("Omar Haddad, a senior commander, was shot dead in Idlib on Monday.")
    assert a["location_country"] == "SYR"
    assert a["city"] == "Idlib"


def test_members_of_a_group_are_the_group():
    (a,) = attacks("Militants of the Islamic State killed 30 villagers in Nineveh province, Iraq.")
    assert a["perpetrator"] == "Islamic State"
    assert a["killed"] == 30


def test_an_attack_that_must_stop_is_stated():
    (a,) = attacks("The regime's use of barrel bombs on homes in Aleppo must stop.")
    assert a["location_country"] == "SYR"
    assert attacks("Daesh could attack Baghdad.") == []


def test_a_force_named_with_its_examples_is_the_force():
    (a,) = attacks("Coalition aircraft, including RAF Tornados, have struck targets across Iraq.")
    assert a["perpetrator"] == "Coalition aircraft"


def test_a_hyphenated_word_in_a_toll():
    (a,) = attacks("Rebels attacked a checkpoint in Deraa, Syria; 14 pro-government fighters "
                   "were killed.")
    assert a["killed"] == 14


def test_someone_shot_dead_in_a_town():
    (a,) = attacks("A shopkeeper was shot dead in Kirkuk on Monday.")
    assert a["city"] == "Kirkuk"
    assert attacks("The town of Kirkuk was hit by floods.") == []


def test_the_victim_and_the_others_killed_with_him():
    (a,) = attacks("A drone struck a car near Sanaa, Yemen, killing him and four others.")
    assert a["killed"] == 5


# --- several attacks told in one story ------------------------------------------------------


def test_a_late_claim_with_the_raid_names_the_attacker_of_the_story():
    text = ("Gunmen stormed a hotel in Kismayo on Monday, killing 11 people. A car bomb went off "
            "at the gate first. Troops ended the siege by night. A hospital said 30 were hurt. "
            "Al-Shabaab said its fighters had carried out the raid.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Al-Shabaab", "SOM", 11)


def test_no_group_saying_it_was_behind_a_blast_names_no_one():
    text = ("Al-Shabaab fighters attacked a base near Baidoa on Monday. Last month, a bomber "
            "drove a van into a checkpoint in Beledweyne, killing six soldiers. No group said it "
            "was behind that blast.")
    found = {a["perpetrator"]: a for a in attacks(text)}
    assert found[None]["killed"] == 6
    assert set(found) == {"Al-Shabaab", None}


def test_officials_blaming_a_group_name_the_attacker():
    text = ("In 2017 a lorry bomb at a junction in Mogadishu killed more than 300 people. "
            "Officials blamed al-Shabaab.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["killed"]) == ("al-Shabaab", 300)


def test_retaking_a_building_from_attackers_is_no_attack():
    text = ("Militants stormed a hotel in Mogadishu, killing nine. Soldiers regained control of "
            "the building after six hours.")
    (a,) = attacks(text)
    assert a["perpetrator"] is None
    (b,) = attacks("Boko Haram seized control of large parts of Nigeria in 2014.")
    assert (b["perpetrator"], b["location_country"], b["date"]) == ("Boko Haram", "NGA", "2014")
    assert not attacks("Boko Haram seized control of the hospital in 2014.")


def test_an_unnamed_attack_of_its_own_stays_beside_named_ones():
    text = ("Boko Haram fighters raided Gwoza in May, killing 20. Boko Haram also attacked "
            "Bama in June. In July a bomb in a market in Maiduguri killed 14 people.")
    found = sorted((a["perpetrator"] or "", a["killed"] or 0) for a in attacks(text))
    assert ("", 14) in found
    assert len(found) == 3


def test_a_claim_far_down_names_the_unnamed_attack_in_its_town():
    text = ("Suicide bombers struck a market in Baghdad this morning, killing 20 people. Days "
            "earlier Daesh fighters ambushed soldiers near Samarra, killing four. Rockets also "
            "hit Erbil. The minister spoke of resolve. He pledged more aid. Daesh later "
            "claimed responsibility for the Baghdad bombings.")
    found = {a["killed"]: a["perpetrator"] for a in attacks(text)}
    assert found[20] == "Daesh"
    assert found[4] == "Daesh"


def test_a_named_organization_no_gazetteer_knows_claims_an_attack():
    text = ("A car bomb hit buses in Ankara in February 2016, killing 29 people. The Kurdistan "
            "Freedom Falcons, a splinter group, claimed the attack.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["killed"]) == ("Kurdistan Freedom Falcons", 29)
    (b,) = attacks("The Syrian Observatory for Human Rights said strikes hit Idlib, killing four.")
    assert b["perpetrator"] is None


def test_weapons_that_bring_down_or_hit_state_an_attack():
    (a,) = attacks("On Tuesday, Israeli missiles brought down a tower in Gaza City; no "
                   "casualties were reported.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Israel", "PSE", 0)
    (b,) = attacks("That night a rocket fired from Gaza hit a house in Ashkelon and one person "
                   "died.")
    assert (b["perpetrator"], b["location_country"], b["killed"]) == (None, "ISR", 1)
    assert not attacks("The new government brought down inflation in Baghdad.")


def test_attack_dates_skip_a_clause_beside_the_attack_and_read_timeline_labels():
    (a, b) = attacks("Drones hit Abu Dhabi on Monday, killing three. That night, coalition "
                     "warplanes bombed the Yemeni capital, Sanaa, which the Houthis have held "
                     "since 2014.")
    assert a["date"] == b["date"] == "2016-10-24"
    (c,) = attacks("March 2015: Drones and missiles hit Saudi oil installations at Abqaiq.")
    assert (c["location_country"], c["date"]) == ("SAU", "2015-03")


def test_a_release_aircraft_strike_for_the_force_it_names():
    text = ("The RAF continued to strike Daesh in Iraq and Syria. On 26 August, a Reaper "
            "attacked a Daesh-held building in Raqqa. On 27 August, a pair of Typhoons struck a "
            "tunnel entrance near Mosul. There were no RAF strikes over Syria on Sunday.")
    found = {(a["location_country"], a["date"]): a["perpetrator"] for a in attacks(text)}
    assert found[("SYR", "2016-08-26")] == "RAF"
    assert found[("IRQ", "2016-08-27")] == "RAF"
    assert ("SYR", "2016-10-23") not in found


def test_a_paragraph_opening_date_dates_its_later_strikes():
    text = ("On 26 August, RAF Typhoons destroyed two Daesh positions near Mosul. Over Raqqa, a "
            "Reaper engaged a Daesh sniper team.")
    found = {a["location_country"]: a for a in attacks(text)}
    assert found["SYR"]["date"] == found["IRQ"]["date"] == "2016-08-26"
    assert found["SYR"]["perpetrator"] != "Daesh"


def test_a_single_state_craft_is_the_state():
    (a,) = attacks("On Tuesday, an Israeli drone struck a car near Tyre, killing three fighters.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Israel", "LBN", 3)


def test_an_attack_the_group_has_claimed_in_a_relative_clause():
    text = ("The council condemns the attack on the town of Mocuba that began on 4 May and "
            "which the Islamic State has claimed.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["location_country"], a["date"]) == ("Islamic State", "MOZ",
                                                                    "2016-05-04")


def test_two_attacks_of_one_sentence_keep_their_own_dates_and_tolls():
    text = ("Boko Haram seized the town of Damasak in August 2015, and in November 2015 its "
            "fighters killed more than 50 people in raids on villages near Maiduguri.")
    found = {a["date"]: a["killed"] for a in attacks(text)}
    assert found == {"2015-08": None, "2015-11": 50}


def test_the_attack_on_a_named_town_after_attacks_in_its_province_is_its_own():
    text = ("Ministers condemned the continuing attacks in Borno State. They condemned the attack "
            "on the town of Gwoza that began on 2 June.")
    assert {a["city"] for a in attacks(text)} >= {"Gwoza"}


def test_a_state_responding_with_strikes_is_their_attacker():
    text = ("On 19 October 2011, PKK fighters attacked army posts near Hakkari, killing 24 "
            "soldiers. Turkey responded the same month with air strikes on PKK bases in northern "
            "Iraq.")
    found = {a["location_country"]: a["perpetrator"] for a in attacks(text)}
    assert found == {"TUR": "PKK", "IRQ": "Turkey"}


def test_a_day_and_month_take_the_year_the_paragraph_named():
    text = ("The truce collapsed in July 2015. On the night of 24 July, Turkish jets struck PKK "
            "camps in northern Iraq.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["date"]) == ("Turkey", "2015-07-24")
    (b,) = attacks("Turkish jets struck PKK camps in northern Iraq on 24 July.")
    assert b["date"] == "2016-07-24"


def test_a_heading_line_is_its_own_sentence():
    text = ("Decline\nIn October 2016 Iraqi security forces launched an offensive to retake "
            "Mosul.")
    (a,) = attacks(text)
    assert (a["perpetrator"], a["city"], a["date"]) == ("Iraqi security forces", "Mosul",
                                                       "2016-10")


def test_a_headline_name_gives_way_to_the_story_name():
    text = ("RAF Tornados strike Daesh near Hit\n\nRoyal Air Force Tornado GR4s attacked a "
            "building in the town of Hit on 10 April.")
    (a,) = attacks(text)
    assert a["perpetrator"] != "RAF Tornados"


def test_tolls_of_the_counted_and_of_no_one():
    text = ("On 12 March, a Reaper attacked a mortar team near Hit in Iraq, killing the three "
            "terrorists.")
    assert attacks(text)[0]["killed"] == 3
    (b,) = attacks("A strike damaged the hospital in Kafranbel, Syria, on Tuesday; nobody died, "
                   "though five nurses were hurt.")
    assert (b["killed"], b["wounded"]) == (0, 5)


def test_strikes_told_one_by_one_after_a_summary_are_each_an_attack():
    text = ("Royal Air Force aircraft have continued to strike Daesh targets in Iraq this week. "
            "On Saturday 8 October, a Reaper attacked a mortar team near Hit. On Monday 10 "
            "October, Typhoons struck a headquarters in Mosul.")
    found = sorted(a["date"] for a in attacks(text))
    assert found == ["2016-10-08", "2016-10-10"]


def test_two_clauses_of_one_sentence_keep_their_own_tolls():
    text = ("In September 2013 al-Shabaab gunmen killed 67 people at a shopping centre in "
            "Nairobi, and in April 2015 the group murdered 148 people at a college in Garissa.")
    found = {a["date"]: a["killed"] for a in attacks(text)}
    assert found == {"2013-09": 67, "2015-04": 148}


def test_a_suicide_bomber_is_no_aircraft_of_the_last_named_group():
    text = ("Islamic State claimed the bombing in Jolo. In July last year a suicide bomber "
            "killed ten people at a checkpoint in Lamitan, Philippines.")
    found = {a["city"]: a for a in attacks(text)}
    assert found["Lamitan"]["perpetrator"] is None
    assert found["Lamitan"]["date"] == "2015-07"


def test_a_town_is_read_in_the_countries_the_document_names():
    found = attacks("Aid groups say the bombing of towns in north-west Syria has intensified.\n"
                    "On Tuesday Russian jets bombed a market in Ariha, killing four people. "
                    "Russian officials denied it. Russian media said the jets hit militants.")
    assert ("Russia", "SYR", "Ariha", 4) in {(a["perpetrator"], a["location_country"],
                                              a["city"], a["killed"]) for a in found}


def test_a_later_attack_on_the_same_town_is_another_attack():
    text = ("Syria said Israeli missiles struck the port of Latakia.\n"
            "State media reported fires in the container yard.\n"
            "Weeks earlier, Israeli jets bombed a weapons depot in Latakia.\n"
            "The strike on Latakia destroyed two warehouses.")
    found = [a for a in attacks(text) if a["city"] == "Latakia"]
    assert len(found) == 2  # the one reported now and the earlier one; "the strike" is told
    # again
    assert {a["perpetrator"] for a in found} == {"Israel"}


def test_aircraft_named_by_type_destroy_for_the_release_attacker():
    doc = make_document("RAF aircraft continued to strike Daesh in Iraq this week.\n"
                        "On Tuesday, Tornados used Brimstone missiles to destroy a Daesh mortar "
                        "team near Hit.", id="t", published="2017-05-10")
    found = [f.data for f in extract_document(doc).facts if f.kind == "attacks"]
    assert ("RAF", "IRQ", "Hit", "2017-05-09") in {
        (a["perpetrator"], a["location_country"], a["city"], a["date"]) for a in found}
    assert attacks("The ministry hopes to destroy the network in Iraq.") == []


@pytest.mark.parametrize(("text", "killed", "wounded"), [
    ("Russian jets bombed a house in Ariha, Syria, killing a mother, a father and their three "
     "children.", 5, None),
    ("A drone hit a car near Sinjar, Iraq, killing the driver and three passengers and "
     "wounding five people nearby.", 4, 5),
    ("Gunmen attacked a checkpoint in Kirkuk, Iraq, killing two policemen and a civilian.",
     3, None),
    ("Gunmen attacked a checkpoint in Kirkuk, Iraq, killing civilians and two policemen.",
     None, None),  # an uncounted victim: the toll is not stated
])
def test_listed_victims_are_summed(text, killed, wounded):
    (a,) = attacks(text)
    assert (a["killed"], a["wounded"]) == (killed, wounded)


def test_another_incident_the_same_day_keeps_its_unnamed_attacker():
    found = attacks("Fighters of al-Shabaab overran an army base near Kismayo, Somalia, on "
                    "Monday, killing eleven soldiers.\nThe same day, a bomb exploded at a market "
                    "in Baidoa, killing four people.")
    assert {(a["perpetrator"], a["city"], a["killed"]) for a in found} == {
        ("al-Shabaab", "Kismayo", 11), (None, "Baidoa", 4)}


def test_unidentified_armed_men_are_an_unnamed_attacker():
    (a,) = attacks("Unidentified armed men attacked a police post in Kidal, Mali, killing two "
                   "officers.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == (None, "MLI", 2)


def test_a_weapon_fired_by_a_group_is_the_groups_attack():
    found = attacks("A ballistic missile fired by the Houthis slammed into a neighbourhood of "
                    "Marib, Yemen, killing a girl and wounding five other people.")
    assert ("Houthis", "YEM", 1, 5) in {(a["perpetrator"], a["location_country"], a["killed"],
                                         a["wounded"]) for a in found}


def test_a_town_in_apposition_to_a_place_noun_is_a_place_though_tagged_a_person():
    found = attacks("Coalition jets bombed a workshop in the Yemeni capital, Sanaa, wounding "
                    "two civilians.")
    assert any(a["city"] == "Sanaa" and a["location_country"] == "YEM" for a in found)


@pytest.mark.parametrize("text, group", [
    ("Fighters loyal to the Islamic State attacked a checkpoint near Sirte, Libya.",
     "Islamic State"),
    ("Militants acting on behalf of al-Shabaab bombed a market in Mogadishu, Somalia.",
     "al-Shabaab"),
    ("Gunmen acting for Boko Haram killed nine farmers near Maiduguri, Nigeria.", "Boko Haram"),
])
def test_attackers_acting_for_a_group_are_the_groups(text, group):
    found = attacks(text)
    assert found and all(a["perpetrator"] == group for a in found)


def test_a_town_locating_another_is_only_a_reference():
    found = attacks("An air strike by the Sudanese Armed Forces hit a livestock market in "
                    "Kabkabiya, west of El Fasher, Sudan, killing fourteen people.")
    assert [(a["city"], a["killed"]) for a in found] == [("Kabkabiya", 14)]


def test_a_town_tagged_an_organization_after_a_direction_is_a_place():
    found = attacks("Shells landed in a camp for displaced people, north "
                    "of El Fasher, wounding eleven people.")
    assert [(a["location_country"], a["city"], a["wounded"]) for a in found] == [
        ("SDN", "El Fasher", 11)]


def test_a_craft_launched_at_a_target_is_an_attack_and_the_rebels_are_the_group_named():
    found = attacks("The Houthis shelled a government position near Marib, Yemen, on Monday.\n"
                    "On Tuesday the rebels launched an explosive-laden drone towards Khamis "
                    "Mushait in southern Saudi Arabia.")
    assert ("Houthis", "SAU") in {(a["perpetrator"], a["location_country"]) for a in found}


def test_craft_sent_nowhere_in_particular_is_no_attack():
    assert attacks("Russia deployed drones and jets to Syria in September.") == []


def test_a_named_groups_fighters_are_named_for_the_group_without_its_acronym():
    (a,) = attacks("Hayat Tahrir al-Sham (HTS) fighters fired rockets at the town of "
                   "Suqaylabiyah in Hama province, Syria, killing two civilians.")
    assert a["perpetrator"] == "Hayat Tahrir al-Sham"


def test_no_one_killed_is_none_killed_not_one():
    (a,) = attacks("A bomb exploded on a minibus in Kabul, Afghanistan, on Sunday. Three "
                   "passengers were hurt; police said no one had been killed.")
    assert (a["killed"], a["wounded"]) == (0, 3)


def test_the_terrorists_are_the_armed_group_named_before():
    found = attacks("Al-Shabaab fighters stormed a hotel in Mogadishu, Somalia, on Friday.\n"
                    "On Sunday the terrorists bombed a checkpoint in Baidoa, Somalia, killing "
                    "four soldiers.")
    assert ("Al-Shabaab", "Baidoa", 4) in {(a["perpetrator"], a["city"], a["killed"])
                                           for a in found}


@pytest.mark.parametrize("text, wounded", [
    ("Gunmen wounded three policemen in Peshawar, Pakistan, on Monday.", 3),
    ("Militants stabbed two guards at a checkpoint in Mombasa, Kenya.", None),
])
def test_harm_done_by_its_doer_is_an_attack(text, wounded):
    (a,) = attacks(text)
    assert a["wounded"] == wounded and a["perpetrator"] is None


def test_a_wounding_told_as_another_attacks_toll_is_no_second_attack():
    found = attacks("A missile fired by the Houthis slammed into a neighbourhood of Marib, "
                    "Yemen, killing a girl and wounding five other people.")
    assert [(a["killed"], a["wounded"]) for a in found] == [(1, 5)]


def test_strikes_counted_by_country_then_told_town_by_town_are_one_attack_per_town():
    found = attacks("Coalition aircraft conducted three strikes in Syria.\n"
                    "Near Manbij, two strikes struck two separate ISIL tactical units.\n"
                    "Near Raqqa, a strike destroyed an ISIL mortar system.")
    assert sorted((a["perpetrator"], a["location_country"], a["city"]) for a in found) == [
        ("Coalition aircraft", "SYR", "Manbij"), ("Coalition aircraft", "SYR", "Raqqa")]


def test_weapons_sent_at_a_target_are_an_attack_and_weapons_sent_to_a_state_are_not():
    found = attacks("Hezbollah sent rockets into northern Israel, wounding two people.")
    assert [(a["perpetrator"], a["location_country"], a["wounded"]) for a in found] == [
        ("Hezbollah", "ISR", 2)]
    assert attacks("The United States sent Javelin missiles to Ukraine.") == []


def test_bombs_sent_by_the_group_named_before_are_its_attack():
    found = attacks("Daesh claimed the bombing within hours.\n\nOnce the battle for Mosul had "
                    "begun in October 2016, the group sent dozens of suicide car bombs against "
                    "Iraqi army columns in the eastern districts of the city.")
    assert ("Daesh", "IRQ", "Mosul") in {(a["perpetrator"], a["location_country"], a["city"])
                                         for a in found}


def test_a_states_attack_on_a_place_of_its_own_named_nearest_is_at_home():
    (a,) = attacks("Turkish jets bombed a group of smugglers coming from Iraq near a village "
                   "in Şırnak Province, killing 34 of them.")
    assert (a["perpetrator"], a["location_country"], a["killed"]) == ("Turkey", "TUR", 34)


def test_a_salvo_is_an_attack_noun():
    found = attacks("Hamas claimed a rocket salvo on Sderot, Israel, on Monday.")
    assert [(a["perpetrator"], a["location_country"]) for a in found] == [("Hamas", "ISR")]


def test_unnamed_insurgents_in_a_story_of_one_armed_group_are_that_group():
    text = ("Al-Shabaab fighters stormed a hotel in Mogadishu, Somalia, on Friday, killing 12.\n"
            "On Sunday, insurgents ambushed a convoy near Baidoa, Somalia, killing four "
            "soldiers.")
    assert [a["perpetrator"] for a in attacks(text) if a["city"] == "Baidoa"] == ["Al-Shabaab"]
    two = text + "\nThe army said Islamic State militants were also active in the region."
    assert [a["perpetrator"] for a in attacks(two) if a["city"] == "Baidoa"] == [None]


def test_an_attack_in_a_town_no_gazetteer_knows_is_in_the_storys_country():
    found = attacks("Afghanistan: attacks in several provinces\n\nTaliban fighters attacked "
                    "police posts in Helmand, Afghanistan, killing 18 officers.\nHours later, a "
                    "car bomb went off outside the police headquarters in Qalazad, leaving 12 "
                    "people dead.")
    assert (None, "AFG", "Qalazad", 12) in {(a["perpetrator"], a["location_country"], a["city"],
                                             a["killed"]) for a in found}


@pytest.mark.parametrize("text, towns", [
    ("Israeli strikes hit Gaza City, Rafah and Khan Younis on Tuesday, killing 25 people.",
     {"Gaza City", "Rafah", "Khan Younis"}),
    ("Daesh carried out a string of bombings across Iraq on Monday, in Baghdad, Hillah and "
     "Basra, killing 40 people.", {"Baghdad", "Hillah", "Basra"}),
])
def test_each_town_of_a_list_is_an_attack(text, towns):
    assert {a["city"] for a in attacks(text)} == towns


@pytest.mark.parametrize("later, date", [
    ("The next day", "2016-05-27"), ("Two days later", "2016-05-28"),
    ("A week later", "2016-06-02"),
])
def test_a_day_counted_from_the_attack_told_before(later, date):
    found = attacks(f"On 26 May, Russian jets bombed a market in Ariha, Syria, killing five "
                    f"people.\n{later}, Russian jets struck a bakery in Saraqib, Syria.")
    assert {(a["city"], a["date"]) for a in found} == {("Ariha", "2016-05-26"),
                                                       ("Saraqib", date)}


@pytest.mark.parametrize("text, name", [
    ("A Houthi drone strike hit the port of Jizan, Saudi Arabia, on Monday.", "Houthis"),
    ("Houthi rebels fired missiles at Jizan, Saudi Arabia, on Monday.", "Houthi"),
    ("Hezbollah fighters fired rockets at Metula, Israel, on Monday.", "Hezbollah"),
])
def test_a_group_named_by_its_adjective_goes_by_its_name(text, name):
    assert [a["perpetrator"] for a in attacks(text)] == [name]


def test_a_movement_named_by_its_followers_is_the_attacker():
    found = attacks("The Maoists bombed an office building in Birgunj, Nepal, on Monday.")
    assert [(a["perpetrator"], a["location_country"]) for a in found] == [("Maoists", "NPL")]


def test_a_small_town_no_country_names_is_sought_at_the_force_home():
    found = attacks("The Sri Lankan air force bombed Kilinochchi on Monday.")
    assert [(a["location_country"], a["city"]) for a in found] == [("LKA", "Kilinochchi")]


@pytest.mark.parametrize("text", [
    "We condemn the barbarity of Daesh in Mosul.",
    "The United Kingdom condemns the terrorism of Daesh in Mosul.",
])
def test_a_campaign_of_a_group_placed_by_the_verb_of_its_condemnation(text):
    assert [(a["perpetrator"], a["location_country"]) for a in attacks(text)] == [
        ("Daesh", "IRQ")]


def test_a_campaign_with_no_place_is_no_attack():
    assert attacks("We condemn the barbarity of Daesh in the strongest terms.") == []


RELEASE = """Coalition strikes continue

U.S. and coalition military forces continued to attack ISIL terrorists in Iraq yesterday, \
officials reported today.

Attack and fighter aircraft conducted 12 strikes in Iraq:
-- Near Mosul, eight strikes engaged seven ISIL tactical units.
-- Near Qayyarah, two strikes destroyed a vehicle bomb.
-- Near Ramadi, two strikes destroyed an ISIL vehicle.
"""


def test_a_strike_release_listed_town_by_town_on_the_day_it_names():
    found = extract_document(make_document(RELEASE, published="2016-10-24")).to_json()["attacks"]
    towns = {(a["city"], a["date"]) for a in found if a["city"]}
    assert towns == {(town, "2016-10-23") for town in ("Mosul", "Qayyarah", "Ramadi")}
    assert all("coalition" in a["perpetrator"] for a in found)


def test_a_bomb_destroyed_or_defused_is_no_attack():
    assert attacks("Police defused a car bomb outside a market in Kirkuk, Iraq, on Monday.") == []


def test_an_attack_remembered_is_stated():
    found = attacks("Kenyans will remember the attack on the Westgate shopping centre in Nairobi "
                    "in 2013, which al-Shabaab claimed.")
    assert [(a["perpetrator"], a["city"], a["date"]) for a in found] == [
        ("al-Shabaab", "Nairobi", "2013")]


def test_an_attack_abroad_in_the_same_sentence_lends_no_attacker():
    found = attacks("Missile strike kills seven in Dnipro as Ukraine hits Russian refinery\n\n"
                    "Hours later, Ukraine's military said it had struck an oil refinery in the "
                    "Russian city of Saratov with long-range drones.")
    assert {(a["perpetrator"], a["location_country"]) for a in found} == {
        (None, "UKR"), ("Ukraine", "RUS")}


def test_a_drone_after_a_state_missile_strike_is_the_state_s():
    found = attacks("A Russian missile struck an apartment block in Dnipro, Ukraine, killing "
                    "seven people. In Kharkiv, a drone hit a power substation.")
    assert {(a["perpetrator"], a["city"]) for a in found} == {("Russia", "Dnipro"),
                                                              ("Russia", "Kharkiv")}


def test_a_region_named_state_or_province_is_placed_by_its_town():
    found = attacks("The Rapid Support Forces attacked the village of Abu Hujar in Sennar State "
                    "on 2 June, killing 47 civilians.")
    assert [(a["location_country"], a["killed"]) for a in found] == [("SDN", 47)]


def test_the_same_group_is_the_group_named_before():
    found = attacks("Al-Shabaab claimed the bombing of a hotel in Mogadishu, Somalia, on 4 August "
                    "2023. In October 2022, twin car bombings carried out by the same group in "
                    "Mogadishu killed more than 120 people.")
    assert {(a["perpetrator"], a["date"]) for a in found} == {("Al-Shabaab", "2023-08-04"),
                                                              ("Al-Shabaab", "2022-10")}


def test_an_unnamed_attack_told_again_waits_for_its_claim():
    text = ("Terrorist attack in Mogadishu\n\nAustralia condemns the terrorist attack at Lido "
            "Beach in Mogadishu, Somalia.\n\nThe Minister spoke to her counterpart.\n\n"
            "Officials are still counting the victims.\n\nThe attack began at sunset. The "
            "embassy is closed. Al-Shabaab has claimed responsibility for the attack.")
    assert [(a["perpetrator"], a["city"]) for a in attacks(text)] == [("Al-Shabaab", "Mogadishu")]


def test_a_lake_named_for_a_country_does_not_make_it_the_story_s():
    text = ("Baga\n\nBaga is a town on the shore of Lake Chad in Borno State, Nigeria. Lake Chad "
            "has shrunk, and Lake Chad fishermen have left. In April 2013, Boko Haram fighters "
            "attacked a military patrol in the town, killing 180 people.")
    assert [(a["perpetrator"], a["location_country"]) for a in attacks(text)] == [
        ("Boko Haram", "NGA")]


def test_a_month_without_a_year_is_in_the_year_its_paragraph_names():
    found = extract_document(make_document(
        "On 3 January 2015, Boko Haram fighters attacked Baga, Nigeria. In February, "
        "Nigerian jets bombed Boko Haram camps near Monguno, Nigeria.",
        published="2023-05-01")).to_json()["attacks"]
    assert {a["date"] for a in found} == {"2015-01-03", "2015-02"}


def test_a_place_in_the_attacker_s_description_does_not_place_the_attack():
    found = attacks("Several rockets struck the Ain al-Asad airbase in western Iraq on Sunday. "
                    "The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, "
                    "said it was behind the attack.")
    assert [(a["perpetrator"], a["location_country"]) for a in found] == [
        ("Islamic Resistance in Iraq", "IRQ")]


def test_the_shells_fired_from_a_group_s_positions_name_the_shelling_s_attacker():
    found = attacks("The EU is appalled by the shelling of the Al-Jumhuri hospital in Taiz, "
                    "Yemen, on Sunday, which killed seven civilians. According to the local "
                    "authorities, the shells were fired from Houthi positions east of the city. "
                    "We also recall the air strike carried out by the Saudi-led coalition on a "
                    "market in Saada province, Yemen, which killed 12 people.")
    assert {(a["perpetrator"], a["killed"]) for a in found} == {("Houthis", 7),
                                                               ("Saudi-led coalition", 12)}


def test_bombers_said_to_belong_to_a_group_are_its_own():
    found = attacks("In November 2021, two suicide bombers blew themselves up in central "
                    "Kampala, Uganda, killing four bystanders. Police said the bombers belonged "
                    "to the ADF.")
    assert [(a["perpetrator"], a["killed"]) for a in found] == [("ADF", 4)]


def test_an_acronym_the_document_defines_is_that_group():
    found = attacks("The Allied Democratic Forces (ADF) attacked Beni, Democratic Republic of "
                    "Congo. Uganda's army launched air strikes on ADF camps in eastern Congo.")
    assert {(a["perpetrator"], a["location_country"]) for a in found} == {
        ("Allied Democratic", "COD"), ("Uganda's army", "COD")}


def test_a_group_s_shelling_parsed_as_a_gerund_is_the_group_s():
    found = attacks("In March 2016, Houthi shelling of the Bir Basha market in Taiz, Yemen, "
                    "killed 18 civilians.")
    assert [(a["perpetrator"], a["city"], a["killed"]) for a in found] == [
        ("Houthis", "Taiz", 18)]


def test_its_militants_are_the_group_named_before():
    text = (Path(__file__).parent / "data" / "attacks6" / "docs" /
            "q09_jnim_group_entry.txt").read_text()
    found = attacks(text)
    assert ("JNIM", "BFA", 37) in {(a["perpetrator"], a["location_country"], a["killed"])
                                   for a in found}


def test_the_group_of_an_entry_is_the_group_it_is_about():
    text = ("JNIM\n\nJNIM is a Salafi jihadist militant organisation active in the Sahel.\n\n"
            "JNIM was formed in 2017 through the merger of Ansar Dine and the Sahara branch of "
            "al-Qaeda in the Islamic Maghreb. Its leader is Iyad Ag Ghaly.\n\nIn March 2018, the "
            "group carried out attacks on the French embassy in Ouagadougou, Burkina Faso, "
            "killing eight soldiers.")
    assert [(a["perpetrator"], a["location_country"]) for a in attacks(text)] == [
        ("JNIM", "BFA")]


def test_the_country_across_the_border_is_not_where_it_happened():
    found = attacks("Gunmen attacked a mosque in western Niger on Friday, killing 17 people. The "
                    "attackers surrounded the mosque in Banibangou, near the border with Mali, "
                    "and opened fire on the people inside.")
    assert {a["location_country"] for a in found} == {"NER"}


def test_an_attack_there_is_no_evidence_for_is_not_stated():
    assert attacks("There is no evidence at all for the claim, repeated by state media, that "
                   "opposition fighters fired chlorine shells into Aleppo, Syria.") == []
    assert attacks("Officials said that opposition fighters fired chlorine shells into Aleppo, "
                   "Syria, last month.") != []
