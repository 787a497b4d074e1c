"""Canonical actors across documents: states, groups, operations and persons.

Rules (each is applied in `Actors` below and tested in tests/test_picture_actors.py):
- Names of states, groups and operations resolve through the gazetteer, so "ISIL", "ISIS",
  "Daesh" and "Islamic State" are one actor (id ISIL).
- A generic group name ("the coalition", "the full coalition") in a fact resolves, within its
  document, to (1) the organization the document gives that name as an alias, else (2) the
  nearest coalition or IGO mentioned at or before the fact's sentence whose name holds the
  same head noun. Otherwise the group stays its own actor, `group:<name>`.
- Persons are one actor when the persons dictionary names the same person (full name, alias
  or unique surname, with a compatible state), else when their names agree without initials;
  a bare surname joins the one full name with that surname and a compatible state, if there is
  exactly one. Roles are kept with the dates they were seen (and the dictionary's dates).
- A role reference ("Canada's defence minister") resolves to the person of that state whose
  role matches and whose role period covers the date.
- Analyst corrections: `merge KEEP OTHER` makes OTHER an alias of KEEP; `split ACTOR NAME`
  stops NAME resolving to ACTOR.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from sitrep.actors.gazetteer import Gazetteer, load_gazetteer
from sitrep.actors.people import KnownPerson, known_persons
from sitrep.actors.people import name_key as _name_key
from sitrep.picture.corrections import Correction
from sitrep.picture.facts import ContextMention, RawFact
from sitrep.picture.keys import surname
from sitrep.picture.results import Actor, Role

GROUP_KINDS = ("coalition", "igo")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+\s+[-–—]\s+")
_ROLE_DROP = {"of", "the", "and", "for", "national", "s", "a", "an", "to"}
_ROLE_SYNONYMS = {"defense": "defence", "affairs": "", "foreign": "foreign"}


name_key = cache(_name_key)  # names repeat across many facts


def clean_role(role: str | None) -> str | None:
    """The role as the text gives it, without a dateline ("BRUSSELS - ")."""
    if not role:
        return None
    return _DATELINE.sub("", role).strip() or None


@cache
def role_key(role: str | None) -> frozenset[str]:
    """Role words without states, demonyms and filler: "Minister of National Defence",
    "Canada's defence minister" and "Defence Minister" give {defence, minister}."""
    gaz = load_gazetteer()
    words = re.findall(r"[a-z]+", (clean_role(role) or "").lower().replace("’", "'"))
    out = set()
    for w in words:
        w = _ROLE_SYNONYMS.get(w, w)
        if not w or w in _ROLE_DROP or gaz.country_code(w) or w in ("us", "u"):
            continue
        out.add(w)
    return frozenset(out)


def roles_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Either role unknown, or one role's words include the other's."""
    return not a or not b or a <= b or b <= a


def _full_key(name: str) -> str:
    """`name_key` without initials ("Harjit S. Sajjan" -> "harjit sajjan")."""
    return " ".join(w for w in name_key(name).split() if len(w) > 1)


@cache
def _known_by_key() -> dict[str, list[KnownPerson]]:
    return known_persons()


def _known(name: str, country: str | None) -> KnownPerson | None:
    """The one dictionary person a name stands for, with a state compatible with `country`."""
    index = _known_by_key()
    for key in dict.fromkeys((name_key(name), _full_key(name), surname(name))):
        found = [p for p in index.get(key, [])
                 if not country or not p.country or p.country == country]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


@dataclass
class PersonCluster:
    id: str
    name: str
    country: str | None
    known: KnownPerson | None = None
    names: set[str] = field(default_factory=set)
    roles: dict[frozenset[str], list] = field(default_factory=dict)  # key -> [text, dates, docs]
    docs: set[str] = field(default_factory=set)


@dataclass
class Actors:
    """Every actor the stored facts name, resolved across documents."""

    gaz: Gazetteer
    aliases: dict[str, str] = field(default_factory=dict)  # merged id -> kept id
    splits: set[tuple[str, str]] = field(default_factory=set)  # (actor id, name key)
    persons: dict[str, PersonCluster] = field(default_factory=dict)
    _person_of: dict[tuple[str, str | None], str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)  # unresolved group id -> name
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls, facts: list[RawFact], corrections: list[Correction]) -> Actors:
        actors = cls(load_gazetteer())
        for c in corrections:
            if c.action == "merge" and c.target and c.field:
                actors.aliases[c.field] = c.target
            elif c.action == "split" and c.target and c.field:
                actors.splits.add((c.target, name_key(c.field)))
        actors._cluster_persons(facts)
        return actors

    # ---- ids -----------------------------------------------------------------------------
    def canon(self, actor_id: str | None) -> str | None:
        """The id an actor is known by after analyst merges."""
        seen = set()
        while actor_id in self.aliases and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.aliases[actor_id]
        return actor_id

    def _split(self, actor_id: str | None, name: str) -> bool:
        return bool(self.splits) and actor_id is not None and (
            actor_id, name_key(name)) in self.splits

    def code(self, name: str | None) -> str | None:
        """The actor code (ISO3 or gazetteer id) a state, group or force name stands for."""
        if not name:
            return None
        gaz = self.gaz
        text = name.strip()
        actor = None
        for label in ("COUNTRY", "ORG", "NORP"):
            actor = gaz.by_name(text, label) or gaz.by_name(text.removeprefix("the "), label)
            if actor:
                break
        if actor is not None:
            found = actor.code
        elif len(text) <= 8 and text.upper() in gaz.actors:
            found = gaz.actors[text.upper()].code
        else:
            found = gaz.country_code(text) or gaz.country_code(text.split()[0])
        if found is None or self._split(found, text):
            return None
        return self.canon(found)

    # ---- groups and operations -----------------------------------------------------------
    def group(self, name: str | None, fact: RawFact, context: list[ContextMention],
              doc_orgs: list[RawFact]) -> str | None:
        """The group a fact's group name stands for (see the module rules)."""
        if not name:
            return None
        found: str | None = None
        actor = self.gaz.by_name(name, "ORG") or self.gaz.by_name(
            name.removeprefix("the "), "ORG")
        if actor is not None:
            found = actor.code
        low = name.lower().removeprefix("the ")
        if found is None:
            for org in doc_orgs:
                names = [org.data.get("name") or "", *(org.data.get("aliases") or [])]
                if org.data.get("code") and low in (n.lower() for n in names):
                    found = org.data["code"]
                    break
        if found is None:
            head = low.split()[-1] if low.split() else ""
            for m in reversed(context):
                if m.start >= fact.end or m.kind not in GROUP_KINDS or not m.code:
                    continue
                org = self.gaz.actors.get(m.code)
                label = f"{org.name if org else ''} {m.text}".lower()
                if head and head in label.split():
                    found = m.code
                    break
        if found is not None and not self._split(found, name):
            return self.canon(found)
        gid = "group:" + name_key(low)
        self.groups.setdefault(gid, name)
        return self.canon(gid)

    def operation(self, name: str | None) -> str | None:
        """The canonical name of an operation ("Operation Impact" -> "Operation IMPACT")."""
        if not name:
            return None
        actor = self.gaz.by_name(name, "OPERATION")
        return actor.name if actor else name

    # ---- persons -------------------------------------------------------------------------
    def _cluster_persons(self, facts: list[RawFact]) -> None:
        seen: list[tuple[str, str | None, str | None, RawFact]] = []
        for f in facts:
            if f.kind == "persons":
                seen.append((f.data.get("name") or "", f.data.get("country"),
                             f.data.get("role"), f))
            elif f.kind == "quotes":
                seen.append((f.data.get("speaker") or "", f.data.get("country"),
                             f.data.get("role"), f))
        pending: list[tuple[str, str | None, str | None, RawFact]] = []
        for name, country, role, f in seen:
            if not _full_key(name):
                continue
            known = _known(name, country)
            if known is not None:
                self._add_person("person:" + name_key(known.name), known.name,
                                 country or known.country, known, name, role, f)
            elif len(_full_key(name).split()) > 1:
                self._add_person("person:" + _full_key(name), name, country, None, name, role, f)
            else:
                pending.append((name, country, role, f))
        for name, country, role, f in pending:  # bare surnames
            last = surname(name)
            hits = [c for c in self.persons.values()
                    if surname(c.name) == last and (not country or not c.country
                                                    or c.country == country)]
            if len(hits) == 1:
                self._add_person(hits[0].id, hits[0].name, country, None, name, role, f)
            else:
                self._add_person("person:" + last, name, country, None, name, role, f)

    def _add_person(self, pid: str, canonical: str, country: str | None,
                    known: KnownPerson | None, name: str, role: str | None, f: RawFact) -> None:
        if self._split(pid, name):
            pid, canonical, known = "person:" + _full_key(name), name, None
        pid = self.canon(pid) or pid
        cluster = self.persons.get(pid)
        if cluster is None:
            cluster = self.persons[pid] = PersonCluster(pid, canonical, country, known)
        cluster.country = cluster.country or country
        cluster.names.add(name)
        cluster.docs.add(f.doc_hash)
        self._person_of[(name_key(name), country)] = pid
        self._person_of.setdefault((name_key(name), None), pid)
        text = clean_role(role)
        if text:
            key = role_key(text)
            entry = cluster.roles.setdefault(key, [text, set(), set()])
            if f.published:
                entry[1].add(f.published)
            entry[2].add(f.doc_hash)

    def person_id(self, name: str | None, country: str | None = None) -> str | None:
        """The person cluster a name (as some fact gives it) belongs to."""
        if not name:
            return None
        key = name_key(name)
        return self._person_of.get((key, country)) or self._person_of.get((key, None))

    def person_roles(self, cluster: PersonCluster) -> list[Role]:
        """Roles seen in documents (first and last date seen) and the dictionary's roles."""
        out = [Role(text, min(dates) if dates else None, max(dates) if dates else None, "text",
                    len(docs)) for text, dates, docs in cluster.roles.values()]
        if cluster.known:
            out += [Role(r.get("role", ""), r.get("start"), r.get("end"), "dictionary")
                    for r in cluster.known.roles]
        return sorted(out, key=lambda r: (r.start or "", r.origin))

    def resolve_reference(self, text: str, when: str) -> str | None:
        """The person a role reference ("Canada's defence minister") names on a date."""
        words = re.findall(r"[A-Za-z’']+", text)
        country = next((c for w in words if (c := self.gaz.country_code(w))), None)
        want = role_key(text)
        if not want:
            return None
        covering: set[str] = set()
        latest: tuple[str, str] | None = None
        for cluster in self.persons.values():
            if country and cluster.country != country:
                continue
            for role in self.person_roles(cluster):
                if not want <= role_key(role.role):
                    continue
                start, end = role.start or "", role.end or "9999"
                if start[:7] <= when[:7] and when[: len(end)] <= end:
                    covering.add(cluster.id)
                elif role.origin == "text" and role.end and role.end <= when and (
                        latest is None or role.end > latest[0]):
                    latest = (role.end, cluster.id)
        if len(covering) == 1:
            return covering.pop()
        if not covering and latest and int(when[:4]) - int(latest[0][:4]) <= 1:
            return latest[1]
        return None

    # ---- lookup --------------------------------------------------------------------------
    def find(self, query: str) -> str | None:
        """The actor id a query names: an id, a state, group or operation name, or a person."""
        q = query.strip()
        if self.canon(q) in self.persons or q in self.groups:
            return self.canon(q)
        if q.upper() in self.gaz.actors:
            return self.canon(self.gaz.actors[q.upper()].id)
        for variant in (q, "the " + q, "Operation " + q):
            for label in ("OPERATION", "COUNTRY", "ORG", "NORP"):
                actor = self.gaz.by_name(variant, label)
                if actor is not None:
                    code = actor.id if label in ("OPERATION", "ORG") else actor.code
                    if label == "ORG" and actor.kind in ("military", "government"):
                        code = actor.code
                    return self.canon(code)
        key = _full_key(q)
        hits = {c.id for c in self.persons.values()
                if key in {_full_key(n) for n in c.names} | {_full_key(c.name)}}
        if not hits and len(key.split()) == 1:
            hits = {c.id for c in self.persons.values() if surname(c.name) == key}
        if len(hits) == 1:
            return hits.pop()
        for gid, name in self.groups.items():
            if name_key(name) == name_key(q):
                return self.canon(gid)
        return None

    def describe(self, actor_id: str) -> Actor:
        """The canonical actor record for an id."""
        if actor_id in self.persons:
            c = self.persons[actor_id]
            return Actor(c.id, c.name, "person", None, c.country, sorted(c.names - {c.name}),
                         self.person_roles(c), len(c.docs))
        if actor_id in self.groups:
            return Actor(actor_id, self.groups[actor_id], "group", actor_id)
        a = self.gaz.actors.get(actor_id)
        if a is None:
            return Actor(actor_id, actor_id, "other", actor_id)
        if a.label == "COUNTRY":
            kind = "country"
        elif a.label == "OPERATION":
            kind = "operation"
        else:
            kind = "group"
        merged = sorted(k for k, v in self.aliases.items() if v == actor_id)
        return Actor(a.id, a.name, kind, a.code, a.country,
                     list(dict.fromkeys([*a.aliases, *merged]))[:12])
