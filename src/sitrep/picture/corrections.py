"""Analyst corrections: stored apart from extracted facts and applied whenever facts are read.

Actions:
- reject FACT:           the fact is wrong; consolidation leaves it out (it stays stored).
- edit FACT FIELD VALUE: read the fact with FIELD set to VALUE (JSON, else a string).
- merge KEEP OTHER:      actor id OTHER is the same actor as KEEP.
- split ACTOR NAME:      the surface name NAME no longer resolves to ACTOR.

A fact correction names the fact by content key (document hash, kind, identity; see keys.py),
so it survives re-extraction, where rows (and their pks) are deleted and written again.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from sitrep.ingest.normalize import has_nul
from sitrep.picture.facts import RawFact, load_facts
from sitrep.store import schema

ACTIONS = ("reject", "edit", "merge", "split")


@dataclass
class Correction:
    pk: int
    action: str
    doc_hash: str | None
    kind: str | None
    fact_key: str | None
    target: str | None
    field: str | None
    value: Any
    note: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_value(text: str) -> Any:
    """A command-line value: JSON where it parses ("830", "null", "[\"CAN\"]"), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def find_fact(engine: Engine, ref: str) -> RawFact:
    """The stored fact a reference names: its fact id (as `sitrep review` prints) or pk."""
    f = schema.facts
    if ref.isdigit() and len(ref) < 12:
        with engine.connect() as conn:
            kind = conn.execute(select(f.c.kind).where(f.c.pk == int(ref))).scalar()
        found = [r for r in load_facts(engine, (kind,)) if r.pk == int(ref)] if kind else []
    else:
        found = [r for r in load_facts(engine) if r.id == ref]
    if not found:
        raise LookupError(f"no stored fact {ref!r}")
    return found[0]


def _add(engine: Engine, **values: Any) -> int:
    if has_nul(values):
        raise ValueError("a correction cannot hold a NUL character")
    values["created_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    with engine.begin() as conn:
        return conn.execute(insert(schema.corrections).values(**values)).inserted_primary_key[0]


def correct_fact(engine: Engine, ref: str, action: str, field: str | None = None,
                 value: Any = None, note: str | None = None) -> int:
    """Store a reject or edit correction for the fact `ref` names; returns its pk."""
    if action not in ("reject", "edit"):
        raise ValueError(f"unknown fact correction {action!r}")
    if action == "edit" and not field:
        raise ValueError("edit needs a field")
    fact = find_fact(engine, ref)
    return _add(engine, action=action, doc_hash=fact.doc_hash, kind=fact.kind,
                fact_key=fact.identity, field=field, value=value, note=note)


def correct_actor(engine: Engine, action: str, target: str, other: str,
                  note: str | None = None) -> int:
    """Store a merge (`other` is `target`) or split (name `other` leaves `target`)."""
    if action not in ("merge", "split"):
        raise ValueError(f"unknown actor correction {action!r}")
    return _add(engine, action=action, target=target, field=other, note=note)


def list_corrections(engine: Engine) -> list[Correction]:
    c = schema.corrections
    cols = [c.c.pk, c.c.action, c.c.doc_hash, c.c.kind, c.c.fact_key, c.c.target, c.c.field,
            c.c.value, c.c.note, c.c.created_at]
    with engine.connect() as conn:
        return [Correction(*row) for row in conn.execute(select(*cols).order_by(c.c.pk))]


def remove_correction(engine: Engine, pk: int) -> bool:
    """Undo a correction; returns whether one was removed."""
    with engine.begin() as conn:
        c = schema.corrections
        return conn.execute(delete(c).where(c.c.pk == pk)).rowcount > 0


def apply_fact_corrections(facts: list[RawFact], corrections: list[Correction]
                           ) -> tuple[list[RawFact], list[RawFact]]:
    """(kept, rejected) facts, with edits applied to copies of the kept facts' data."""
    by_key: dict[tuple[str, str, str], list[Correction]] = {}
    for c in corrections:
        if c.action in ("reject", "edit") and c.doc_hash and c.kind and c.fact_key is not None:
            by_key.setdefault((c.doc_hash, c.kind, c.fact_key), []).append(c)
    if not by_key:
        return facts, []
    kept: list[RawFact] = []
    rejected: list[RawFact] = []
    for fact in facts:
        found = by_key.get((fact.doc_hash, fact.kind, fact.identity))
        if not found:
            kept.append(fact)
            continue
        fact.corrections = [f"{c.action}#{c.pk}" for c in found]
        if any(c.action == "reject" for c in found):
            rejected.append(fact)
            continue
        fact.data = copy.deepcopy(fact.data)
        for c in found:
            fact.data[c.field or ""] = c.value
        kept.append(fact)
    return kept, rejected
