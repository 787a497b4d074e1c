"""Notable persons (data/actors/persons.yaml): names and aliases to the state they serve."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.actors.gazetteer import DATA_DIR
from sitrep.datafiles import load_yaml


@dataclass(frozen=True)
class KnownPerson:
    """A person of the actor dictionary, with the roles they held and when."""

    name: str
    country: str | None
    group: str | None
    aliases: tuple[str, ...]
    roles: tuple[dict, ...]


def name_key(name: str) -> str:
    """Names compared without case, punctuation or an Arabic article ("al-Abadi" ~ "Abadi")."""
    words = re.sub(r"[^\w\s-]", "", name.lower()).replace("-", " ").split()
    return " ".join(w for w in words if w not in ("al", "el"))


@cache
def known_persons() -> dict[str, list[KnownPerson]]:
    """Every name and alias (as `name_key`) to the persons it may stand for."""
    path = DATA_DIR / "persons.yaml"
    entries = load_yaml(path.read_text(encoding="utf-8")) if path.exists() else []
    index: dict[str, list[KnownPerson]] = {}
    for e in entries or []:
        person = KnownPerson(e["name"], e.get("country"), e.get("group"),
                             tuple(e.get("aliases") or ()), tuple(e.get("roles") or ()))
        for key in dict.fromkeys(name_key(n) for n in (person.name, *person.aliases)):
            index.setdefault(key, []).append(person)
    return index


def lookup_person(name: str) -> KnownPerson | None:
    """The one known person this name stands for, or None when unknown or ambiguous."""
    found = known_persons().get(name_key(name), [])
    return found[0] if len(found) == 1 else None


def lookup_country(name: str) -> tuple[bool, str | None]:
    """Whether the name is a known person's, and the state all its bearers serve (a family
    name such as "Assad" is ambiguous as to the person but not as to the state)."""
    found = known_persons().get(name_key(name), [])
    countries = {p.country for p in found}
    if len(countries) == 1:
        return True, countries.pop()
    return False, None
