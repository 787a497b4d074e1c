"""HTML fragments built in Python: the highlighted document text and one-line fact summaries.

Every piece of document text passes through `markupsafe.escape`; only our own tags are raw."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def _join(items: Any) -> str:
    if isinstance(items, list):
        return ", ".join(str(i.get("code") or i.get("name") or i) if isinstance(i, dict)
                         else str(i) for i in items)
    return str(items)


def summarize(kind: str, data: dict[str, Any]) -> str:
    """A short readable line for a fact (plain text; templates escape it)."""
    d = {k: v for k, v in (data or {}).items() if v not in (None, "", [], {})}
    if kind == "deployments":
        q = f"{d['qualifier']} " if d.get("qualifier") and d["qualifier"] != "exactly" else ""
        return (f"{d.get('country', '?')} deploys {q}{d.get('count', '?')} "
                f"{d.get('unit', '')} {('to ' + d['operation']) if d.get('operation') else ''}"
                ).strip()
    if kind == "group_sizes":
        return f"{d.get('group', '?')}: {d.get('count', '?')} {d.get('unit', '')}".strip()
    if kind == "memberships":
        return f"{d.get('group', '?')} members: {_join(d.get('members', []))}"
    if kind == "meetings":
        where = d.get("city") or d.get("country") or "?"
        chairs = f", chaired by {_join(d['chairs'])}" if d.get("chairs") else ""
        return f"{d.get('name', 'meeting')} in {where} on {d.get('date', '?')}{chairs}"
    if kind == "attacks":
        where = ", ".join(str(x) for x in (d.get("city"), d.get("location_country")) if x)
        killed = f", {d['killed']} killed" if d.get("killed") is not None else ""
        by = f" by {d['perpetrator']}" if d.get("perpetrator") else ""
        return f"{d.get('type') or 'attack'} in {where or '?'}{by}{killed}"
    if kind == "quotes":
        return f"{d.get('speaker', '?')}: “{str(d.get('text') or d.get('starts_with', ''))[:120]}”"
    if kind == "commitments":
        return f"{d.get('actor', '?')} commits to {str(d.get('what', ''))[:120]}"
    if kind == "events":
        actors = _join(d.get("actor", [])) or "?"
        to = f" → {_join(d['recipient'])}" if d.get("recipient") else ""
        return f"{d.get('event', '?')} ({d.get('event_text', '')}): {actors}{to}"
    if kind == "persons":
        return " / ".join(str(x) for x in (d.get("name"), d.get("role"), d.get("country")) if x)
    return " / ".join(str(v) for v in d.values() if not isinstance(v, dict | list))[:160]


def highlight(text: str, mentions: list[dict[str, Any]], facts: list[dict[str, Any]],
              selected: tuple[int, int] | None = None) -> Markup:
    """The document text with fact sentences (`<mark>`, hover shows the facts) and entity
    mentions (`<span class=ent>`) marked; the `selected` span is also `.selected`, and an
    anchor `#evidence` sits at its start."""
    n = len(text)
    spans = [(max(0, f["start"]), min(n, f["end"])) for f in facts]
    ments = [(max(0, m["start"]), min(n, m["end"]), m) for m in mentions]
    cuts = {0, n}
    for s, e in spans:
        cuts.update((s, e))
    for s, e, _ in ments:
        cuts.update((s, e))
    if selected:
        cuts.update((max(0, min(n, selected[0])), max(0, min(n, selected[1]))))
    bounds = sorted(c for c in cuts if 0 <= c <= n)
    titles: dict[tuple[int, int], str] = {}
    for f in facts:
        key = (max(0, f["start"]), min(n, f["end"]))
        line = f"{f['kind']}: {summarize(f['kind'], f['data'])} ({f['confidence']:.2f})"
        titles[key] = titles.get(key, "") + ("\n" if key in titles else "") + line
    out: list[str] = []
    anchored = False
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        piece = str(escape(text[a:b]))
        ment = next((m for s, e, m in ments if s <= a and b <= e), None)
        if ment is not None:
            label = " ".join(str(x) for x in (ment["type"], ment.get("code") or "",
                                              ment.get("canonical") or "") if x)
            piece = (f'<span class="ent ent-{escape(ment["type"])}" title="{escape(label)}">'
                     f"{piece}</span>")
        active = [k for k in titles if k[0] <= a and b <= k[1]]
        if active and text[a:b].strip():
            key = min(active, key=lambda k: k[1] - k[0])
            sel = bool(selected and selected[0] <= a and b <= selected[1])
            cls = "fact selected" if sel else "fact"
            piece = f'<mark class="{cls}" title="{escape(titles[key])}">{piece}</mark>'
        if selected and not anchored and a >= selected[0]:
            piece = '<span id="evidence" class="anchor"></span>' + piece
            anchored = True
        out.append(piece)
    return Markup("".join(out))
