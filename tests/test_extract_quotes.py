"""Quote extraction on sentences written for these tests, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "seed.txt"


def quotes(text: str) -> list[dict]:
    doc = make_document(text, id="t", published="2016-10-25")
    return [f.data for f in extract_document(doc).facts if f.kind == "quotes"]


def test_said_title_and_surname_resolves_full_name():
    text = ("Foreign Minister Maria Lindqvist of Sweden visited Riga on Monday.\n\n"
            "\"Our support for the Baltic states is firm,\" said Minister Lindqvist.")
    (q,) = quotes(text)
    assert q["speaker"] == "Maria Lindqvist"
    assert q["starts_with"].startswith("Our support for the Baltic states")


def test_name_said_after_quote():
    text = ("Defence Secretary Jonas Berg met troops in Oslo.\n\n"
            "“We will keep our promises to our allies,” Berg said.")
    (q,) = quotes(text)
    assert q["speaker"] == "Jonas Berg"


def test_said_colon_then_block():
    text = ("The Foreign Secretary, Alan Marsh, said:\n\n"
            "Today we have agreed new steps to protect civilians in the region.\n\n"
            "Further information")
    (q,) = quotes(text)
    assert q["speaker"] == "Alan Marsh"
    assert q["starts_with"].startswith("Today we have agreed new steps")


def test_quote_broken_by_attribution_is_one_quote():
    text = ("Foreign Minister Maria Lindqvist spoke in Riga.\n\n"
            "\"We stand together,\" said Ms Lindqvist. \"No threat will divide this alliance.\"")
    (q,) = quotes(text)
    assert q["speaker"] == "Maria Lindqvist"
    assert "No threat will divide" in q["text"]


def test_quote_spanning_paragraphs_is_one_quote():
    text = ("Defence Secretary Jonas Berg said: \"The first part of our plan is training.\n\n"
            "\"The second part is equipment for the brigades.\"\n\nHe then left.")
    (q,) = quotes(text)
    assert q["speaker"] == "Jonas Berg"
    assert "second part is equipment" in q["text"]


def test_pronoun_takes_last_person():
    text = ("General Tomas Varga, the army chief of Hungary, visited the base.\n\n"
            "\"The soldiers are ready for the exercise,\" he said.")
    (q,) = quotes(text)
    assert q["speaker"] == "Tomas Varga"


def test_unnamed_and_organization_speakers_are_left_out():
    text = ("\"We are reviewing the report carefully,\" a spokesman said.\n\n"
            "\"The strikes broke the law,\" Amnesty International said.")
    assert quotes(text) == []


def test_scare_quotes_are_not_quotes():
    text = "The so-called \"caliphate\" lost ground as \"moderate rebels\" advanced on the town."
    assert quotes(text) == []


def test_many_quotation_marks_finish_quickly():
    text = " ".join(f"\"word{i}\" and" for i in range(5000))
    assert quotes(text) == []


@pytest.mark.skipif(not SEED.exists(), reason="shared seed absent")
def test_seed_quote():
    (q,) = quotes(SEED.read_text(encoding="utf-8"))
    assert q["speaker"] == "Harjit S. Sajjan"
    assert q["country"] == "CAN"
    assert q["starts_with"].startswith("We must, and will, defeat Daesh")
