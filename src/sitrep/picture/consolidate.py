"""Consolidate every stored fact: corrections applied, actors resolved, duplicates merged and
figures turned into time series. `consolidate(engine)` does it all in one pass over the store."""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine

from sitrep.picture.actors import GROUP_KINDS, Actors
from sitrep.picture.corrections import Correction, apply_fact_corrections, list_corrections
from sitrep.picture.facts import ContextMention, RawFact, load_context, load_facts
from sitrep.picture.index import ActorIndex
from sitrep.picture.keys import fact_date
from sitrep.picture.merge import first_words, merge_attacks, merge_meetings, merge_same
from sitrep.picture.results import EventCount, Merged, Series
from sitrep.picture.series import Observation, build_series

T = TypeVar("T")

@dataclass
class Consolidation:
    """Everything the picture and timeline queries read."""

    actors: Actors
    facts: list[RawFact]
    rejected: list[RawFact]
    group_sizes: dict[str, Series] = field(default_factory=dict)  # group id -> series
    memberships: dict[str, list[Merged]] = field(default_factory=dict)  # group id -> statements
    meetings: list[Merged] = field(default_factory=list)
    deployments: dict[tuple[str | None, str | None, str | None], Series] = field(
        default_factory=dict)  # (country, operation, unit) -> series
    attacks: list[Merged] = field(default_factory=list)
    quotes: list[Merged] = field(default_factory=list)
    commitments: list[Merged] = field(default_factory=list)
    events: list[EventCount] = field(default_factory=list)
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # actor -> docs
    seconds: float = 0.0
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # see memo_get
    _index: ActorIndex | None = field(default=None, repr=False)

    def memo_get(self, key: Any, build: Callable[[], T], limit: int = 512) -> T:
        """A result derived from this consolidation, built on first use and kept with it
        (a new consolidation starts empty); at most `limit` kept, oldest dropped first."""
        try:
            return self.memo[key]
        except KeyError:
            pass
        value = build()
        if len(self.memo) >= limit:
            self.memo.pop(next(iter(self.memo)), None)
        self.memo[key] = value
        return value

    def index(self) -> ActorIndex:
        """Per-actor positions of every consolidated item, built once."""
        if self._index is None:
            with gc_paused():
                self._index = ActorIndex.build(self)
        return self._index


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the block builds many long-lived objects: each full
    collection walks every object built so far, which took more than half of consolidating
    200,000 facts (9.1 s with, 4.1 s without). Collection resumes after the block (as it was
    before it); its first pass then walks the new objects once, unless the caller has moved
    them out of its sight first (gc.freeze), as the web server does, or ends soon, as a
    command does (the CLI's picture and timeline commands collect no cycles at all)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def consolidate(engine: Engine) -> Consolidation:
    """Read facts, mentions and corrections from the store and consolidate them."""
    started = time.perf_counter()
    with gc_paused():
        result = consolidate_facts(load_facts(engine), load_context(engine),
                                   list_corrections(engine))
    result.seconds = time.perf_counter() - started
    return result


def infer_operation(fact: RawFact, country: str | None, context: list[ContextMention],
                    actors: Actors) -> str | None:
    """A deployment's unnamed operation: the nearest operation or group mentioned at or before
    its sentence, when that is an operation of the same state (a group in between stops it)."""
    for m in reversed(context):
        if m.start >= fact.end:
            continue
        if m.type == "OPERATION" and m.code == country:
            return actors.operation(m.text)
        return None
    return None


def consolidate_facts(facts: list[RawFact], context: dict[str, list[ContextMention]],
                      corrections: list[Correction]) -> Consolidation:
    kept, rejected = apply_fact_corrections(facts, corrections)
    actors = Actors.build(kept, corrections)
    out = Consolidation(actors, kept, rejected)
    by_kind: dict[str, list[RawFact]] = defaultdict(list)
    orgs: dict[str, list[RawFact]] = defaultdict(list)
    for f in kept:
        by_kind[f.kind].append(f)
        if f.kind == "organizations":
            orgs[f.doc_hash].append(f)
            code = actors.canon(f.data.get("code")) or actors.code(f.data.get("name"))
            if code:
                out.docs[code].add(f.doc_hash)
        elif f.kind == "operations" and (op := actors.find(f.data.get("name") or "")):
            out.docs[op].add(f.doc_hash)

    def group_of(f: RawFact) -> str | None:
        return actors.group(f.data.get("group"), f, context.get(f.doc_hash, []),
                            orgs.get(f.doc_hash, []))

    _group_sizes(out, by_kind["group_sizes"], group_of)
    _memberships(out, by_kind["memberships"], group_of)
    _meetings(out, by_kind["meetings"], context)
    _deployments(out, by_kind["deployments"], context)
    out.attacks = merge_attacks(by_kind["attacks"],
                                lambda f: actors.code(f.data.get("perpetrator")))
    for f in by_kind["quotes"]:
        f.data["speaker_id"] = actors.person_id(f.data.get("speaker"), f.data.get("country"))
    out.quotes = merge_same("quotes", by_kind["quotes"], lambda f: (
        f.data["speaker_id"] or f.data.get("speaker"),
        first_words(f.data.get("text") or f.data.get("starts_with"))))
    for f in by_kind["commitments"]:
        f.data["actor"] = actors.canon(f.data.get("actor"))
    out.commitments = merge_same(
        "commitments", by_kind["commitments"],
        lambda f: (f.data.get("actor"), first_words(f.data.get("what"))),
        date=lambda f: f.data.get("date") or f.published)
    out.events = _events(actors, by_kind["events"])
    return out


def _group_sizes(out: Consolidation, facts: list[RawFact], group_of: Any) -> None:
    obs: dict[str, list[Observation]] = defaultdict(list)
    for f in facts:
        gid = group_of(f)
        if gid is None or f.data.get("count") is None or not f.published:
            continue
        f.data["group_id"] = gid
        obs[gid].append(Observation(f.published, f.data["count"], None, "members", f))
    for gid, items in obs.items():
        out.group_sizes[gid] = build_series("group_size", {"group": gid},
                                            out.actors.describe(gid).name, items)


def _memberships(out: Consolidation, facts: list[RawFact], group_of: Any) -> None:
    actors = out.actors
    by_group: dict[str, list[RawFact]] = defaultdict(list)
    for f in facts:
        gid = group_of(f)
        if gid is None:
            continue
        f.data["group_id"] = gid
        f.data["members"] = [actors.canon(m) if len(str(m)) <= 8 else (actors.code(m) or m)
                             for m in f.data.get("members") or []]
        by_group[gid].append(f)
    for gid, items in by_group.items():
        out.memberships[gid] = merge_same("memberships", items,
                                          lambda f: tuple(sorted(f.data["members"])))


def _meetings(out: Consolidation, facts: list[RawFact],
              context: dict[str, list[ContextMention]]) -> None:
    actors = out.actors

    def groups_of(f: RawFact) -> list[str]:
        """The groups a meeting is of: a group its name holds ("NATO Summit"), else groups
        among its participants, else the groups its sentence mentions."""
        found = [m for m in context.get(f.doc_hash, [])
                 if f.start <= m.start < f.end and m.kind in GROUP_KINDS and m.code]
        named = [m.code for m in found if m.text.lower() in (f.data.get("name") or "").lower()]
        listed = [p for p in f.data.get("participants") or []
                  if (a := actors.gaz.actors.get(p)) and a.kind in GROUP_KINDS]
        codes = named or listed or [m.code for m in found]
        return list(dict.fromkeys(actors.canon(c) for c in codes if c))

    for f in facts:
        for key in ("chairs", "participants"):
            f.data[key] = [actors.canon(c) for c in f.data.get(key) or []]
    out.meetings = merge_meetings(facts, groups_of)


def _deployments(out: Consolidation, facts: list[RawFact],
                 context: dict[str, list[ContextMention]]) -> None:
    actors = out.actors
    obs: dict[tuple[str | None, str | None, str | None], list[Observation]] = defaultdict(list)
    for f in facts:
        count = f.data.get("count")
        when = fact_date(f.data.get("as_of"), f.published)
        if count is None or not when:
            continue
        country = actors.canon(f.data.get("country"))
        op = actors.operation(f.data.get("operation"))
        inferred = False
        if op is None:
            op = infer_operation(f, country, context.get(f.doc_hash, []), actors)
            inferred = op is not None
            if inferred:
                f.inferred.add("operation")
        unit = f.data.get("unit")
        if f.data.get("additional"):
            unit = f"additional {unit}"
        obs[(country, op, unit)].append(
            Observation(when, count, f.data.get("qualifier"), unit, f, inferred))
    for key, items in obs.items():
        country, op, unit = key
        label = " / ".join(x for x in (country, op or "operation not stated", unit) if x)
        out.deployments[key] = build_series(
            "deployment", {"country": country, "operation": op, "unit": unit}, label, items)


def _events(actors: Actors, facts: list[RawFact]) -> list[EventCount]:
    """Event records counted per (code, actor or recipient, event, month); negated and future
    events are not counted."""
    counts: dict[tuple[str, str, str, str], EventCount] = {}
    for f in facts:
        d = f.data
        if d.get("negated") or d.get("future"):
            continue
        when = d.get("date") or f.published
        if not when:
            continue
        for role in ("actor", "recipient"):
            items = d.get(role) or []
            for item in items if isinstance(items, list) else [items]:
                raw = item.get("code") if isinstance(item, dict) else item
                code = actors.canon(raw)
                if not code:
                    continue
                key = (code, role, str(d.get("event") or "?"), when[:7])
                ec = counts.get(key)
                if ec is None:
                    ec = counts[key] = EventCount(*key, count=0)
                ec.count += 1
                ec.sources.append(f.source())
    return sorted(counts.values(), key=lambda e: (e.period, e.code, e.role, e.event))
