"""Plain data passed between pipeline stages: documents, mentions, facts."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

GOLD_KINDS: tuple[str, ...] = (
    "persons",
    "organizations",
    "operations",
    "meetings",
    "memberships",
    "group_sizes",
    "deployments",
    "commitments",
    "quotes",
    "attacks",
)
# Every kind the store holds: the GOLD.md kinds plus coded PLOVER events.
FACT_KINDS: tuple[str, ...] = (*GOLD_KINDS, "events")


@dataclass(frozen=True)
class Document:
    """One input document: normalized text plus metadata.

    `hash` is the SHA-256 of the normalized text and is the document's identity in the store;
    `id` is the name a person knows it by (meta id, else file stem, else the hash).
    """

    id: str
    text: str
    hash: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    publisher: str | None = None
    source: str | None = None  # where it was read from (path, "path:line", "-")


@dataclass(frozen=True)
class IngestError:
    """A document that could not be read; `source` names it, `reason` says why."""

    source: str
    reason: str


@dataclass(slots=True)  # a long document holds hundreds of thousands of these
class Mention:
    """A span of text naming an actor, place, operation, weapon, person, date or quantity."""

    text: str
    start: int
    end: int
    type: str  # PERSON, COUNTRY, NORP, ORG, OPERATION, WEAPON, PLATFORM, PLACE, DATE, QUANTITY
    code: str | None = None  # ISO3 / IGO code / canonical id where resolved
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, IGO, ...
    canonical: str | None = None  # canonical actor name where resolved
    kind: str | None = None  # organization kind: coalition, igo, armed_group, military, government

    def to_dict(self) -> dict[str, Any]:
        """The fields by name (what `dataclasses.asdict` gives, without its deep copies)."""
        return {name: getattr(self, name) for name in MENTION_FIELDS}


MENTION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Mention))


@dataclass
class Fact:
    """One extracted fact in GOLD.md shape (`data`) with its evidence and confidence."""

    kind: str
    data: dict[str, Any]
    start: int  # evidence sentence offsets in the document text
    end: int
    evidence: str
    confidence: float = 0.8


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)  # resolved place records

    def to_json(self) -> dict[str, Any]:
        """The GOLD.md record plus `mentions`."""
        out: dict[str, Any] = {"id": self.document.id}
        if self.document.published:
            out["published"] = self.document.published
        for kind in FACT_KINDS:
            out[kind] = [f.data for f in self.facts if f.kind == kind]
        out["places"] = self.places
        out["mentions"] = [m.to_dict() for m in self.mentions]
        return out
