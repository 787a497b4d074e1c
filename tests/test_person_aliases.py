"""Persons: a name given as another's alias or birth name, and the fuller form of a name."""

from __future__ import annotations

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.ingest import make_document


def _persons(text: str) -> list[str]:
    out = extract_document(make_document(text, id="t", published="2016-10-25")).to_json()
    return [p["name"] for p in out["persons"]]


@pytest.mark.parametrize(
    ("text", "person", "alias"),
    [
        ("Karim Haddad, also known as Abu Yasser, commanded the brigade until 2009. "
         "Haddad was arrested in Mosul.", "Haddad", "Abu Yasser"),
        ("Abu Omar Haddad, born Salim Hadi al-Rawi, led the cell. Haddad fled to Syria "
         "in 2006.", "Haddad", "Salim Hadi al-Rawi"),
        ("The militia was led by Hamid Haddad, known as Abu Layla. Haddad died in 2015.",
         "Haddad", "Abu Layla"),
    ],
)
def test_an_alias_or_birth_name_is_no_second_person(text: str, person: str, alias: str) -> None:
    names = _persons(text)
    assert any(n.endswith(person) for n in names)
    assert not any(alias.split()[-1] in n for n in names)


def test_a_hyphenated_birthplace_is_no_alias_cue() -> None:
    names = _persons("The Iraqi-born Omar Haddad was sentenced on Monday. Haddad denied the "
                     "charges.")
    assert any(n.endswith("Haddad") for n in names)


def test_the_fuller_form_of_a_name_with_an_article_is_kept() -> None:
    names = _persons("He was appointed by Prime Minister Nasir Hadidi. Prime Minister Nasir "
                     "al-Hadidi later dismissed him.")
    assert names == ["Nasir al-Hadidi"]


def test_a_name_inside_an_armed_group_name_is_no_person() -> None:
    assert _persons("Fighters from Liwa Suqour al-Sham attacked the checkpoint.") == []
