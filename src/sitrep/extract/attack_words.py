"""The attack lexicon (data/lexicon/attacks.yaml), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sitrep.datafiles import load_yaml

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "attacks.yaml"


@dataclass(frozen=True)
class Lexicon:
    nouns: frozenset[str]
    generic_nouns: frozenset[str]
    verbs: frozenset[str]
    offensive_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    types: dict[str, str]
    modifiers: dict[str, str]
    actor_heads: frozenset[str]
    actor_words: frozenset[str]
    light_verbs: frozenset[str]
    accuse_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    aspect_verbs: frozenset[str]
    irrealis_heads: frozenset[str]
    irrealis_modifiers: frozenset[str]
    territory: frozenset[str]
    craft: frozenset[str]
    aircraft_names: frozenset[str]
    weapon_verbs: frozenset[str]
    impact_verbs: frozenset[str]
    weapons: frozenset[str]
    attackers: frozenset[str]
    needs_agent: frozenset[str]
    support_verbs: frozenset[str]
    attempt_nouns: frozenset[str]
    group_words: frozenset[str]
    chemicals: frozenset[str]

    @property
    def trigger_lemmas(self) -> frozenset[str]:
        return (self.nouns | self.generic_nouns | self.verbs | self.offensive_verbs
                | self.harm_verbs | self.weapon_verbs | self.impact_verbs | self.light_verbs
                | {"use"})


@cache
def lexicon() -> Lexicon:
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    sets = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return Lexicon(types=dict(data["types"]), modifiers=dict(data["modifiers"]), **sets)


@cache
def trigger_lemmas() -> frozenset[str]:
    return lexicon().trigger_lemmas
