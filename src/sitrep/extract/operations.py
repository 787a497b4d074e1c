"""Operations: named military operations and the state that runs them."""

from __future__ import annotations

from sitrep.extract.clauses import subject_of, token_actor
from sitrep.extract.context import Context
from sitrep.model import Fact


def _country_near(ctx: Context, start: int, end: int) -> str | None:
    """The state whose name, demonym or forces stand closest before the operation name."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    sent = span.sent
    before = [m for m in ctx.mentions_in(sent.start_char, start, "COUNTRY", "NORP", "ORG")
              if m.code and len(m.code) == 3 and m.code.isupper()]
    if before:
        return before[-1].code
    return _runner(ctx, span)


def _runner(ctx: Context, span) -> str | None:
    """The state that acts "under" the operation ("Under Operation X, Portugal keeps ...")."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    subj = subject_of(prep.head)
    return token_actor(ctx, subj) if subj is not None else None


def extract(ctx: Context) -> list[Fact]:
    facts: dict[str, Fact] = {}
    for m in ctx.mentions:
        if m.type != "OPERATION":
            continue
        name = m.canonical or m.text
        if name in facts:
            continue
        if m.canonical:  # a known operation: its state, none for a multinational one
            country = m.code if ctx.gaz.country(m.code) else None
        else:
            country = _country_near(ctx, m.start, m.end)
        sent = ctx.doc.char_span(m.start, m.end, alignment_mode="expand").sent
        facts[name] = ctx.fact("operations", {"name": name, "country": country}, sent,
                               0.9 if m.canonical else 0.6)
    return list(facts.values())
