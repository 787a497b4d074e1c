"""Organizations: the named coalitions, IGOs, armed groups, militaries and government bodies."""

from __future__ import annotations

import re

from sitrep.extract.context import Context
from sitrep.model import Fact, Mention

HEAD_KINDS = {
    "ministry": "government", "department": "government", "office": "government",
    "government": "government", "council": "igo", "commission": "igo", "agency": "government",
    "parliament": "government", "committee": "government", "service": "government",
    "forces": "military", "army": "military", "navy": "military", "brigade": "armed_group",
    "brigades": "armed_group", "battalion": "military", "regiment": "military",
    "front": "armed_group", "militia": "armed_group", "coalition": "coalition",
    "group": "coalition", "alliance": "coalition", "union": "igo", "organisation": "other",
    "organization": "other", "society": "other", "university": "other", "party": "other",
    "movement": "armed_group", "network": "armed_group", "court": "government",
    "mission": "igo", "nations": "igo", "league": "igo", "corps": "military",
    "guard": "military", "police": "government", "bank": "other", "institute": "other",
    "foundation": "other", "hospital": "other", "authority": "government",
}


def _words(name: str) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", "", name.lower()).split() if w != "the"}


def _kind(name: str) -> str | None:
    for word in reversed(name.lower().split()):
        if word in HEAD_KINDS:
            return HEAD_KINDS[word]
    return None


def _keep_unresolved(m: Mention) -> bool:
    """An organization NER found but the gazetteer does not know: keep clear names only."""
    words = m.text.split()
    if len(words) == 1:
        return False
    return _kind(m.text) is not None and m.text[0].isupper() and "\n" not in m.text


def _group(ctx: Context) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in ctx.mentions:
        if m.type != "ORG":
            continue
        if m.canonical:
            key = "actor:" + m.canonical
        elif _keep_unresolved(m):
            key = "text:" + " ".join(sorted(_words(m.text)))
        else:
            continue
        groups.setdefault(key, []).append(m)
    return list(groups.values())


def _merge(groups: list[list[Mention]]) -> list[list[Mention]]:
    """Unresolved names that share most words with another organization's name join it."""
    resolved = [g for g in groups if g[0].canonical]
    out = list(resolved)
    for g in groups:
        if g[0].canonical:
            continue
        words = _words(g[0].text)
        target = next(
            (o for o in out
             if any(2 * len(words & _words(m.text)) >= max(len(words), len(_words(m.text)))
                    for m in o)),
            None,
        )
        if target is not None:
            target.extend(g)
        else:
            out.append(g)
    return out


def _overlaps(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and 2 * len(wa & wb) >= max(len(wa), len(wb))


def _named_groups(ctx: Context, known: list[Fact]) -> list[Fact]:
    """Groups that membership and size facts name but no organization mention covers."""
    out: list[Fact] = []
    for fact in ctx.facts:
        name = fact.data.get("group") if fact.kind in ("memberships", "group_sizes") else None
        if not name or not name[0].isupper():
            continue
        names = [n for f in known + out for n in (f.data["name"], *f.data["aliases"])]
        if any(_overlaps(name, n) for n in names):
            continue
        data = {"name": name, "kind": _kind(name) or "coalition", "country": None, "aliases": [],
                "canonical": None, "code": None}
        out.append(Fact("organizations", data, fact.start, fact.end, fact.evidence,
                        min(fact.confidence, 0.7)))
    return out


def extract(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    for group in _merge(_group(ctx)):
        first = min(group, key=lambda m: m.start)
        surfaces = list(dict.fromkeys(m.text for m in sorted(group, key=lambda m: m.start)))
        name = max(surfaces, key=lambda s: sum(m.text == s for m in group) * 100 + len(s))
        data = {
            "name": name,
            "kind": first.kind or _kind(name) or "other",
            "country": first.code if first.kind in ("military", "government") else None,
            "aliases": [s for s in surfaces if s != name],
            "canonical": first.canonical,
            "code": first.code,
        }
        sent = ctx.doc.char_span(first.start, first.end, alignment_mode="expand").sent
        facts.append(ctx.fact("organizations", data, sent, 0.9 if first.canonical else 0.6))
    return facts + _named_groups(ctx, facts)
