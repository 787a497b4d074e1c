"""Time series of stated figures: group sizes, deployed counts, meetings and attacks.

Rules:
- A figure's date is its own `as_of` date unless that lies after the document (a ceiling
  "until March 2019"); then the document's published date.
- Figures fall into periods of one month. Inside a period, equal figures (same count and
  qualifier) are one value with all their sources; different figures are kept side by side
  and the period is marked as a conflict when they come from different documents. Nothing is
  averaged.
- Consecutive periods that state exactly the same single figure merge into one point that runs
  from the first period to the last (`date` .. `until`), again with all sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sitrep.picture.facts import RawFact
from sitrep.picture.results import Merged, Point, Series, Value


@dataclass
class Observation:
    """One stated figure: when, how much, and the fact that says it."""

    date: str
    value: Any
    qualifier: str | None
    unit: str | None
    fact: RawFact
    inferred: bool = False


def _qualifier(q: str | None) -> str | None:
    return None if q in (None, "", "exactly") else q


def build_series(kind: str, key: dict[str, Any], label: str, observations: list[Observation],
                 period: int = 7) -> Series:
    """A series from observations (rules above); `period` is the date prefix length (7: month)."""
    by_period: dict[str, dict[tuple[Any, str | None], Value]] = defaultdict(dict)
    dates: dict[str, list[str]] = defaultdict(list)
    for ob in sorted(observations, key=lambda o: o.date):
        p = ob.date[:period]
        vkey = (ob.value, _qualifier(ob.qualifier))
        value = by_period[p].get(vkey)
        if value is None:
            value = by_period[p][vkey] = Value(ob.value, _qualifier(ob.qualifier), ob.unit)
        value.sources.append(ob.fact.source())
        value.inferred = value.inferred or ob.inferred
        dates[p].append(ob.date)
    points: list[Point] = []
    for p in sorted(by_period):
        values = sorted(by_period[p].values(), key=lambda v: (-v.source_count, str(v.value)))
        prev = points[-1] if points else None
        if (prev and len(prev.values) == 1 and len(values) == 1
                and (prev.values[0].value, prev.values[0].qualifier)
                == (values[0].value, values[0].qualifier)):
            prev.values[0].sources += values[0].sources
            prev.until = max(dates[p])
            continue
        points.append(Point(min(dates[p]), max(dates[p]), values))
    return Series(kind, key, label, points)


def count_by_period(items: list[Merged], period: int = 4) -> dict[str, int]:
    """How many merged items fall in each period (4: year), oldest first."""
    counts = Counter((m.date or "")[:period] for m in items if m.date)
    return dict(sorted(counts.items()))
