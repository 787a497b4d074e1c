"""Common-noun entity phrases (sitrep.nlp.phrases) and their re3d types."""

from __future__ import annotations

import pytest

from sitrep.nlp.phrases import nouns, parse_nouns
from sitrep.nlp.predict import re3d_predictor


def _found(text: str) -> set[tuple[str, str]]:
    return {(text[s:e], t) for s, e, t in re3d_predictor()(text)}


def test_lexicon_loads_and_rejects_a_word_in_two_classes() -> None:
    lex = nouns()
    assert any(cls == "location" for _, cls in lex.heads["town"])
    data = {"person": ["man"], "group": ["regime"], "group_plural": ["force"],
            "location": ["town"], "weapon": ["missile", "town"], "platform": ["jet"]}
    with pytest.raises(ValueError, match="town"):
        parse_nouns(data)
    with pytest.raises(ValueError, match="platform"):
        parse_nouns({**data, "weapon": ["missile"], "platform": []})


def test_head_nouns_type_their_phrases() -> None:
    text = "Syrian refugees fled the town after air strikes by Russian jets hit a hospital."
    found = _found(text)
    assert ("Syrian refugees", "Organisation") in found  # the nationality is part of the group
    assert ("Syrian", "Nationality") not in found
    assert ("the town", "Location") in found
    assert ("air strikes", "Weapon") in found
    assert ("Russian jets", "MilitaryPlatform") in found


def test_number_decides_person_or_group() -> None:
    text = "A spokesman said thousands of fighters had crossed. One of the soldiers was killed."
    found = _found(text)
    assert ("A spokesman", "Person") in found
    assert ("thousands of fighters", "Organisation") in found
    assert ("One of the soldiers", "Person") in found


def test_plural_only_groups_and_possessives() -> None:
    text = "They were removed by force. The parties met his family."
    found = _found(text)
    assert not any(t == "force" for t, _ in found)  # "force" is a group only in the plural
    assert ("The parties", "Organisation") in found
    assert ("his family", "Organisation") in found
    assert ("his", "Person") not in found


def test_title_and_name_join_but_an_apposition_stays_apart() -> None:
    text = "Foreign Secretary Boris Johnson met the Iraqi Foreign Minister, Ibrahim al-Jaafari."
    found = _found(text)
    assert ("Foreign Secretary Boris Johnson", "Person") in found
    assert ("Ibrahim al-Jaafari", "Person") in found
