"""Validate the actor gazetteer data files in src/sitrep/data/actors/."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

import sitrep

DATA = Path(sitrep.__file__).parent / "data" / "actors"

KINDS = {"coalition", "igo", "armed_group", "military", "government", "other"}
SECTORS = {"IGO", "REB", "MIL", "GOV", "NGO", "PTY", "UAF"}
PLATFORM_TYPES = {"platform", "weapon"}
PLATFORM_CATEGORIES = {
    "aircraft", "helicopter", "drone", "vessel", "vehicle", "missile", "munition",
    "air_defence", "artillery", "small_arms", "generic",
}

# All 193 UN member states, by ISO 3166-1 alpha-3 code.
_UN_MEMBERS_TEXT = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG
MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = frozenset(_UN_MEMBERS_TEXT.split())
NON_MEMBERS = {"XKX", "PSE", "TWN", "VAT"}
HARD_CASES = {"SSD", "TLS", "MNE", "SRB", "MKD", "SWZ", "CPV", "CIV", "COD", "COG", "PRK", "KOR",
              "FSM", "VCT", "STP"}


def load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a YAML list"
    assert all(isinstance(e, dict) for e in data), f"{name} entries must be mappings"
    return data


@pytest.fixture(scope="module")
def countries() -> list[dict[str, Any]]:
    return load("countries.yaml")


@pytest.fixture(scope="module")
def codes(countries) -> set[str]:
    return {c["code"] for c in countries}


@pytest.fixture(scope="module")
def organizations() -> list[dict[str, Any]]:
    return load("organizations.yaml")


@pytest.fixture(scope="module")
def forces() -> list[dict[str, Any]]:
    return load("forces.yaml")


@pytest.fixture(scope="module")
def operations() -> list[dict[str, Any]]:
    return load("operations.yaml")


@pytest.fixture(scope="module")
def platforms() -> list[dict[str, Any]]:
    return load("platforms.yaml")


def check_aliases(entry: dict[str, Any], key: str = "aliases") -> list[str]:
    aliases = entry.get(key)
    assert isinstance(aliases, list) and aliases, f"{entry} has no {key}"
    for alias in aliases:
        assert isinstance(alias, str) and alias.strip() == alias and alias, (entry, alias)
    return aliases


def is_proper(name: str) -> bool:
    """A name safe for case-sensitive matching: at least one capital letter or digit."""
    return any(ch.isupper() or ch.isdigit() for ch in name)


# --- countries.yaml ---------------------------------------------------------------------------


def test_country_codes(countries, codes):
    assert len(countries) >= 197
    seen = [c["code"] for c in countries]
    assert len(seen) == len(set(seen)), "duplicate country codes"
    for code in seen:
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code), code


def test_all_un_members_present(codes):
    assert len(UN_MEMBERS) == 193
    assert UN_MEMBERS >= HARD_CASES
    assert not UN_MEMBERS - codes, f"missing: {sorted(UN_MEMBERS - codes)}"
    assert codes >= NON_MEMBERS
    assert codes == UN_MEMBERS | NON_MEMBERS, f"unexpected: {sorted(codes - UN_MEMBERS)}"


def test_country_fields(countries):
    for c in countries:
        assert isinstance(c["name"], str) and c["name"], c
        assert isinstance(c.get("capital"), str) and c["capital"], c
        aliases = check_aliases(c)
        assert c["name"] in aliases, f"{c['code']}: canonical name missing from aliases"
        assert isinstance(c.get("demonyms"), list), c
        for dem in c["demonyms"]:
            assert isinstance(dem, str) and dem, c


def test_no_country_name_shared(countries):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for name in [c["name"], *c["aliases"], *c["demonyms"]]:
            owners[name.lower()].add(c["code"])
    shared = {name: sorted(o) for name, o in owners.items() if len(o) > 1}
    assert not shared, f"names used by two countries: {shared}"


def test_key_aliases(countries):
    by_code = {c["code"]: c for c in countries}
    assert {"US", "U.S.", "USA", "America"} <= set(by_code["USA"]["aliases"])
    assert {"UK", "Britain"} <= set(by_code["GBR"]["aliases"])
    assert "DPRK" in by_code["PRK"]["aliases"]
    assert {"DRC", "DR Congo"} <= set(by_code["COD"]["aliases"])
    assert "Iraqi" in by_code["IRQ"]["demonyms"]
    assert "Dutch" in by_code["NLD"]["demonyms"]


# --- organizations.yaml and forces.yaml -------------------------------------------------------


def test_body_fields(organizations, forces, codes):
    for entry in organizations + forces:
        assert isinstance(entry["id"], str) and re.fullmatch(r"[A-Z0-9_]+", entry["id"]), entry
        assert isinstance(entry["name"], str) and entry["name"], entry
        assert entry["kind"] in KINDS, entry
        assert entry["sector"] in SECTORS, entry
        assert entry.get("country") is None or entry["country"] in codes, entry
        check_aliases(entry)
        members = entry.get("members")
        if members is not None:
            assert isinstance(members, list) and members, entry
            assert len(members) == len(set(members)), f"{entry['id']}: duplicate members"
            unknown = set(members) - codes
            assert not unknown, f"{entry['id']}: unknown members {unknown}"
    for entry in forces:
        assert entry["kind"] in {"military", "government"}, entry
        assert entry["country"] in codes, entry


def test_body_ids_unique(organizations, forces, codes):
    ids = [e["id"] for e in organizations + forces]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"duplicate ids: {dupes}"
    # An id equal to an ISO3 code would overwrite that country in the gazetteer.
    assert not set(ids) & codes, f"ids clash with country codes: {set(ids) & codes}"


def test_known_memberships(organizations):
    by_id = {e["id"]: e for e in organizations}
    assert len(by_id["NATO"]["members"]) == 32
    assert len(by_id["EU"]["members"]) == 27
    assert set(by_id["G7"]["members"]) == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert set(by_id["FVEY"]["members"]) == {"AUS", "CAN", "NZL", "GBR", "USA"}
    assert "IS" not in by_id["ISIL"]["aliases"]
    for required in ["UN", "UNSC", "NATO", "EU", "AU", "LAS", "GCAD", "CJTFOIR", "ISIL", "AQ",
                     "HTS", "HEZBOLLAH", "HOUTHIS", "PMF", "WAGNER"]:
        assert required in by_id, required


# --- operations.yaml --------------------------------------------------------------------------


def test_operations(operations, organizations, codes):
    org_ids = {e["id"] for e in organizations}
    names = [op["name"] for op in operations]
    assert len(names) == len(set(names)), "duplicate operation names"
    for op in operations:
        assert isinstance(op["name"], str) and op["name"].startswith("Operation "), op
        assert "country" in op, op
        assert op["country"] is None or op["country"] in codes, op
        if op["country"] is None:
            assert op.get("group") in org_ids, f"{op['name']}: needs a country or a group"
        check_aliases(op)
        if "location" in op:
            assert op["location"] in codes, op
        if "start" in op:
            assert isinstance(op["start"], str) and re.fullmatch(r"\d{4}(-\d{2})?", op["start"])


# --- platforms.yaml ---------------------------------------------------------------------------


def test_platforms(platforms, codes):
    names = [p["name"] for p in platforms]
    assert len(names) == len(set(names)), "duplicate platform names"
    for p in platforms:
        assert p["type"] in PLATFORM_TYPES, p
        assert p["category"] in PLATFORM_CATEGORIES, p
        assert p.get("country") is None or p["country"] in codes, p
        check_aliases(p)
    assert sum(p["category"] != "generic" for p in platforms) >= 80


# --- across files -----------------------------------------------------------------------------


def test_aliases_are_proper_names(countries, organizations, forces, operations, platforms):
    """No alias may be a common lower-case word: each needs a capital letter or a digit.

    Generic weapon terms ("car bomb", "mortars") are the one exception: they are ordinary
    words by nature and are matched case-insensitively.
    """
    bad = []
    for c in countries:
        bad += [n for n in [c["name"], *c["aliases"], *c["demonyms"]] if not is_proper(n)]
    for entry in organizations + forces + operations:
        bad += [n for n in [entry["name"], *entry["aliases"]] if not is_proper(n)]
    for p in platforms:
        if p["category"] != "generic":
            bad += [n for n in [p["name"], *p["aliases"]] if not is_proper(n)]
    assert not bad, f"lower-case aliases: {bad}"


def test_no_alias_shared_between_entries(countries, organizations, forces, operations,
                                         platforms):
    """Each surface name points to one actor: the entity ruler cannot choose between two."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for name in [c["name"], *c["aliases"], *c["demonyms"]]:
            owners[name.lower()].add(f"country:{c['code']}")
    for entry in organizations + forces:
        for name in [entry["name"], *entry["aliases"]]:
            owners[name.lower()].add(f"body:{entry['id']}")
    for op in operations:
        for name in [op["name"], *op["aliases"]]:
            owners[name.lower()].add(f"operation:{op['name']}")
    for p in platforms:
        for name in [p["name"], *p["aliases"]]:
            owners[name.lower()].add(f"platform:{p['name']}")
    shared = {name: sorted(o) for name, o in owners.items() if len(o) > 1}
    assert not shared, f"names used by two entries: {shared}"
