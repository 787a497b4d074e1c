"""Sentence bounds set before the parser: a dateline is its own sentence."""

from __future__ import annotations

import pytest

from sitrep.nlp.pipeline import load_nlp


@pytest.mark.parametrize("dateline", ["BERLIN (dpa) -", "BEIRUT (Reuters) -", "KABUL —",
                                      "SAN DIEGO, May 3 (AP) -"])
def test_a_dateline_is_not_parsed_into_the_story(dateline: str) -> None:
    doc = load_nlp()(f"{dateline} The defence ministers of six states met in the city on "
                     "Monday.")
    assert [s.text for s in doc.sents][0] == dateline


def test_a_capitalised_subject_before_a_dash_is_no_dateline() -> None:
    doc = load_nlp()("US forces - mostly special forces - struck the town on Monday.")
    assert len(list(doc.sents)) == 1


def test_each_bulleted_line_is_a_sentence() -> None:
    doc = load_nlp()("Aircraft conducted seven strikes in Syria:\n-- Near Raqqa, four strikes "
                     "engaged three tactical units.\n-- Near Tabqa, three strikes destroyed a "
                     "vehicle.\n")
    assert [s.text.strip() for s in doc.sents] == [
        "Aircraft conducted seven strikes in Syria:",
        "-- Near Raqqa, four strikes engaged three tactical units.",
        "-- Near Tabqa, three strikes destroyed a vehicle."]
