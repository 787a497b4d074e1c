"""Per-actor indexes over a consolidation, built once, so a picture reads only its own items.

Each index keeps the consolidation's order: a picture built from it lists the same items in the
same order as filtering every consolidated item would. Free-text matches ("a quote that names
the actor") search one joined text per kind instead of each item in turn."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.picture.results import Merged, Series

if TYPE_CHECKING:
    from sitrep.picture.consolidate import Consolidation


class TextIndex:
    """The given fields of many items as one text, for finding the items a pattern matches."""

    SEP = "\x00"

    def __init__(self, items: list[Merged], keys: tuple[str, ...]) -> None:
        parts = [" ".join(str(m.data.get(k) or "") for k in keys).replace(self.SEP, " ")
                 for m in items]
        self.starts: list[int] = []
        at = 0
        for p in parts:
            self.starts.append(at)
            at += len(p) + 1
        self.text = self.SEP.join(parts)

    def matching(self, pattern: re.Pattern[str] | None) -> list[int]:
        """Positions of the items whose text the pattern matches, in order."""
        if pattern is None or not self.starts:
            return []
        out: list[int] = []
        pos = 0
        while (found := pattern.search(self.text, pos)) is not None:
            i = bisect_right(self.starts, found.start()) - 1
            out.append(i)
            if i + 1 >= len(self.starts):
                break
            pos = self.starts[i + 1]
        return out


def _add(index: dict[str, list[int]], keys: Any, position: int) -> None:
    for key in dict.fromkeys(k for k in keys if isinstance(k, str) and k):
        index[key].append(position)


@dataclass
class ActorIndex:
    """Positions of each actor's items in the consolidation's lists."""

    member_of: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    meetings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    deployments: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    operations: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_speaker: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    quotes_by_state: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    commitments: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    attacks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    persons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    memberships: list[Merged] = field(default_factory=list)
    deployment_series: list[Series] = field(default_factory=list)  # sorted by key
    quote_text: TextIndex | None = None
    commitment_text: TextIndex | None = None

    @classmethod
    def build(cls, c: Consolidation) -> ActorIndex:
        ix = cls()
        ix.memberships = [m for ms in c.memberships.values() for m in ms]
        for i, m in enumerate(ix.memberships):
            _add(ix.member_of, m.data.get("members") or [], i)
        for i, m in enumerate(c.meetings):
            d = m.data
            _add(ix.meetings, [*(d.get("groups") or []), *(d.get("chairs") or []),
                               *(d.get("participants") or []), d.get("country")], i)
        ordered = sorted(c.deployments.items(), key=lambda kv: str(kv[0]))
        ix.deployment_series = [s for _, s in ordered]
        for i, (key, _) in enumerate(ordered):
            _add(ix.deployments, [key[0]], i)
            _add(ix.operations, [key[1]], i)
        person_country = {p.id: p.country for p in c.actors.persons.values()}
        for i, q in enumerate(c.quotes):
            speaker = q.data.get("speaker_id")
            _add(ix.quotes_by_speaker, [speaker], i)
            _add(ix.quotes_by_state, [person_country.get(speaker or "", q.data.get("country"))],
                 i)
        for i, m in enumerate(c.commitments):
            _add(ix.commitments, [m.data.get("actor")], i)
        for i, a in enumerate(c.attacks):
            _add(ix.attacks, [a.data.get("location_country"), a.data.get("perpetrator_id")], i)
        for i, e in enumerate(c.events):
            _add(ix.events, [e.code], i)
        for p in c.actors.persons.values():
            if p.country:
                ix.persons[p.country].append(p.id)
        ix.quote_text = TextIndex(c.quotes, ("text", "starts_with"))
        ix.commitment_text = TextIndex(c.commitments, ("what",))
        return ix


def pick(items: list[Any], *positions: list[int]) -> list[Any]:
    """The items at the union of the positions, in list order."""
    if len(positions) == 1:
        return [items[i] for i in positions[0]]
    return [items[i] for i in sorted(set().union(*positions))]

