"""Deployment figures from sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "seed.txt"


def deployments(text: str, published: str = "2016-10-25") -> list[dict]:
    document = make_document(text, id="t", published=published)
    return [f.data for f in extract_document(document).facts if f.kind == "deployments"]


def only(text: str) -> dict:
    found = deployments(text)
    assert len(found) == 1, found
    return found[0]


def test_future_deployment_with_cap_and_destination() -> None:
    d = only("Norway will deploy up to 120 personnel to Jordan next year.")
    assert (d["country"], d["count"], d["qualifier"], d["unit"]) == ("NOR", 120, "up to",
                                                                     "personnel")
    assert d["location"] == "JOR"
    assert d["as_of"] == "2017"


def test_present_strength_is_dated_by_publication() -> None:
    d = only("The Netherlands has about 150 trainers in Iraq.")
    assert (d["country"], d["count"], d["qualifier"], d["unit"]) == ("NLD", 150, "about",
                                                                     "trainers")
    assert d["as_of"] == "2016-10-25"
    assert d["location"] == "IRQ"


def test_aircraft_and_special_forces_in_one_list() -> None:
    found = {d["unit"]: d for d in deployments(
        "Denmark is sending seven F-16 fighter jets and some 60 special forces.")}
    assert found["aircraft"]["count"] == 7
    assert found["special forces"]["count"] == 60
    assert found["special forces"]["qualifier"] == "about"
    assert {d["country"] for d in found.values()} == {"DNK"}


def test_increment_with_explicit_date() -> None:
    d = only("Germany sent 450 more soldiers to Lithuania in May 2017.")
    assert (d["country"], d["count"], d["additional"]) == ("DEU", 450, True)
    assert d["as_of"] == "2017-05"


def test_force_named_by_demonym() -> None:
    d = only("There are roughly 2,500 Italian troops in Afghanistan.")
    assert (d["country"], d["count"], d["location"]) == ("ITA", 2500, "AFG")


def test_total_number_has_increased_to() -> None:
    d = only("The total number of Spanish troops deployed in Lebanon has increased to nearly 600.")
    assert (d["country"], d["count"], d["qualifier"]) == ("ESP", 600, "nearly")
    assert d["as_of"] == "2016-10-25"


def test_past_figure_has_no_as_of_without_a_date() -> None:
    d = only("Belgium deployed 40 instructors to Baghdad.")
    assert (d["country"], d["count"], d["unit"], d["as_of"]) == ("BEL", 40, "trainers", None)


@pytest.mark.parametrize("text", [
    "Militants killed 40 Iraqi soldiers near Ramadi.",
    "The coalition has 68 member nations.",
    "Britain pledged £20 million to the fund.",
    "The army trained 2,000 Afghan soldiers last year.",
    "Some 5,000 refugees crossed the border into Turkey.",
    "Poland will not send 200 troops.",
    "The Pentagon said it would send 100 more troops.",
])
def test_no_deployment(text: str) -> None:
    assert deployments(text) == []


def test_seed_document() -> None:
    if not SEED.exists():
        pytest.skip("shared seed not available")
    found = deployments(SEED.read_text(encoding="utf-8"))
    assert any(d["country"] == "CAN" and d["count"] == 830 and d["qualifier"] == "about"
               and d["unit"] == "personnel" and d["as_of"] == "2016-10-25" for d in found), found


def test_a_pronoun_subject_is_the_state_reporting_it() -> None:
    d = only("Italy said on Monday that it would send 200 more soldiers to Niger.")
    assert (d["country"], d["count"], d["location"]) == ("ITA", 200, "NER")
    assert d.get("additional") is True
    # "it" with no state reporting or opening the sentence before names nobody
    assert deployments("Officials said it would send 200 soldiers to Niger.") == []
