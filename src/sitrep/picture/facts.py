"""Read stored facts (and the mentions consolidation needs) into plain records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, or_, select

from sitrep.picture.keys import fact_id, fact_identity
from sitrep.picture.results import Source
from sitrep.store import schema


@dataclass
class RawFact:
    """One stored per-document fact, with its content key and document metadata."""

    pk: int
    doc_hash: str
    document: str
    published: str | None
    title: str | None
    kind: str
    data: dict[str, Any]
    evidence: str
    start: int
    end: int
    confidence: float
    identity: str = ""
    id: str = ""
    corrections: list[str] = field(default_factory=list)
    inferred: set[str] = field(default_factory=set)  # fields filled from context

    def __post_init__(self) -> None:
        self.identity = fact_identity(self.kind, self.data)
        self.id = fact_id(self.doc_hash, self.kind, self.identity)

    def source(self) -> Source:
        return Source(self.id, self.document, self.doc_hash, self.published, self.title,
                      self.evidence, self.start, self.end, self.confidence)


@dataclass(frozen=True)
class ContextMention:
    """A group or operation mention, used to fill a fact's unnamed group or operation."""

    start: int
    text: str
    type: str
    code: str | None
    kind: str | None


def load_facts(engine: Engine, kinds: tuple[str, ...] | None = None) -> list[RawFact]:
    """Every stored fact (of the given kinds), oldest documents first."""
    f, d = schema.facts, schema.documents
    q = (select(f.c.pk, f.c.doc_hash, d.c.id, d.c.published, d.c.title, f.c.kind, f.c.data,
                f.c.evidence, f.c.start, f.c.end, f.c.confidence)
         .join(d, d.c.hash == f.c.doc_hash)
         .order_by(d.c.published, f.c.doc_hash, f.c.pk))
    if kinds:
        q = q.where(f.c.kind.in_(kinds))
    with engine.connect() as conn:
        return [RawFact(*row) for row in conn.execute(q)]


def load_context(engine: Engine) -> dict[str, list[ContextMention]]:
    """Per document, its group (coalition, IGO) and operation mentions in text order."""
    m = schema.mentions
    q = (select(m.c.doc_hash, m.c.start, m.c.text, m.c.type, m.c.code, m.c.kind)
         .where(or_(m.c.type == "OPERATION", m.c.kind.in_(("coalition", "igo"))))
         .order_by(m.c.doc_hash, m.c.start))
    out: dict[str, list[ContextMention]] = defaultdict(list)
    with engine.connect() as conn:
        for doc_hash, *rest in conn.execute(q):
            out[doc_hash].append(ContextMention(*rest))
    return out
