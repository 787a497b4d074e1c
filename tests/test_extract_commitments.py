"""Commitments from sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "seed.txt"


def commitments(text: str, publisher: str | None = None) -> list[dict]:
    document = make_document(text, id="t", published="2016-10-25", publisher=publisher)
    return [f.data for f in extract_document(document).facts if f.kind == "commitments"]


def only(text: str, publisher: str | None = None) -> dict:
    found = commitments(text, publisher)
    assert len(found) == 1, found
    return found[0]


def test_committed_to_with_month() -> None:
    c = only("In March 2015, Denmark committed to doubling its contribution to the coalition.")
    assert (c["actor"], c["date"]) == ("DNK", "2015-03")
    assert c["what"].startswith("doubling its contribution")


def test_pledged_money_on_a_weekday() -> None:
    c = only("Japan pledged $500 million in humanitarian aid on Monday.")
    assert (c["actor"], c["date"]) == ("JPN", "2016-10-24")
    assert "$500 million" in c["what"]


def test_government_of_the_publisher_announced_package() -> None:
    c = only("The Government announced a new £50 million support package earlier this month.",
             publisher="UK Government")
    assert (c["actor"], c["date"]) == ("GBR", "2016-10")


def test_will_send_is_a_commitment() -> None:
    c = only("Italy will send 200 more trainers to Iraq.")
    assert (c["actor"], c["date"]) == ("ITA", None)
    assert c["what"].startswith("send 200 more trainers")


def test_possessive_commitment() -> None:
    c = only("The minister underlined Portugal's commitment to supporting the Iraqi army.")
    assert c["actor"] == "PRT"
    assert c["what"].startswith("supporting the Iraqi army")


def test_reaffirmed_its_commitment() -> None:
    assert only("The Netherlands reaffirmed its commitment to training Iraqi forces.")[
        "actor"] == "NLD"


def test_announced_that_it_would() -> None:
    c = only("Last month, Sweden announced that it would extend its mission in Mali.")
    assert (c["actor"], c["date"]) == ("SWE", "2016-09")


def test_participle_announced_earlier_this_year() -> None:
    c = only("Under Finland's new training strategy, announced earlier this year, instructors "
             "work alongside local units.")
    assert (c["actor"], c["date"]) == ("FIN", "2016")


@pytest.mark.parametrize(("text", "actor", "date", "starts"), [
    ("Australia offered two C-130 transport aircraft to the coalition on Monday.", "AUS",
     "2016-10-24", "two C-130"),
    ("Turkey agreed to supply armoured vehicles to the Peshmerga.", "TUR", None, "supply"),
    ("The United States announced $1.3 billion in new military assistance for Jordan.", "USA",
     None, "$1.3 billion"),
    ("Norway has pledged 50 million kroner for mine clearance in Iraq.", "NOR", None, "50"),
    ("Germany will deploy up to 650 soldiers to Mali.", "DEU", None, "deploy up to 650"),
    ("British instructors will train Iraqi soldiers in bomb disposal.", "GBR", None, "train"),
    ("The Netherlands will donate 12 armoured ambulances to the Iraqi army.", "NLD", None,
     "donate 12"),
    ("France is to send 1,000 additional troops to the region, the Elysee said on Friday.",
     "FRA", "2016-10-21", "send 1,000"),
    ("The UK will continue to provide training to Iraqi forces.", "GBR", None, "provide"),
    ("The minister promised that Japan would provide $5 million in emergency food aid.", "JPN",
     None, "provide $5 million"),
    ("The Prime Minister announced on Tuesday that Britain would send 800 troops to Estonia.",
     "GBR", "2016-10-25", "send 800 troops"),
])
def test_pledges_of_money_troops_equipment_and_training(text: str, actor: str, date: str | None,
                                                         starts: str) -> None:
    c = only(text)
    assert (c["actor"], c["date"]) == (actor, date)
    assert c["what"].startswith(starts)


@pytest.mark.parametrize(("text", "actor", "date", "starts"), [
    ("Japan's pledge of $300 million will fund reconstruction.", "JPN", None, "pledge of"),
    ("Saudi Arabia made a pledge of $100 million at the conference in London on 4 February "
     "2016.", "SAU", "2016-02-04", "pledge of $100 million"),
    ("Sweden said it would send 35 military trainers to northern Iraq.", "SWE", None,
     "send 35"),
    ("The US Congress authorised $500 million to train and equip local forces.", "USA", None,
     "$500 million"),
])
def test_nominal_and_reported_pledges(text: str, actor: str, date: str | None,
                                      starts: str) -> None:
    c = only(text)
    assert (c["actor"], c["date"]) == (actor, date)
    assert c["what"].startswith(starts)


@pytest.mark.parametrize(("text", "actor", "starts"), [
    ("A further £20 million will be provided by the UK to support refugees.", "GBR",
     "A further £20 million"),
    ("Japan will finance the construction of two hospitals in Mosul.", "JPN", "finance"),
    ("Germany will lend Iraq 500 million euros.", "DEU", "lend Iraq"),
])
def test_more_future_provisions(text: str, actor: str, starts: str) -> None:
    c = only(text)
    assert c["actor"] == actor and c["what"].startswith(starts)


@pytest.mark.parametrize(("text", "actor"), [
    ("Moscow has pledged to send military police to monitor the zones.", "RUS"),
    ("Washington will deploy 400 more troops to Syria.", "USA"),
    ("Norway is a leading donor. It will also provide 50 million kroner to the UN.", "NOR"),
])
def test_capital_and_pronoun_actors(text: str, actor: str) -> None:
    assert only(text)["actor"] == actor


def test_pronoun_for_something_else_is_no_actor() -> None:
    assert commitments("The fund was set up in 2015. It will provide grants to local groups.") == []


def test_reported_passive_provision_of_the_publisher() -> None:
    c = only("The Defence Secretary confirmed that 250 more troops would be sent to Iraq.",
             publisher="UK Government")
    assert (c["actor"], c["what"]) == ("GBR", "250 more troops would be sent to Iraq")


def test_passive_announcement_by_an_official_of_the_publisher() -> None:
    c = only("A new £30 million package of support was announced by the International "
             "Development Secretary in February 2016.", publisher="UK Government")
    assert (c["actor"], c["date"]) == ("GBR", "2016-02")


def test_list_of_announcements_at_a_summit_takes_its_date() -> None:
    text = ("The Prime Minister and the Italian Prime Minister met on 12 May 2016 for the annual "
            "summit in Rome.\nDuring the summit, ministers made the following announcements:\n\n"
            "new funding for joint border patrols\nan exchange programme for officers\n"
            "Read the full summit documents online.")
    found = [c for c in commitments(text, publisher="UK Government") if c["actor"] == "GBR"]
    assert [c["date"] for c in found] == ["2016-05-12"]
    assert found[0]["what"].startswith("new funding for joint border patrols; an exchange")


@pytest.mark.parametrize("text", [
    "France is committed to defeating Daesh.",
    "Italy remains committed to the coalition's goal of destroying ISIL.",
    "The government has offered to host the next round of talks.",
    "The UK has already spent £2.3 billion on the Syria crisis.",
    "The UK does not intend to send ground troops.",
    "Kuwait hosted a donor conference where states pledged $3.8 billion.",
    "Iraq and the Kurdistan Region agreed to share oil revenues.",
    "Officials hope the coalition will provide more aircraft.",
    "The UK would consider sending more troops.",
    "Britain could send more jets if asked.",
    "The report will provide recommendations to ministers.",
    "The coalition will continue to strike ISIL targets.",
    "We will continue to work with our partners to defeat Daesh.",
    "Sweden said it would not send troops to the region.",
    "The ministers said the talks would continue next week.",
    "Poland will not send troops.",
    "The World Bank is expected to announce a loan next month.",
    "They agreed to meet again in the spring.",
    "Will Canada extend the mission?",
    "The ministers discussed the commitment of partners.",
])
def test_no_commitment(text: str) -> None:
    assert commitments(text) == []


def test_seed_document() -> None:
    if not SEED.exists():
        pytest.skip("shared seed not available")
    found = {(c["actor"], c["date"]) for c in commitments(SEED.read_text(encoding="utf-8"))}
    assert ("CAN", "2016-02") in found
    assert ("CAN", "2016") in found


def test_a_pledge_without_a_date_takes_the_day_of_the_news_its_story_gives() -> None:
    text = ("Donors meeting in Geneva on Monday raised aid for Yemen.\n\n"
            "Kuwait said it would give 250 million dollars.")
    assert only(text)["date"] == "2016-10-24"
    # a plan's own date is not the pledge's; the day the sentence reports it is
    c = only("Norway will deploy 40 trainers to Mali in the autumn, the ministry announced on "
             "Monday.")
    assert (c["actor"], c["date"]) == ("NOR", "2016-10-24")
    # a date far from publication is background, not the day of the news
    text = ("The mission was set up in 2013.\n\nKuwait said it would give 250 million dollars.")
    assert only(text)["date"] is None


def test_each_state_of_a_coordinated_subject_pledges() -> None:
    found = commitments("Qatar and Kuwait together promised $500 million for reconstruction.")
    assert sorted(c["actor"] for c in found) == ["KWT", "QAT"]


def test_the_day_a_plan_is_reported_in_its_own_sentence() -> None:
    c = only("Australia will extend its training mission for a further year, the minister "
             "announced on Monday.")
    assert (c["actor"], c["date"]) == ("AUS", "2016-10-24")
