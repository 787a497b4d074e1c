"""Memberships from sentences and lists written for these tests, through the real pipeline."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

FIFTEEN = ["FRA", "DEU", "ITA", "ESP", "PRT", "GRC", "AUT", "BEL", "IRL", "SWE", "FIN", "DNK",
           "EST", "LVA", "LTU"]
FIFTEEN_NAMES = ("France, Germany, Italy, Spain, Portugal, Greece, Austria, Belgium, Ireland, "
                 "Sweden, Finland, Denmark, Estonia, Latvia and Lithuania")


def memberships(text: str, publisher: str | None = "Wire Service") -> dict[str, list[str]]:
    doc = make_document(text, id="t", published="2019-03-14", publisher=publisher)
    return {f.data["group"]: f.data["members"] for f in extract_document(doc).facts
            if f.kind == "memberships"}


@pytest.mark.parametrize(("text", "group", "members"), [
    ("The Northern Contact Group comprises Denmark and Norway.", "Northern Contact Group",
     ["DNK", "NOR"]),
    ("The alliance consists of Poland, Lithuania, Latvia, Estonia and Finland.", "alliance",
     ["POL", "LTU", "LVA", "EST", "FIN"]),
    (f"The Western Maritime Initiative is made up of {FIFTEEN_NAMES}.",
     "Western Maritime Initiative", FIFTEEN),
    ("Coalition nations which have flown missions over Syria include Australia, Bahrain, "
     "Canada, France, Jordan, Saudi Arabia, Turkey, the United Arab Emirates and the United "
     "States.", "Coalition", ["AUS", "BHR", "CAN", "FRA", "JOR", "SAU", "TUR", "ARE", "USA"]),
    ("Members of the Arctic Council are Canada, Denmark, Finland, Iceland, Norway, Russia, "
     "Sweden and the United States.", "Arctic Council",
     ["CAN", "DNK", "FIN", "ISL", "NOR", "RUS", "SWE", "USA"]),
    ("The Gulf Cooperation Council consists of six states: Bahrain, Kuwait, Oman, Qatar, Saudi "
     "Arabia and the United Arab Emirates.", "Gulf Cooperation Council",
     ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]),
    ("The Quartet, which comprises the United Nations, the European Union, the United States "
     "and Russia, met in Cairo on Monday.", "Quartet", ["UN", "EU", "USA", "RUS"]),
    ("Belgium, the Netherlands and Luxembourg are members of the Benelux Union.",
     "Benelux Union", ["BEL", "NLD", "LUX"]),
    ("Australia, Japan, India and the United States form the Quad.", "Quad",
     ["AUS", "JPN", "IND", "USA"]),
])
def test_list_of_members(text: str, group: str, members: list[str]) -> None:
    assert memberships(text)[group] == members


@pytest.mark.parametrize("verb", ["are members of the Western Maritime Initiative",
                                  "joined the Western Maritime Initiative in 2015"])
def test_fifteen_members_as_subjects(verb: str) -> None:
    text = f"{FIFTEEN_NAMES} {verb}."
    assert memberships(text)["Western Maritime Initiative"] == FIFTEEN


def test_group_named_the_sentence_before() -> None:
    text = ("The coalition was formed in 2014 to push back the militants. Its members include "
            "Spain, Italy and Portugal.")
    assert memberships(text) == {"coalition": ["ESP", "ITA", "PRT"]}


def test_bare_members_refer_to_the_group_before_but_not_other_bodies() -> None:
    assert memberships("The alliance was set up in 1990. The members are France, Italy and "
                       "Spain.") == {"alliance": ["FRA", "ITA", "ESP"]}
    assert memberships("The alliance met in Brussels. The members of the jury are France, "
                       "Italy and Spain.") == {}


def test_membership_noun() -> None:
    text = "The UK's membership of NATO is vital. Our membership of the European Union matters."
    assert memberships(text, publisher="UK Government") == {
        "NATO": ["GBR"], "European Union": ["GBR"]}


def test_colon_then_one_member_per_line() -> None:
    text = ("The following nations are members of the coalition:\n- Australia\n- Bahrain\n"
            "- Canada\n- Denmark\n\nThe coalition's ministers met in Rome last week.")
    assert memberships(text)["coalition"] == ["AUS", "BHR", "CAN", "DNK"]


def test_heading_over_lines() -> None:
    text = ("Members of the Northern Group:\n\nDenmark\nNorway\nSweden\nFinland\n\n"
            "The group was founded in 1990.")
    assert memberships(text) == {"Northern Group": ["DNK", "NOR", "SWE", "FIN"]}


def test_numbered_list_after_comprises() -> None:
    text = "The Contact Group comprises:\n1. France\n2. Germany\n3. Italy\nIts work goes on."
    assert memberships(text) == {"Contact Group": ["FRA", "DEU", "ITA"]}


def test_table_turned_to_text() -> None:
    text = ("Coalition members\nCountry | Joined | Role\nAustralia | 2014 | air strikes\n"
            "Canada | 2014 | training\nJordan | 2015 | air strikes\n")
    assert memberships(text) == {"Coalition": ["AUS", "CAN", "JOR"]}


@pytest.mark.parametrize(("text", "group", "members"), [
    ("Norway, a founding member of the alliance, sent two frigates.", "alliance", ["NOR"]),
    ("Coalition partners, including the United Kingdom and France, carried out strikes.",
     "Coalition", ["GBR", "FRA"]),
    ("NATO allies Poland and Romania host missile defence sites.", "NATO", ["POL", "ROU"]),
    ("As members of the coalition, Denmark and the Netherlands flew sorties.", "coalition",
     ["DNK", "NLD"]),
    ("Estonia joined the European Union in 2004.", "European Union", ["EST"]),
    ("The coalition, joined by Qatar and Kuwait, launched new strikes.", "coalition",
     ["QAT", "KWT"]),
    ("Japan and South Korea, both members of the group, abstained.", "group", ["JPN", "KOR"]),
])
def test_members_named_around_the_group(text: str, group: str, members: list[str]) -> None:
    assert memberships(text)[group] == members


@pytest.mark.parametrize(("text", "group", "members"), [
    ("The Gulf Cooperation Council (GCC), comprising Saudi Arabia, Kuwait, Bahrain, Qatar, Oman "
     "and the United Arab Emirates, condemned the attack.", "Gulf Cooperation Council",
     ["SAU", "KWT", "BHR", "QAT", "OMN", "ARE"]),
    ("The Shanghai Cooperation Organisation has eight member states: China, India, Kazakhstan, "
     "Kyrgyzstan, Pakistan, Russia, Tajikistan and Uzbekistan.",
     "Shanghai Cooperation Organisation",
     ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]),
    ("The coalition is led by the United States and includes the United Kingdom, France and "
     "Australia.", "coalition", ["USA", "GBR", "FRA", "AUS"]),
    ("The alliance has 29 members, including Albania, Croatia and Montenegro.", "alliance",
     ["ALB", "HRV", "MNE"]),
    ("Among the members of the coalition are Spain, Portugal and Greece.", "coalition",
     ["ESP", "PRT", "GRC"]),
    ("The coalition brings together more than 60 countries, including Iraq, Jordan and "
     "Lebanon.", "coalition", ["IRQ", "JOR", "LBN"]),
    ("The Group of Seven comprises Canada, France, Germany, Italy, Japan, the United Kingdom "
     "and the United States; the European Union also attends.", "Group of Seven",
     ["CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"]),
    ("Denmark, along with other NATO allies, sent ships to the Baltic.", "NATO", ["DNK"]),
    ("Coalition members that have flown missions over Iraq: Australia, Belgium, Canada, "
     "Denmark, France, Jordan, the Netherlands and the United Kingdom.", "Coalition",
     ["AUS", "BEL", "CAN", "DNK", "FRA", "JOR", "NLD", "GBR"]),
    ("The coalition's participants include 28 countries: Albania, Belgium, Croatia and "
     "Estonia.", "coalition", ["ALB", "BEL", "HRV", "EST"]),
    ("The alliance was founded in 1949 by Belgium, Canada, Denmark, France, Iceland and "
     "Italy.", "alliance", ["BEL", "CAN", "DNK", "FRA", "ISL", "ITA"]),
    ("Saudi Arabia leads a coalition of nine Arab states, including Egypt, Jordan and Sudan.",
     "coalition", ["SAU", "EGY", "JOR", "SDN"]),
    ("Canada, a coalition partner, withdrew its jets in 2016.", "coalition", ["CAN"]),
    ("Coalition:\nUnited States\nUnited Kingdom\nFrance", "Coalition", ["USA", "GBR", "FRA"]),
    ("Coalition nations which have flown sorties include Australia (2015), Bahrain, Canada, "
     "France (since 2015) and Jordan.", "Coalition", ["AUS", "BHR", "CAN", "FRA", "JOR"]),
    ("Norway and Denmark belong to the Nordic Council.", "Nordic Council", ["NOR", "DNK"]),
    ("Jordan contributes to the coalition.", "coalition", ["JOR"]),
    ("Britain is one of four framework nations of NATO's forward presence, alongside Canada, "
     "Germany and the United States.", "NATO", ["GBR", "CAN", "DEU", "USA"]),
])
def test_more_ways_of_listing(text: str, group: str, members: list[str]) -> None:
    assert memberships(text)[group] == members


def test_organizations_listed_as_members_by_name() -> None:
    text = ("The Northern Front, composed of the Free Syrian Army, the Syriac Military Council "
            "and several tribal militias, captured the town.")
    found = memberships(text)
    assert "Syriac Military Council" in found["Northern Front"]
    assert all(len(m) > 3 for m in found["Northern Front"])  # names, not a state's code


@pytest.mark.parametrize("text", [
    "Countries that are not members of the coalition include Iran, Syria and Russia.",
    "Non-member states such as Iran and Syria objected to the plan.",
    "Russia is not a member of NATO.",
    "Sweden will join NATO next year.",
    "Neighbouring states include Jordan, Lebanon and Turkey.",
    "Ministers from France, Germany and Italy attended the meeting.",
    "The talks were attended by France, Germany and Italy.",
    "Targets included Raqqa and Mosul.",
    "The militant group, which includes fighters from Tunisia and Morocco, claimed the attack.",
    "Attacks by the Northern Alliance, including in Iraq and Syria, continued.",
    "The coalition does not include Iran or Syria.",
    "The delegation included ministers from Egypt and Jordan.",
    "Syria was suspended from the Arab League in 2011.",
    "Jordan is a country in the region with a long border.",
    "The coalition's members are Iraq's neighbours.",
    "Russia will not participate in the coalition.",
    "Iran participated in the talks.",
    "Some members of the Iraqi chess club belonged to the first group of supporters of the "
    "movement.",
    "In September 2014, the United States, Bahrain, Jordan and Qatar began strikes in Syria.",
])
def test_no_membership(text: str) -> None:
    assert memberships(text) == {}


def test_members_after_whose_and_in_apposition_to_a_group_of_states() -> None:
    got = memberships("Farmers' unions met the Lake Chad Basin Commission, whose members are "
                      "Cameroon, Chad, Niger and Nigeria, on Monday.")
    assert got == {"Lake Chad Basin Commission": ["CMR", "TCD", "NER", "NGA"]}
    got = memberships("Ministers of the Visegrad countries, Czechia, Hungary, Poland and "
                      "Slovakia, met in Prague.")
    assert got == {"Visegrad": ["CZE", "HUN", "POL", "SVK"]}


def test_a_group_described_by_a_common_noun_keeps_its_name() -> None:
    got = memberships("The Arab Maghreb Union is a regional bloc founded in 1989. Its members "
                      "comprise Algeria, Libya, Mauritania, Morocco and Tunisia.")
    assert got == {"Arab Maghreb Union": ["DZA", "LBY", "MRT", "MAR", "TUN"]}


def test_a_definite_group_noun_stands_for_the_group_named_before() -> None:
    got = memberships("Foreign ministers of the Arab League met in Cairo on Sunday. The league, "
                      "which groups Egypt, Jordan, Iraq and Lebanon among others, condemned "
                      "the strike.")
    assert got == {"Arab League": ["EGY", "JOR", "IRQ", "LBN"]}
    # a bare noun with no such group named before stays as it is
    assert list(memberships("The council, which groups Egypt, Jordan and Iraq, met.")) == [
        "council"]


def test_a_named_group_described_as_a_formation_of_forces_from_states() -> None:
    got = memberships("The Joint Border Brigade is a combined formation of army units from "
                      "Kenya, Uganda and Tanzania.")
    assert got == {"Joint Border Brigade": ["KEN", "UGA", "TZA"]}
