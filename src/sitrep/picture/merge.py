"""Rules that merge the same fact stated by several documents into one, keeping every source.

Merging happens on read; the per-document facts stay stored, so every merge is reversible
(an analyst `reject`s or `edit`s a source fact, and the merge is recomputed).

- Meetings are one meeting when (1) the place agrees: same city where both name one, else the
  same country; (2) the dates agree: one is a prefix of the other or they are at most one day
  apart; (3) the chairs agree: the same states, or one list holds the other (or is empty).
  A meeting with no date merges with nothing. Participants and groups are the union.
- Attacks are one attack when the place agrees (as for meetings), the dates agree, and the
  perpetrators are the same actor or one is unknown; differing killed/wounded figures are kept
  side by side as conflicts, never averaged. Candidates are compared within one country and
  month (meetings: country and year), which bounds the work on large stores.
- Quotes are one quote when the speaker is the same person and the first six words agree.
- Commitments are one when the actor is the same, the first six words of what was committed
  agree and the dates agree (or one is missing).
- Memberships are one statement per (group, stated member list).
- A meeting belongs to the groups its name holds ("NATO Summit"), else to the groups among its
  participants, else to the groups its sentence mentions (consolidate.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from sitrep.picture.facts import RawFact
from sitrep.picture.keys import dates_agree, noisy_or, to_date
from sitrep.picture.results import Merged, Value

_WORD = re.compile(r"\w+")


def first_words(text: Any, n: int = 6) -> str:
    return " ".join(_WORD.findall(str(text or "").lower())[:n])


def _new(kind: str, date: str | None, data: dict[str, Any], fact: RawFact) -> Merged:
    return Merged(kind, date, dict(data), fact.confidence, [fact.source()])


def _absorb(m: Merged, fact: RawFact, list_fields: tuple[str, ...] = ()) -> None:
    m.sources.append(fact.source())
    m.confidence = noisy_or([s.confidence for s in m.sources])
    for key in list_fields:
        merged = list(m.data.get(key) or [])
        merged += [x for x in fact.data.get(key) or [] if x not in merged]
        m.data[key] = merged
    if m.date and fact.data.get("date") and len(fact.data["date"]) > len(m.date):
        m.date = fact.data["date"]  # keep the most precise date


def _note_conflicts(m: Merged, facts: list[RawFact], fields: tuple[str, ...]) -> None:
    """Fields on which the merged sources disagree: each value with its sources."""
    for key in fields:
        values: dict[Any, Value] = {}
        for f in facts:
            v = f.data.get(key)
            if v is None:
                continue
            values.setdefault(v, Value(v)).sources.append(f.source())
        if len(values) > 1:
            m.conflicts[key] = sorted(values.values(), key=lambda x: str(x.value))
        elif values:
            m.data[key] = next(iter(values))


def same_place(a: dict[str, Any], b: dict[str, Any], country_key: str = "country") -> bool:
    ca, cb = (a.get("city") or "").lower(), (b.get("city") or "").lower()
    if ca and cb:
        return ca == cb
    return bool(a.get(country_key)) and a.get(country_key) == b.get(country_key)


def chairs_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    sa, sb = set(a or ()), set(b or ())
    return not sa or not sb or sa <= sb or sb <= sa


def _cluster(facts: list[RawFact], bucket: Callable[[RawFact], Any],
             same: Callable[[RawFact, RawFact], bool]) -> list[list[RawFact]]:
    """Greedy single-link clustering inside buckets: a fact joins the first group (in the
    order groups were made) holding a fact it is the `same` as, else starts a new group.

    `same` must imply that the facts' `date`s agree within a day (`dates_agree(days=1)`):
    only facts whose dates could agree are compared, found through a per-bucket index of
    dates and their prefixes (the result is that of comparing with every fact)."""
    groups: list[list[RawFact]] = []
    exact: dict[Any, dict[str, list[tuple[int, RawFact]]]] = defaultdict(
        lambda: defaultdict(list))  # bucket -> date -> (group number, fact)
    prefix: dict[Any, dict[str, list[tuple[int, RawFact]]]] = defaultdict(
        lambda: defaultdict(list))  # bucket -> every prefix of a date -> (group number, fact)
    for f in facts:
        key, date = bucket(f), str(f.data["date"])
        found = None
        for number, g in sorted(_date_candidates(exact[key], prefix[key], date),
                                key=lambda c: c[0]):
            if same(f, g):
                found = number
                break
        if found is None:
            found = len(groups)
            groups.append([])
        groups[found].append(f)
        exact[key][date].append((found, f))
        for n in range(1, len(date) + 1):
            prefix[key][date[:n]].append((found, f))
    return groups


def _date_candidates(exact: dict[str, list[tuple[int, RawFact]]],
                     prefix: dict[str, list[tuple[int, RawFact]]], date: str
                     ) -> list[tuple[int, RawFact]]:
    """Facts whose date is a prefix of `date`, starts with it, or is a day before or after."""
    keys = [date[:n] for n in range(1, len(date))]
    day = to_date(date)
    if day is not None:
        keys += [(day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()]
    out = [c for k in keys if k in exact for c in exact[k]]
    return out + prefix.get(date, [])


def merge_meetings(facts: list[RawFact], groups_of: Callable[[RawFact], list[str]]
                   ) -> list[Merged]:
    """Meetings merged by place, date and chairs (rules above); `data.groups` is filled."""
    def same(a: RawFact, b: RawFact) -> bool:
        return (same_place(a.data, b.data)
                and dates_agree(a.data.get("date"), b.data.get("date"), days=1)
                and chairs_agree(a.data.get("chairs"), b.data.get("chairs")))

    dated = [f for f in facts if f.data.get("date")]
    clusters = _cluster(dated, lambda f: (f.data.get("country"), f.data["date"][:4]), same)
    clusters += [[f] for f in facts if not f.data.get("date")]
    out = []
    for cluster in clusters:
        first = cluster[0]
        m = _new("meetings", first.data.get("date"), first.data, first)
        m.data["groups"] = groups_of(first)
        for f in cluster[1:]:
            _absorb(m, f, ("chairs", "participants"))
            m.data["groups"] += [g for g in groups_of(f) if g not in m.data["groups"]]
        if not m.data.get("city"):
            m.data["city"] = next((f.data["city"] for f in cluster if f.data.get("city")), None)
        out.append(m)
    return sorted(out, key=lambda m: m.date or "")


def merge_attacks(facts: list[RawFact], perpetrator: Callable[[RawFact], str | None]
                  ) -> list[Merged]:
    """Attacks merged by place, date and perpetrator; casualty figures kept side by side."""
    who = {id(f): perpetrator(f) for f in facts}

    def same(a: RawFact, b: RawFact) -> bool:
        pa, pb = who[id(a)], who[id(b)]
        return (same_place(a.data, b.data, "location_country")
                and dates_agree(a.data.get("date"), b.data.get("date"), days=1)
                and (not pa or not pb or pa == pb))

    dated = [f for f in facts if f.data.get("date")]
    clusters = _cluster(dated, lambda f: (f.data.get("location_country"), f.data["date"][:7]),
                        same)
    clusters += [[f] for f in facts if not f.data.get("date")]
    out = []
    for cluster in clusters:
        first = cluster[0]
        m = _new("attacks", first.data.get("date"), first.data, first)
        m.data["perpetrator_id"] = next((p for f in cluster if (p := who[id(f)])), None)
        for f in cluster[1:]:
            _absorb(m, f)
        if not m.data.get("city"):
            m.data["city"] = next((f.data["city"] for f in cluster if f.data.get("city")), None)
        _note_conflicts(m, cluster, ("killed", "wounded"))
        out.append(m)
    return sorted(out, key=lambda m: m.date or "")


def merge_same(kind: str, facts: list[RawFact], key: Callable[[RawFact], Any],
               date: Callable[[RawFact], str | None] = lambda f: f.published,
               list_fields: tuple[str, ...] = ()) -> list[Merged]:
    """Facts with equal keys merged into one (quotes, commitments, memberships)."""
    by_key: dict[Any, Merged] = {}
    for f in facts:
        k = key(f)
        m = by_key.get(k)
        if m is None:
            by_key[k] = _new(kind, date(f), f.data, f)
        else:
            _absorb(m, f, list_fields)
            d = date(f)
            if d and (not m.date or d < m.date):
                m.date = d  # first stated
    return sorted(by_key.values(), key=lambda m: m.date or "")
