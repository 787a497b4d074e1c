"""Load the actor gazetteer (YAML files we write) into canonical actors and their names."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

KINDS = {"coalition", "igo", "armed_group", "military", "government", "other"}

# Generated names for a country's own forces and government, from its names and demonyms.
FORCE_SUFFIXES = (
    "security forces",
    "armed forces",
    "forces",
    "army",
    "military",
    "troops",
    "air force",
    "navy",
    "special forces",
)
GOVERNMENT_SUFFIXES = ("government", "authorities", "regime")


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a state, organization, force, operation or weapon."""

    id: str
    name: str
    label: str  # entity label: COUNTRY, ORG, OPERATION, WEAPON, PLATFORM
    kind: str | None = None  # GOLD.md organization kind
    sector: str | None = None  # PLOVER sector code
    country: str | None = None  # ISO3 of the state it belongs to
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """Actor code in event records: ISO3 for states and national bodies, else the id."""
        return self.country or self.id


@dataclass
class Gazetteer:
    """Every actor by id, and every surface name with the label and actor it stands for."""

    actors: dict[str, Actor] = field(default_factory=dict)
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (text, label, actor id)
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-cased demonym -> ISO3
    _by_name: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def add(self, actor: Actor, extra_names: tuple[str, ...] = ()) -> None:
        self.actors.setdefault(actor.id, actor)
        for name in dict.fromkeys((actor.name, *actor.aliases, *extra_names)):
            self.names.append((name, actor.label, actor.id))

    def by_name(self, text: str, label: str) -> Actor | None:
        """The actor a surface name of the given label stands for, ignoring case."""
        if not self._by_name:
            for n, lab, i in self.names:
                self._by_name.setdefault((n.lower(), lab), i)
        actor_id = self._by_name.get((text.lower(), label))
        return self.actors.get(actor_id) if actor_id else None

    def country(self, code: str | None) -> Actor | None:
        actor = self.actors.get(code or "")
        return actor if actor and actor.label == "COUNTRY" else None

    def country_code(self, text: str) -> str | None:
        """ISO3 for a country name, short form or demonym, else None."""
        key = text.strip().removeprefix("the ").removesuffix("'s").removesuffix("’s")
        for label in ("COUNTRY", "NORP"):
            actor = self.by_name(key, label)
            if actor is not None:
                return actor.id
        return self.demonyms.get(key.lower())


def _read(name: str) -> list[dict[str, Any]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    return load_yaml(path.read_text(encoding="utf-8")) or []


def _org(entry: dict[str, Any], label: str = "ORG") -> Actor:
    return Actor(
        id=str(entry["id"]),
        name=entry["name"],
        label=label,
        kind=entry.get("kind"),
        sector=entry.get("sector"),
        country=entry.get("country"),
        aliases=tuple(entry.get("aliases") or ()),
        members=tuple(entry.get("members") or ()),
    )


def _add_countries(gaz: Gazetteer) -> None:
    for entry in _read("countries.yaml"):
        code = entry["code"]
        names = tuple(dict.fromkeys([entry["name"], *(entry.get("aliases") or ())]))
        gaz.add(Actor(id=code, name=entry["name"], label="COUNTRY", sector="GOV",
                      country=code, aliases=names[1:]))
        demonyms = tuple(entry.get("demonyms") or ())
        for dem in demonyms:
            gaz.names.append((dem, "NORP", code))
            gaz.demonyms[dem.lower()] = code
        adjectives = [d for d in demonyms if not d.endswith("s") or d.endswith("ese")]
        _add_generated_bodies(gaz, code, entry["name"], names, adjectives)


def _add_generated_bodies(
    gaz: Gazetteer, code: str, name: str, names: tuple[str, ...], adjectives: list[str]
) -> None:
    """Names like "Iraqi security forces" or "Government of Canada" for every state."""
    mil, gov = f"MIL-{code}", f"GOV-{code}"
    mil_names = tuple(f"{adj} {suffix}" for adj in adjectives for suffix in FORCE_SUFFIXES)
    gov_names = tuple(
        [f"Government of {n}" for n in names]
        + [f"{adj} {suffix}" for adj in adjectives for suffix in GOVERNMENT_SUFFIXES]
        + [f"{n} government" for n in names if " " not in n or n[0].isupper()]
    )
    gaz.add(Actor(id=mil, name=f"{adjectives[0]} armed forces" if adjectives else f"{name} forces",
                  label="ORG", kind="military", sector="MIL", country=code), mil_names)
    gaz.add(Actor(id=gov, name=f"Government of {name}", label="ORG", kind="government",
                  sector="GOV", country=code), gov_names)


@cache
def load_gazetteer() -> Gazetteer:
    """Load every data file once per process. Explicit entries win over generated names."""
    gaz = Gazetteer()
    explicit = Gazetteer()
    for entry in _read("organizations.yaml") + _read("forces.yaml"):
        explicit.add(_org(entry))
    for entry in _read("operations.yaml"):
        explicit.add(Actor(id="OP-" + entry["name"].upper().replace(" ", "_"), name=entry["name"],
                           label="OPERATION", sector="MIL", country=entry.get("country"),
                           aliases=tuple(entry.get("aliases") or ())))
    for entry in _read("platforms.yaml"):
        label = "WEAPON" if entry.get("type") == "weapon" else "PLATFORM"
        explicit.add(Actor(id=f"{label[:3]}-" + entry["name"].upper().replace(" ", "_"),
                           name=entry["name"], label=label, country=entry.get("country"),
                           aliases=tuple(entry.get("aliases") or ())))
    _add_countries(gaz)
    taken = {n.lower() for n, _, _ in explicit.names}
    gaz.names = [t for t in gaz.names if t[0].lower() not in taken] + explicit.names
    gaz.actors.update(explicit.actors)
    return gaz
