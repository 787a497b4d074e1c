"""Rich tables for `sitrep picture`, `sitrep timeline` and `sitrep review`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sitrep.picture.results import Merged, Picture, ReviewItem, Series, Timeline, Value


def _value(v: Value) -> str:
    q = f"{v.qualifier} " if v.qualifier else ""
    note = " (op. inferred)" if v.inferred else ""
    return f"{q}{v.value}{note} [{v.source_count}]"


DOCUMENTS = 5  # document names shown per row; the sources column counts them all


def _docs(sources, count: int | None = None, partial: bool = False) -> str:
    """The first documents among `sources`, and how many more there are of `count` (of
    those among the sources when it is not given); just " …" when `partial` sources leave the
    number unknown."""
    names = list(dict.fromkeys(s.document for s in sources))
    shown = ", ".join(names[:DOCUMENTS])
    if partial:
        return shown + " …"
    more = (len(names) if count is None else count) - min(len(names), DOCUMENTS)
    return shown + (f" … +{more}" if more > 0 else "")


def _point_docs(p) -> str:
    """A point's documents: all its values' sources, some of which a short answer leaves out."""
    sources = [x for v in p.values for x in v.sources]
    if len(p.values) == 1:
        return _docs(sources, p.values[0].source_count)
    partial = any(v.source_count > len({x.doc_hash for x in v.sources}) for v in p.values)
    return _docs(sources, partial=partial)


def series_table(s: Series) -> Table:
    t = Table(title=f"{s.kind}: {s.label}", title_justify="left")
    for col in ("from", "until", "figure [sources]", "conflict", "documents"):
        t.add_column(col, overflow="fold")
    for p in s.points:
        t.add_row(p.date, p.until if p.until != p.date else "",
                  " | ".join(_value(v) for v in p.values), "CONFLICT" if p.conflict else "",
                  _point_docs(p))
    return t


def _merged_table(title: str, items: list[Merged], cols: tuple[str, ...]) -> Table:
    t = Table(title=title, title_justify="left")
    for col in ("date", *cols, "conf.", "sources", "documents"):
        t.add_column(col, overflow="fold")
    for m in items:
        cells = []
        for c in cols:
            v = m.data.get(c)
            if c in m.conflicts:
                v = "CONFLICT " + " | ".join(_value(x) for x in m.conflicts[c])
            text = ", ".join(map(str, v)) if isinstance(v, list) else str(v or "")
            cells.append(text if len(text) <= 100 else text[:99] + "…")
        t.add_row(m.date or "", *cells, f"{m.confidence:.2f}", str(m.source_count),
                  _docs(m.sources, m.source_count))
    return t


def print_picture(console: Console, pic: Picture) -> None:
    a = pic.actor
    console.print(f"[bold]{a.name}[/bold] ({a.type}, id {a.id}) — named in {a.source_count} "
                  f"documents", highlight=False)
    if a.aliases:
        console.print("also: " + ", ".join(a.aliases), highlight=False)
    for r in a.roles:
        console.print(f"  role: {r.role} {r.start or '?'} – {r.end or ''} ({r.origin})",
                      highlight=False)
    for s in pic.group_sizes + pic.deployments + pic.attacks:
        console.print(series_table(s))
    if pic.members:
        console.print(_merged_table("members", pic.members, ("members",)))
    if pic.member_of:
        console.print(_merged_table("member of", pic.member_of, ("group_id",)))
    if pic.meetings:
        console.print(_merged_table("meetings", pic.meetings,
                                    ("city", "country", "chairs", "participants", "groups")))
        console.print("meetings per year: " + ", ".join(
            f"{y}: {n}" for y, n in pic.meetings_per_year.items()), highlight=False)
    if pic.quotes:
        console.print(_merged_table("quotes", pic.quotes, ("speaker", "text")))
    if pic.commitments:
        console.print(_merged_table("commitments", pic.commitments, ("actor", "what")))
    if pic.persons:
        t = Table(title="persons", title_justify="left")
        for col in ("name", "roles", "documents"):
            t.add_column(col, overflow="fold")
        for p in pic.persons:
            t.add_row(p.name, "; ".join(f"{r.role} {r.start or ''}" for r in p.roles
                                        if r.origin == "text"), str(p.source_count))
        console.print(t)
    if pic.events:
        t = Table(title="events", title_justify="left")
        for col in ("month", "role", "event", "count", "documents"):
            t.add_column(col)
        for e in pic.events:
            t.add_row(e.period, e.role, e.event, str(e.count), str(e.source_count))
        console.print(t)
    if pic.omitted:
        console.print("not shown: " + ", ".join(f"{n:,} more {name.replace('_', ' ')}"
                                                for name, n in pic.omitted.items())
                      + " (--limit N or --all)", highlight=False)


def print_timeline(console: Console, tl: Timeline, offset: int = 0) -> None:
    title = tl.actor.name + (f" — {tl.operation}" if tl.operation else "")
    t = Table(title=f"timeline: {title}", title_justify="left")
    for col in ("date", "kind", "what", "sources"):
        t.add_column(col, overflow="fold")
    for e in tl.entries:
        t.add_row(e.date, e.kind, ("[red]" if e.conflict else "") + e.summary
                  + ("[/red]" if e.conflict else ""), str(e.source_count))
    console.print(t)
    if tl.omitted.get("entries"):
        total = len(tl.entries) + tl.omitted["entries"]
        console.print(f"entries {offset + 1:,}–{offset + len(tl.entries):,} of {total:,} "
                      "(--offset, --limit N or --all)", highlight=False)


def print_review(console: Console, items: list[ReviewItem]) -> None:
    t = Table(title="least certain facts first", title_justify="left")
    for col in ("fact id", "kind", "conf.", "document", "fact", "corrections"):
        t.add_column(col, overflow="fold")
    for r in items:
        data = {k: v for k, v in r.data.items() if v not in (None, [], "")}
        t.add_row(r.fact_id, r.kind, f"{r.confidence:.2f}", r.document, str(data)[:140],
                  ", ".join(r.corrected))
    console.print(t)
