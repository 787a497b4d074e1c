"""Typed results of consolidation: every item keeps its sources; all have `to_dict()`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


def _count(counted: int | None, sources: list[Source]) -> int:
    """Documents among the sources, or the count kept where only some sources are held."""
    return len({s.doc_hash for s in sources}) if counted is None else counted


@dataclass
class Source(_Dict):
    """One stored fact that supports a consolidated item."""

    fact_id: str
    document: str
    doc_hash: str
    published: str | None
    title: str | None
    evidence: str
    start: int
    end: int
    confidence: float


@dataclass
class Value(_Dict):
    """One figure (or text) as stated, with every source that states it."""

    value: Any
    qualifier: str | None = None
    unit: str | None = None
    sources: list[Source] = field(default_factory=list)
    inferred: bool = False  # a field was filled from context (see merge.py)
    counted: int | None = None  # documents, where `sources` holds only some (a short answer)

    @property
    def source_count(self) -> int:
        return _count(self.counted, self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "qualifier": self.qualifier, "unit": self.unit,
                "sources": [s.to_dict() for s in self.sources], "inferred": self.inferred,
                "source_count": self.source_count}


@dataclass
class Point(_Dict):
    """A series point: the figures stated for one period; more than one is a conflict."""

    date: str
    until: str
    values: list[Value] = field(default_factory=list)
    stated_conflict: bool | None = None  # as stored, where the values hold only some sources

    @property
    def conflict(self) -> bool:
        """Different figures from different documents for the same period."""
        if self.stated_conflict is not None:
            return self.stated_conflict
        docs = {s.doc_hash for v in self.values for s in v.sources}
        return len(self.values) > 1 and len(docs) > 1

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "until": self.until, "conflict": self.conflict,
                "values": [v.to_dict() for v in self.values]}


@dataclass
class Series(_Dict):
    """A time series of one quantity, e.g. a group's size or a deployment's headcount."""

    kind: str  # group_size, deployment, attacks, meetings
    key: dict[str, Any]
    label: str
    points: list[Point] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "label": self.label,
                "points": [p.to_dict() for p in self.points]}


@dataclass
class Role(_Dict):
    role: str
    start: str | None
    end: str | None
    origin: str  # "text" (seen in documents) or "dictionary" (persons.yaml)
    source_count: int = 0


@dataclass
class Actor(_Dict):
    """A canonical actor: country, group, operation or person."""

    id: str
    name: str
    type: str  # country, group, operation, person, other
    code: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    source_count: int = 0


@dataclass
class Merged(_Dict):
    """A fact stated by one or more documents, merged by the rules in merge.py."""

    kind: str
    date: str | None
    data: dict[str, Any]
    confidence: float
    sources: list[Source] = field(default_factory=list)
    conflicts: dict[str, list[Value]] = field(default_factory=dict)  # field -> differing values
    counted: int | None = None  # documents, where `sources` holds only some (a short answer)

    @property
    def source_count(self) -> int:
        return _count(self.counted, self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "data": self.data,
                "confidence": self.confidence, "source_count": self.source_count,
                "conflicts": {k: [v.to_dict() for v in vs] for k, vs in self.conflicts.items()},
                "sources": [s.to_dict() for s in self.sources]}


@dataclass
class EventCount(_Dict):
    """How many event records name a code as actor or recipient in one month."""

    code: str
    role: str  # actor or recipient
    event: str
    period: str
    count: int
    sources: list[Source] = field(default_factory=list)
    counted: int | None = None  # documents, where `sources` holds only some (a short answer)

    @property
    def source_count(self) -> int:
        return _count(self.counted, self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "role": self.role, "event": self.event,
                "period": self.period, "count": self.count,
                "sources": [s.to_dict() for s in self.sources], "source_count": self.source_count}


@dataclass
class Picture(_Dict):
    """The consolidated view of one actor across every stored document."""

    actor: Actor
    group_sizes: list[Series] = field(default_factory=list)
    members: list[Merged] = field(default_factory=list)  # memberships of this group, by date
    member_of: list[Merged] = field(default_factory=list)  # groups this actor is a member of
    meetings: list[Merged] = field(default_factory=list)
    meetings_per_year: dict[str, int] = field(default_factory=dict)
    deployments: list[Series] = field(default_factory=list)
    attacks: list[Series] = field(default_factory=list)
    quotes: list[Merged] = field(default_factory=list)
    commitments: list[Merged] = field(default_factory=list)
    persons: list[Actor] = field(default_factory=list)
    events: list[EventCount] = field(default_factory=list)
    omitted: dict[str, int] = field(default_factory=dict)  # list -> items left out (a head)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"actor": self.actor.to_dict()}
        for name in ("group_sizes", "members", "member_of", "meetings", "deployments", "attacks",
                     "quotes", "commitments", "persons", "events"):
            out[name] = [x.to_dict() for x in getattr(self, name)]
        out["meetings_per_year"] = dict(self.meetings_per_year)
        if self.omitted:
            out["omitted"] = dict(self.omitted)
        return out


@dataclass
class TimelineEntry(_Dict):
    date: str
    kind: str
    summary: str
    source_count: int
    conflict: bool = False
    sources: list[Source] = field(default_factory=list)


@dataclass
class Timeline(_Dict):
    actor: Actor
    operation: str | None
    entries: list[TimelineEntry] = field(default_factory=list)
    omitted: dict[str, int] = field(default_factory=dict)  # "entries" -> left out (a page)

    def to_dict(self) -> dict[str, Any]:
        out = {"actor": self.actor.to_dict(), "operation": self.operation,
               "entries": [e.to_dict() for e in self.entries]}
        if self.omitted:
            out["omitted"] = dict(self.omitted)
        return out


# ---- back from to_dict() (a stored picture or timeline, see picture/stored.py) ------------

def _sources(items: list[dict[str, Any]]) -> list[Source]:
    return [Source(**s) for s in items]


def _value(d: dict[str, Any]) -> Value:
    return Value(d["value"], d["qualifier"], d["unit"], _sources(d["sources"]), d["inferred"],
                 d.get("source_count"))


def _series(d: dict[str, Any]) -> Series:
    return Series(d["kind"], d["key"], d["label"], [
        Point(p["date"], p["until"], [_value(v) for v in p["values"]], p.get("conflict"))
        for p in d["points"]])


def _actor(d: dict[str, Any]) -> Actor:
    return Actor(**{**d, "roles": [Role(**r) for r in d["roles"]]})


def _merged(d: dict[str, Any]) -> Merged:
    return Merged(d["kind"], d["date"], d["data"], d["confidence"], _sources(d["sources"]),
                  {k: [_value(v) for v in vs] for k, vs in d["conflicts"].items()},
                  d.get("source_count"))


def picture_from_dict(d: dict[str, Any]) -> Picture:
    """The Picture whose `to_dict()` gave `d`."""
    return Picture(
        _actor(d["actor"]), [_series(s) for s in d["group_sizes"]],
        [_merged(m) for m in d["members"]], [_merged(m) for m in d["member_of"]],
        [_merged(m) for m in d["meetings"]], dict(d["meetings_per_year"]),
        [_series(s) for s in d["deployments"]], [_series(s) for s in d["attacks"]],
        [_merged(m) for m in d["quotes"]], [_merged(m) for m in d["commitments"]],
        [_actor(a) for a in d["persons"]],
        [EventCount(e["code"], e["role"], e["event"], e["period"], e["count"],
                    _sources(e["sources"]), e.get("source_count")) for e in d["events"]],
        dict(d.get("omitted", {})))


def timeline_from_dict(d: dict[str, Any]) -> Timeline:
    """The Timeline whose `to_dict()` gave `d`."""
    return Timeline(_actor(d["actor"]), d["operation"], [
        TimelineEntry(e["date"], e["kind"], e["summary"], e["source_count"], e["conflict"],
                      _sources(e["sources"])) for e in d["entries"]], dict(d.get("omitted", {})))


@dataclass
class ReviewItem(_Dict):
    """A stored fact, for an analyst to check: least certain first."""

    fact_id: str
    kind: str
    confidence: float
    document: str
    published: str | None
    data: dict[str, Any]
    evidence: str
    corrected: list[str] = field(default_factory=list)  # corrections applied to it
