"""The Python API: `sitrep.open(db).picture("CAN")`, `.timeline(...)`, `.review()`, corrections.

Results are the dataclasses of `results.py`; each has `to_dict()` (JSON-serialisable)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine

from sitrep.picture import corrections as corr
from sitrep.picture.consolidate import Consolidation, consolidate, gc_paused
from sitrep.picture.facts import RawFact
from sitrep.picture.index import pick
from sitrep.picture.results import (
    Actor,
    Merged,
    Picture,
    Point,
    ReviewItem,
    Series,
    Timeline,
    TimelineEntry,
    Value,
    picture_from_dict,
    timeline_from_dict,
)
from sitrep.picture.series import count_by_period


class Sitrep:
    """A stored corpus, read as one consolidated picture."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: Consolidation | None = None

    # ---- consolidation -------------------------------------------------------------------
    def consolidated(self) -> Consolidation:
        """The consolidation of every stored fact (recomputed after a correction)."""
        if self._cache is None:
            self._cache = consolidate(self.engine)
        return self._cache

    def refresh(self) -> None:
        self._cache = None

    def warm(self) -> Consolidation:
        """Consolidate and build what every picture and review page reads (the per-actor
        index, the review order), so that no request pays for it."""
        c = self.consolidated()
        c.index()
        self.review_order("persons", unconfirmed=True)  # and every other kind's
        return c

    def actor(self, query: str) -> Actor:
        """The canonical actor a name, code or id stands for; LookupError when none."""
        c = self.consolidated()
        actor_id = c.actors.find(query)
        if actor_id is None:
            raise LookupError(f"no actor matches {query!r}")
        actor = c.actors.describe(actor_id)
        if actor.type != "person":
            actor.source_count = len(c.docs.get(actor_id, ()))
        return actor

    def resolve(self, reference: str, date: str) -> Actor | None:
        """The person a role reference ("Canada's defence minister") names on a date."""
        c = self.consolidated()
        pid = c.actors.resolve_reference(reference, date)
        return c.actors.describe(pid) if pid else None

    # ---- the picture ---------------------------------------------------------------------
    def picture(self, query: str) -> Picture:
        """Everything consolidated about one actor (state, group, operation or person).

        Built from the consolidation's per-actor index and kept with the consolidation, so
        asking again (or for the timeline) costs nothing; treat the result as read-only."""
        c = self.consolidated()
        actor = self.actor(query)
        return c.memo_get(("picture", actor.id), lambda: self._picture(c, actor))

    def picture_dict(self, query: str) -> dict[str, Any]:
        """`picture(query).to_dict()`, kept with the consolidation (read-only)."""
        c = self.consolidated()
        pic = self.picture(query)
        return c.memo_get(("picture-dict", pic.actor.id), pic.to_dict)

    def timeline_dict(self, query: str, operation: str | None = None) -> dict[str, Any]:
        """`timeline(query, operation).to_dict()`, kept with the consolidation (read-only)."""
        c = self.consolidated()
        tl = self.timeline(query, operation)
        return c.memo_get(("timeline-dict", tl.actor.id, operation), tl.to_dict)

    def stored_picture(self, query: str, limit: int | None = None) -> Picture:
        """`picture(query)`, read from the database while the store is unchanged since a
        process last asked (picture/stored.py); otherwise consolidated and stored. For a new
        process, as each `sitrep picture` is; a LookupError as `picture` raises it. With
        `limit`, each list holds at most that many items (`omitted` counts the rest)."""
        return picture_from_dict(self._stored(("picture", query),
                                              lambda: self.picture(query).to_dict(), limit))

    def stored_timeline(self, query: str, operation: str | None = None,
                        limit: int | None = None, offset: int = 0) -> Timeline:
        """`timeline(query, operation)`, read from the database like `stored_picture`; with
        `limit` (and `offset`), that many entries from the `offset`-th."""
        return timeline_from_dict(self._stored(
            ("timeline", query, operation), lambda: self.timeline(query, operation).to_dict(),
            limit, offset))

    def _stored(self, parts: tuple, build, limit: int | None, offset: int = 0) -> dict:
        from sitrep.picture.stored import HEAD, cut, stored

        with gc_paused():
            if limit == HEAD and not offset:
                return stored(self.engine, parts, build, head=True)
            whole = stored(self.engine, parts, build)
            if limit is None and not offset:
                return whole
            return cut(whole, sys.maxsize if limit is None else limit, offset)

    def _picture(self, c: Consolidation, actor: Actor) -> Picture:
        ix = c.index()
        aid = actor.id
        names = [n for n in [actor.name, *actor.aliases] if len(n) >= 4]
        mentions = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None

        pic = Picture(actor)
        if aid in c.group_sizes:
            pic.group_sizes = [c.group_sizes[aid]]
        pic.members = list(c.memberships.get(aid, []))
        pic.member_of = pick(ix.memberships, ix.member_of.get(aid, []))
        pic.meetings = pick(c.meetings, ix.meetings.get(aid, []))
        pic.meetings_per_year = count_by_period(pic.meetings)
        pic.deployments = pick(ix.deployment_series, ix.deployments.get(aid, []),
                               ix.operations.get(actor.name, []) if actor.type == "operation"
                               else [])
        if actor.type == "person":
            pic.quotes = pick(c.quotes, ix.quotes_by_speaker.get(aid, []))
        elif actor.type == "country":
            pic.quotes = pick(c.quotes, ix.quotes_by_state.get(aid, []))
            pic.persons = [c.actors.describe(pid) for pid in ix.persons.get(aid, [])]
        else:
            pic.quotes = pick(c.quotes, ix.quote_text.matching(mentions))  # type: ignore[union-attr]
        pic.commitments = pick(c.commitments, ix.commitments.get(aid, []),
                               ix.commitment_text.matching(mentions))  # type: ignore[union-attr]
        pic.attacks = attack_series(pick(c.attacks, ix.attacks.get(aid, [])))
        pic.events = pick(c.events, ix.events.get(aid, []))
        return pic

    def timeline(self, query: str, operation: str | None = None) -> Timeline:
        """The actor's dated facts, oldest first; with `operation`, only that operation's.
        Reuses the actor's picture; kept with the consolidation like it."""
        c = self.consolidated()
        pic = self.picture(query)
        return c.memo_get(("timeline", pic.actor.id, operation),
                          lambda: self._timeline(pic, operation))

    def _timeline(self, pic: Picture, operation: str | None) -> Timeline:
        op = None
        if operation:
            found = self.consolidated().actors.find(operation)
            op = self.consolidated().actors.describe(found).name if found else operation
        entries: list[TimelineEntry] = []
        series = pic.deployments if op is None else [
            s for s in pic.deployments if s.key.get("operation") == op]
        if op is None:
            series = pic.group_sizes + series
        for s in series:
            for p in s.points:
                entries.append(_point_entry(s, p))
        for m in pic.members if op is None else []:
            entries.append(_merged_entry(m, "members: " + ", ".join(m.data.get("members", []))))
        for m in pic.meetings if op is None else []:
            entries.append(_merged_entry(m, _meeting_text(m)))
        oplow = (op or "").lower()
        for q in pic.quotes:
            if op is None or oplow in q.data.get("text", "").lower() or any(
                    oplow in s.evidence.lower() for s in q.sources):
                entries.append(_merged_entry(q, f"{q.data.get('speaker')}: "
                                                f"“{(q.data.get('text') or '')[:90]}”"))
        for m in pic.commitments:
            if op is None or any(oplow in s.evidence.lower() for s in m.sources):
                entries.append(_merged_entry(m, f"{m.data.get('actor')} commits to "
                                                f"{(m.data.get('what') or '')[:90]}"))
        if op is None:
            for s in pic.attacks:
                for p in s.points:
                    entries.append(_point_entry(s, p))
            for role in pic.actor.roles:
                if role.start:
                    entries.append(TimelineEntry(role.start, "role", f"{role.role} "
                                                 f"({role.origin})", role.source_count))
            for e in pic.events:
                entries.append(TimelineEntry(e.period, "events", f"{e.count}× {e.event} "
                                             f"as {e.role}", len({s.doc_hash for s in e.sources}),
                                             sources=e.sources))
        entries.sort(key=lambda e: (e.date, e.kind))
        return Timeline(pic.actor, op, entries)

    # ---- review and corrections ----------------------------------------------------------
    def review(self, kind: str | None = None, limit: int | None = 20) -> list[ReviewItem]:
        """Stored facts, least certain first, with the corrections applied to each."""
        facts = self.review_order(kind)
        return [ReviewItem(f.id, f.kind, f.confidence, f.document, f.published, f.data,
                           f.evidence, f.corrections) for f in facts[:limit]]

    def review_order(self, kind: str | None = None, unconfirmed: bool = False
                     ) -> list[RawFact]:
        """Stored facts (of a kind; only those no analyst confirmed), least certain first;
        sorted once per consolidation."""
        c = self.consolidated()

        def build() -> list[RawFact]:
            if kind is not None:  # every kind's list in one pass
                by_kind: dict[str, list[RawFact]] = defaultdict(list)
                for f in self.review_order(None, unconfirmed):
                    by_kind[f.kind].append(f)
                for k, facts in by_kind.items():
                    c.memo[("review", k, unconfirmed)] = facts
                return by_kind.get(kind, [])
            if unconfirmed:
                return [f for f in self.review_order() if f.data.get("confirmed") is not True]
            return sorted(c.facts + c.rejected, key=lambda f: (f.confidence, f.published or "",
                                                                f.pk))

        return c.memo_get(("review", kind, unconfirmed), build)

    def reject(self, fact: str, note: str | None = None) -> int:
        return self._changed(corr.correct_fact(self.engine, fact, "reject", note=note))

    def edit(self, fact: str, field: str, value: Any, note: str | None = None) -> int:
        return self._changed(corr.correct_fact(self.engine, fact, "edit", field, value, note))

    def merge(self, keep: str, other: str, note: str | None = None) -> int:
        return self._changed(corr.correct_actor(self.engine, "merge", self._id(keep),
                                                self._id(other), note))

    def split(self, actor: str, name: str, note: str | None = None) -> int:
        return self._changed(corr.correct_actor(self.engine, "split", self._id(actor), name,
                                                note))

    def undo(self, pk: int) -> bool:
        done = corr.remove_correction(self.engine, pk)
        self.refresh()
        return done

    def corrections(self) -> list[corr.Correction]:
        return corr.list_corrections(self.engine)

    def _id(self, query: str) -> str:
        found = self.consolidated().actors.find(query)
        return found or query

    def _changed(self, pk: int) -> int:
        self.refresh()
        return pk


def attack_series(attacks: list[Merged]) -> list[Series]:
    """Merged attacks counted per place (country, city) and month, with all their sources."""
    by_place: dict[tuple[str, str], dict[str, list[Merged]]] = defaultdict(
        lambda: defaultdict(list))
    for a in attacks:
        if not a.date:
            continue
        place = (a.data.get("location_country") or "", a.data.get("city") or "")
        by_place[place][a.date[:7]].append(a)
    out = []
    for (country, city), months in sorted(by_place.items()):
        points = [Point(month, month, [Value(len(items), None, "attacks",
                                             [s for a in items for s in a.sources])])
                  for month, items in sorted(months.items())]
        out.append(Series("attacks", {"country": country, "city": city or None},
                          ", ".join(x for x in (city, country) if x), points))
    return out


def _value_text(v: Value) -> str:
    q = f"{v.qualifier} " if v.qualifier else ""
    note = " (operation inferred)" if v.inferred else ""
    return f"{q}{v.value} {v.unit or ''}".strip() + f"{note} [{v.source_count} src]"


def _point_entry(s: Series, p: Point) -> TimelineEntry:
    text = " | ".join(_value_text(v) for v in p.values)
    if p.conflict:
        text = "CONFLICT: " + text
    return TimelineEntry(p.date, s.kind, f"{s.label}: {text}",
                         len({x.doc_hash for v in p.values for x in v.sources}), p.conflict,
                         [x for v in p.values for x in v.sources])


def _merged_entry(m: Merged, text: str) -> TimelineEntry:
    return TimelineEntry(m.date or "", m.kind, text, m.source_count, bool(m.conflicts),
                         m.sources)


def _meeting_text(m: Merged) -> str:
    d = m.data
    place = d.get("city") or d.get("country") or "?"
    chairs = ", ".join(d.get("chairs") or []) or "?"
    groups = ", ".join(d.get("groups") or [])
    return f"{d.get('name') or 'meeting'} in {place}, chaired by {chairs}" + (
        f" ({groups})" if groups else "")


def open_db(db: str | None = None) -> Sitrep:
    """Open a database (URL or SQLite path; default as for the CLI) for consolidated reads."""
    from sitrep.store.db import open_db as _open

    return Sitrep(_open(db))
