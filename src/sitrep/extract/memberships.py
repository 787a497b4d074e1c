"""Memberships: the states a named group is made of, from lists and membership phrases.

Patterns (lexicon in data/lexicon/groups.yaml):
- "G is comprised of ministers of defence from A, B, ... and C" (a list of two or more states)
- "members of G include A, B", "G's members include A, B"
- "A (and B) is a member of G", "A, as part of G, ...", "A became the Nth member of G"
- "A joins G"
- "the coalition of A, B and C"
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from sitrep.datafiles import load_yaml
from sitrep.extract.context import Context
from sitrep.extract.meetings import conjuncts, own_span, party_code, subjects
from sitrep.model import Fact

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "groups.yaml"
GROUP_KINDS = ("coalition", "igo")


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The group lexicon: each list as a set of lower-case words."""
    data = load_yaml(LEXICON.read_text(encoding="utf-8"))
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


# --- groups ---------------------------------------------------------------------------------------


def group_org(ctx: Context, tok: Token) -> str | None:
    """The name of a coalition or IGO mention covering a token."""
    m = ctx.mention_at(tok.idx)
    if m is not None and m.type == "ORG" and m.kind in GROUP_KINDS:
        return m.text
    return None


def group_name(ctx: Context, tok: Token, named_only: bool = False) -> str | None:
    """The name of the group a noun phrase names, else None.

    A coalition or IGO mention gives its name; otherwise the phrase must be headed by a group
    word ("alliance", "group"); with `named_only` it must also hold a capitalised word.
    """
    if name := group_org(ctx, tok):
        return name
    if tok.lemma_.lower() not in lexicon()["heads"]:
        return None
    for t in own_span(tok):
        if t.i < tok.i and (name := group_org(ctx, t)):
            return name
    span = own_span(tok)
    named_by = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of" and not any(
        p.like_num or p.lemma_.lower() in lexicon()["units"] for p in c.children)]
    last = max([tok.i] + [t.i for c in named_by for t in own_span(c)])  # "core group of X"
    words = [t for t in span if t.i <= last and t.dep_ not in ("det", "poss", "case")
             and not t.like_num and t.lemma_.lower() not in lexicon()["units"]]
    start = next((i for i, t in enumerate(words) if not t.is_punct), len(words))
    words = words[start:]
    if named_only and not any(t.text[:1].isupper() and t.i != span.start for t in words):
        return None
    return "".join(t.text_with_ws for t in words).strip() or None


def member_codes(ctx: Context, heads: list[Token]) -> list[str]:
    """State codes of member phrases ("Canada and Norway", "We" for the publisher's state)."""
    codes = [party_code(ctx, c) for h in heads for c in conjuncts(h)]
    return list(dict.fromkeys(c for c in codes if c and ctx.gaz.country(c)))


def listed_states(ctx: Context, span: Span) -> list[str]:
    """States named in a list inside a span, in order."""
    return ctx.countries_in(span.start_char, span.end_char)


# --- patterns -------------------------------------------------------------------------------------


def _composed(ctx: Context, verb: Token) -> tuple[str, list[str]] | None:
    """"G is comprised of A, B and C" / "members of G include A and B"."""
    lemma = verb.lemma_.lower()
    if lemma not in lexicon()["composed_verbs"]:
        return None
    if lemma == "make" and not any(c.lower_ == "up" for c in verb.children):
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    group = group_name(ctx, subj[0], named_only=True)
    if group is None and subj[0].lemma_.lower() == "member":
        owners = [c for c in subj[0].children if c.dep_ in ("poss", "compound")]
        owners += [p for c in subj[0].children if c.lower_ == "of" for p in c.children]
        group = next((g for o in owners if (g := group_name(ctx, o))), None)
    if group is None:
        return None
    rest = [t for t in verb.subtree if t.i > verb.i]
    if not rest:
        return None
    states = listed_states(ctx, verb.doc[rest[0].i:rest[-1].i + 1])
    return (group, states) if len(states) >= 2 else None


def _group_in(ctx: Context, tok: Token) -> str | None:
    """The group a phrase names, or a coalition named as its modifier ("Coalition activities")."""
    for c in tok.lefts:
        if c.dep_ in ("compound", "nmod") and (name := group_org(ctx, c)):
            return name
        if c.dep_ in ("compound", "nmod") and c.text[:1].isupper() and c.lemma_.lower() in (
                lexicon()["heads"]):
            return c.text
    return group_name(ctx, tok)


def _member_of(ctx: Context, noun: Token) -> tuple[str, list[str]] | None:
    """"A is a member of G", "A, as part of G, ...", "as the largest contributor to G, A ..."."""
    lex = lexicon()
    if noun.lemma_.lower() not in lex["member_nouns"]:
        return None
    group = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "in")
                  for p in c.children if p.dep_ == "pobj" and (g := _group_in(ctx, p))), None)
    if group is None:
        return None
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_.lower() in ("be", "become", "remain"):
        members = member_codes(ctx, subjects(head))
    elif noun.dep_ == "pobj" and head.lower_ == "as":
        owner = head.head
        members = member_codes(ctx, [owner] if owner.pos_ in ("PROPN", "NOUN", "PRON")
                               else subjects(owner))
    else:
        return None
    return (group, members) if members else None


def _joins(ctx: Context, verb: Token) -> tuple[str, list[str]] | None:
    """"A joins the coalition"."""
    if verb.lemma_.lower() not in lexicon()["join_verbs"]:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    group = next((g for o in objs if (g := group_name(ctx, o))), None)
    members = member_codes(ctx, subjects(verb)) if group else []
    return (group, members) if group and members else None


def _group_of(ctx: Context, noun: Token) -> tuple[str, list[str]] | None:
    """"the coalition of A, B and C"."""
    if noun.lemma_.lower() not in lexicon()["heads"]:
        return None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = [p for p in prep.children if p.dep_ == "pobj"]
        states = member_codes(ctx, pobj)
        items = [c for p in pobj for c in conjuncts(p)]
        if len(states) >= 2 and len(states) == len(items):
            name = group_name(ctx, noun)
            return (name, states) if name else None
    return None


PATTERNS = ((_composed, 0.9), (_member_of, 0.85), (_joins, 0.85), (_group_of, 0.8))
# The word lists the patterns above start by checking the lemma against.
PATTERN_LISTS = ("composed_verbs", "member_nouns", "join_verbs", "heads")


@cache
def _pattern_lemmas() -> frozenset[str]:
    return frozenset().union(*(lexicon()[key] for key in PATTERN_LISTS))


def extract(ctx: Context) -> list[Fact]:
    """One membership fact per group, members merged across the document."""
    found: dict[str, Fact] = {}
    for tok in ctx.words.tokens(LEMMA, _pattern_lemmas(), lower=True):
        for pattern, confidence in PATTERNS:
            hit = pattern(ctx, tok)
            if hit is None:
                continue
            group, members = hit
            key = group.lower()
            if key in found:
                old = found[key].data["members"]
                old.extend(m for m in members if m not in old)
            else:
                found[key] = ctx.fact("memberships", {"group": group, "members": members},
                                      tok.sent, confidence)
            break
    return list(found.values())
