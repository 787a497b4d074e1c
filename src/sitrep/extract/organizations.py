"""Organizations: the named coalitions, IGOs, armed groups, militaries and government bodies."""

from __future__ import annotations

import re

from sitrep.extract import org_names
from sitrep.extract.context import Context
from sitrep.extract.org_names import HEAD_KINDS
from sitrep.model import Fact, Mention
from sitrep.nlp.mentions import ACRONYM


def _words(name: str) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", "", name.lower()).split() if w != "the"}


def _kind(name: str) -> str | None:
    for word in reversed(name.lower().split()):
        if word in HEAD_KINDS:
            return HEAD_KINDS[word]
    return None


# Verbs whose subject is a source, not an actor ("AFP reported").
REPORT_VERBS = {"say", "report", "tell", "quote", "cite", "broadcast", "publish", "air",
                "write", "claim", "add", "note", "state", "attend"}


def _acting_acronym(ctx: Context, m: Mention) -> bool:
    """An upper-case acronym, past the title line, that is the subject of an action."""
    if not (m.text.isupper() and m.text.isalpha() and 3 <= len(m.text) <= 6):
        return False
    if "\n" not in ctx.text[:m.start]:
        return False
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    t = span[0] if span is not None and len(span) == 1 else None
    return t is not None and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB" \
        and t.head.lemma_ not in REPORT_VERBS


def _keep_unresolved(ctx: Context, m: Mention) -> bool:
    """An organization NER found but the gazetteer does not know: keep clear names only."""
    words = m.text.split()
    if len(words) == 1:
        return _acting_acronym(ctx, m)
    if any(w.lower() in org_names.MEDIA_WORDS for w in words):
        return False
    return _kind(m.text) is not None and m.text[0].isupper() and "\n" not in m.text


def _found(ctx: Context) -> list[Mention]:
    """ORG mentions, with names read from the parse; a longer name takes the ones inside it."""
    orgs = [m for m in ctx.mentions if m.type == "ORG"]
    spans = {(m.start, m.end) for m in orgs if m.canonical}
    extra = []
    for m in org_names.headed_names(ctx) + org_names.apposed_names(ctx) + \
            org_names.oppositions(ctx) + org_names.state_bodies(ctx):
        if (m.start, m.end) in spans or any(a <= m.start and m.end <= b for a, b in spans):
            continue
        extra.append(m)
    inside = [m for m in orgs
              if any(e.start <= m.start and m.end <= e.end for e in extra)]
    return sorted([m for m in orgs if m not in inside] + extra, key=lambda m: m.start)


def _group(ctx: Context) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in _found(ctx):
        if m.canonical:
            key = "actor:" + _umbrella(ctx, m)
        elif m.kind or _keep_unresolved(ctx, m):
            key = "text:" + " ".join(sorted(_words(m.text)))
        else:
            continue
        groups.setdefault(key, []).append(m)
    return list(groups.values())


def _umbrella(ctx: Context, m: Mention) -> str:
    """A state's generated forces ("American forces") join its listed military, if any."""
    actor = ctx.gaz.by_name(m.text, "ORG")
    if actor is None or not actor.id.startswith("MIL-") or not actor.country:
        return m.canonical or ""
    for dem, code in ctx.gaz.demonyms.items():
        if code == actor.country:
            listed = ctx.gaz.by_name(f"{dem} military", "ORG")
            if listed is not None and not listed.id.startswith("MIL-"):
                return listed.name
    return m.canonical or ""


def _joins(ctx: Context, words: set[str], other: set[str]) -> bool:
    """Whether an unresolved name joins another: half its words shared, not only a state's
    ("U.S. Embassy" is not "U.S. forces"), or all of its words in the other's."""
    if words <= other:
        return True
    shared = words & other
    if not any(not ctx.gaz.country_code(w) for w in shared):
        return False
    if len(shared) == 1 and not shared & {*_heads(words), *_heads(other)}:
        return False  # "Islamic Army" is not "Islamic State": one shared word, not the head
    return 2 * len(shared) >= max(len(words), len(other))


def _heads(words: set[str]) -> set[str]:
    """The words of a name that may head it (its organization nouns)."""
    return {w for w in words if w in HEAD_KINDS}


def _merge(ctx: Context, groups: list[list[Mention]]) -> list[list[Mention]]:
    """Unresolved names that share most words with another organization's name, or are a
    short form of it ("Global Coalition"), join it."""
    resolved = [g for g in groups if g[0].canonical]
    out = list(resolved)
    for g in groups:
        if g[0].canonical:
            continue
        words = _words(g[0].text)
        code = g[0].code
        target = next(
            (o for o in out
             if not (code and any(m.code and m.code != code for m in o))
             and any(_joins(ctx, words, _words(m.text)) for m in o)),
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


def _acronyms(ctx: Context, groups: list[list[Mention]]) -> list[list[Mention]]:
    """A name followed by "(ACR)" takes the acronym, and the groups named by it alone."""
    out = list(groups)
    for g in groups:
        if g not in out:
            continue
        for m in list(g):
            found = ACRONYM.match(ctx.text, m.end)
            if not found:
                continue
            acr = found.group(1)
            if sum(c.isupper() for c in acr) < 2 or acr in (x.text for x in g):
                continue
            g.append(Mention(text=acr, start=found.start(1), end=found.end(1), type="ORG",
                             kind=m.kind))
            for other in [o for o in out if o is not g and all(x.text == acr for x in o)]:
                g.extend(other)
                out.remove(other)
    return out


def _with_bare(ctx: Context, groups: list[list[Mention]]) -> list[list[Mention]]:
    """The bare "coalition" (and "the army") is one organization when no named one is there."""
    for word, find in (("coalition", org_names.bare_coalitions),
                       ("army", org_names.bare_armies)):
        if any(word in _words(m.text) for g in groups for m in g):
            continue
        main = ctx.main_country
        if word == "army" and any(m.kind == "military" and m.code and m.code == (main or m.code)
                                  for g in groups for m in g):
            continue  # "the army" is most likely the main state's forces, named already
        bare = find(ctx)
        if bare:
            groups = groups + [bare]
    return groups


def extract(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    for group in _with_bare(ctx, _acronyms(ctx, _merge(ctx, _group(ctx)))):
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
