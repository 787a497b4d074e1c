"""Integrity of the persons actor dictionary (data/actors/persons.yaml)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

import sitrep

ACTORS = Path(sitrep.__file__).parent / "data" / "actors"
PERSONS_PATH = ACTORS / "persons.yaml"

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")

# Bare surnames (or noms de guerre) that news uses for more than one listed person. Each is
# kept on purpose: members of one family, or unrelated namesakes who serve the same actor.
AMBIGUOUS_SURNAMES = frozenset({
    "Assad", "al-Assad", "Asad",        # Hafez, Bassel, Bashar, Maher al-Assad
    "Barzani",                          # Masoud, Nechirvan, Masrour Barzani
    "Hariri",                           # Rafic, Saad Hariri
    "Aoun",                             # Michel, Joseph Aoun (both Lebanon)
    "Sharif",                           # Nawaz, Shehbaz Sharif (Pakistan)
    "Kadyrov",                          # Akhmad, Ramzan Kadyrov
    "Gaddafi", "Qaddafi", "Gadhafi",    # Muammar, Saif al-Islam Gaddafi
    "Sinwar",                           # Yahya, Mohammed Sinwar (Hamas)
    "Haqqani",                          # Jalaluddin, Sirajuddin Haqqani
    "Mehsud",                           # Baitullah, Hakimullah, Noor Wali Mehsud (TTP)
    "Bin Laden", "bin Laden",           # Osama, Hamza bin Laden
    "Baghdadi", "al-Baghdadi",          # Abu Omar, Abu Bakr al-Baghdadi
})


@pytest.fixture(scope="module")
def persons() -> list[dict]:
    data = yaml.safe_load(PERSONS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def country_codes() -> set[str]:
    data = yaml.safe_load((ACTORS / "countries.yaml").read_text(encoding="utf-8"))
    return {entry["code"] for entry in data}


@pytest.fixture(scope="module")
def org_ids() -> set[str]:
    data = yaml.safe_load((ACTORS / "organizations.yaml").read_text(encoding="utf-8"))
    return {entry["id"] for entry in data}


def test_enough_entries(persons):
    assert len(persons) >= 200


def test_entry_shape(persons):
    for person in persons:
        assert set(person) == {"name", "country", "group", "aliases", "roles"}, person


def test_names_are_unique(persons):
    names = [person["name"] for person in persons]
    assert all(isinstance(name, str) and name.strip() == name and name for name in names)
    duplicates = sorted({name for name in names if names.count(name) > 1})
    assert not duplicates, duplicates


def test_countries_are_known(persons, country_codes):
    bad = [(p["name"], p["country"]) for p in persons
           if p["country"] is not None and p["country"] not in country_codes]
    assert not bad, bad


def test_groups_are_known(persons, org_ids):
    bad = [(p["name"], p["group"]) for p in persons
           if p["group"] is not None and p["group"] not in org_ids]
    assert not bad, bad


def test_every_person_has_a_country_or_group(persons):
    bad = [p["name"] for p in persons if p["country"] is None and p["group"] is None]
    assert not bad, bad


def test_roles(persons):
    for person in persons:
        roles = person["roles"]
        assert isinstance(roles, list) and roles, person["name"]
        for role in roles:
            assert set(role) == {"role", "start", "end"}, (person["name"], role)
            assert isinstance(role["role"], str) and role["role"].strip(), (person["name"], role)
            assert isinstance(role["start"], str) and DATE.match(role["start"]), (
                person["name"], role)
            end = role["end"]
            assert end is None or (isinstance(end, str) and DATE.match(end)), (
                person["name"], role)
            if end is not None:
                assert role["start"][:len(end)] <= end, (person["name"], role)


def test_aliases(persons):
    for person in persons:
        aliases = person["aliases"]
        assert isinstance(aliases, list) and aliases, person["name"]
        for alias in aliases:
            assert isinstance(alias, str) and alias.strip() == alias and alias, (
                person["name"], alias)
        assert len(set(aliases)) == len(aliases), (person["name"], aliases)
        assert person["name"] not in aliases, person["name"]


def test_no_alias_is_shared_except_ambiguous_surnames(persons):
    owners: dict[str, set[str]] = defaultdict(set)
    for person in persons:
        owners[person["name"]].add(person["name"])
        for alias in person["aliases"]:
            owners[alias].add(person["name"])
    shared = {alias: sorted(names) for alias, names in owners.items()
              if len(names) > 1 and alias not in AMBIGUOUS_SURNAMES}
    assert not shared, shared


def test_ambiguous_surnames_are_really_shared(persons):
    counts: dict[str, int] = defaultdict(int)
    for person in persons:
        for alias in person["aliases"]:
            if alias in AMBIGUOUS_SURNAMES:
                counts[alias] += 1
    unused = sorted(s for s in AMBIGUOUS_SURNAMES if counts[s] < 2)
    assert not unused, unused


def test_aliases_do_not_collide_with_states_or_organizations(persons):
    countries = yaml.safe_load((ACTORS / "countries.yaml").read_text(encoding="utf-8"))
    orgs = yaml.safe_load((ACTORS / "organizations.yaml").read_text(encoding="utf-8"))
    taken = {name for entry in countries
             for name in [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", [])]}
    taken |= {name for entry in orgs for name in [entry["name"], *(entry.get("aliases") or [])]}
    clashes = [(p["name"], alias) for p in persons
               for alias in [p["name"], *p["aliases"]] if alias in taken]
    assert not clashes, clashes
