"""Parties to meetings and memberships: the state or organization a phrase stands for, its
coordinated phrases, subjects and passive agents."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from sitrep.actors.people import known_persons, lookup_country, name_key
from sitrep.datafiles import load_yaml
from sitrep.extract import lists
from sitrep.extract.context import Context
from sitrep.model import Mention

DATA = Path(__file__).resolve().parent.parent / "data"
CLAUSAL = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}


@cache
def title_words() -> frozenset[str]:
    """Words that head a person's title ("Secretary", "Minister"), from the titles lexicon."""
    data = load_yaml((DATA / "lexicon" / "titles.yaml").read_text(encoding="utf-8"))
    return frozenset(w for h in data["heads"] for w in h.split() if w[:1].isupper())


def conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("France and the United States")."""
    return [tok, *tok.conjuncts]


def own_span(tok: Token) -> Span:
    """The phrase a token heads, without coordinated phrases or clauses."""
    keep = [tok]
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.dep_ in ("conj", "cc", "punct") and child.head.i == tok.i or child.dep_ in CLAUSAL:
            continue
        keep.append(child)
        stack.extend(child.children)
    idx = [t.i for t in keep]
    return tok.doc[min(idx):max(idx) + 1]


def _person_country(ctx: Context, m: Mention) -> str | None:
    """The state a named person serves, where a role or the actor dictionary gives it; for an
    official of an international body the actor dictionary knows (the EU's High
    Representative), that body."""
    for p in ctx.persons:
        if any(pm.start == m.start for pm in p.mentions) or p.name.endswith(m.text.split()[-1]):
            known, country = lookup_country(p.name)
            if p.country and (p.role or known):
                return p.country
            return _body_of(p.name) if known and country is None else None
    return None


def _body_of(name: str) -> str | None:
    """The international body all known bearers of a name serve ("EU", "UN"), else None."""
    bodies = {k.group for k in known_persons().get(name_key(name), [])}
    return bodies.pop() if len(bodies) == 1 and None not in bodies else None


def party_code(ctx: Context, tok: Token) -> str | None:
    """The state or organization one party phrase stands for, else None."""
    span = own_span(tok)
    found = ctx.mentions_in(span.start_char, span.end_char)
    for m in found:
        if m.type == "PERSON" and (code := _person_country(ctx, m)):
            return code
    for m in found:
        if m.type in ("COUNTRY", "NORP") and m.code:
            return m.code
    for m in found:
        if m.type == "ORG" and m.code:
            return m.code
    if any(m.type == "PERSON" for m in found) and any(t.text in title_words() for t in span):
        return ctx.home_country  # a titled official of the publishing state
    if is_title(ctx, span) or tok.lower_ == "we":
        return ctx.home_country
    return None


def is_title(ctx: Context, span: Span) -> bool:
    """Whether a phrase is a bare title ("the Foreign Secretary") with no name in it."""
    found = ctx.mentions_in(span.start_char, span.end_char)
    if any(m.type in ("PERSON", "COUNTRY", "NORP") or m.type == "ORG" and not _title_part(
            ctx, m, span) for m in found):
        return False

    return any(m.type == "TITLE" for m in found) or any(t.text in title_words() for t in span)


def _title_part(ctx: Context, m: Mention, span: Span) -> bool:
    """An uncoded organization the tagger found inside a title ("Defence" of "the Defence
    Secretary"): words that modify the title word heading the phrase."""
    root = span.root
    if m.code or root.text not in title_words():
        return False
    inside = [t for t in span if m.start <= t.idx < m.end]
    return bool(inside) and all(t.head.i == root.i and t.dep_ == "compound" for t in inside)


def is_party(ctx: Context, tok: Token) -> bool:
    """Whether a phrase names an actor: a name, a state, an organization or a title."""
    span = own_span(tok)
    types = {m.type for m in ctx.mentions_in(span.start_char, span.end_char)}
    return bool(types & {"PERSON", "COUNTRY", "NORP", "ORG", "TITLE"}) or is_title(ctx, span)


def delegation_codes(ctx: Context, tok: Token) -> list[str]:
    """The states of a plural party phrase ("the foreign ministers of A and B", "defence
    ministers from A, B and C"), else []."""
    m = ctx.mention_at(tok.idx)
    if tok.pos_ not in ("NOUN", "PROPN") or m is not None and (
            m.code or m.type in ("COUNTRY", "NORP", "PERSON")):
        return []
    if tok.tag_ in ("NNS", "NNPS") and len(codes := _modifier_states(ctx, tok)) >= 2:
        return codes  # "Turkish and Russian officials"
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                start = pobj.left_edge
                found = lists.listed(ctx, start)
                codes = [m.code for m in found if m.code]
                if codes:
                    return list(dict.fromkeys(codes))
                if inner := delegation_codes(ctx, pobj):  # "representatives of the ministers of"
                    return inner
    return []


def _modifier_states(ctx: Context, tok: Token) -> list[str]:
    """The states of coordinated demonyms or names before a plural noun ("Chinese and Indian
    commanders", "US and Iranian negotiators")."""
    codes = []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            for part in conjuncts(c):
                m = ctx.mention_at(part.idx)
                if m is not None and m.type in ("COUNTRY", "NORP") and m.code:
                    codes.append(m.code)
    return list(dict.fromkeys(codes))


def party_codes(ctx: Context, heads: list[Token]) -> list[str]:
    """Codes of party phrases and the phrases coordinated with them."""
    codes: list[str | None] = []
    for c in (c for h in heads for c in conjuncts(h)):
        codes += delegation_codes(ctx, c) or [party_code(ctx, c)]
    return list(dict.fromkeys(c for c in codes if c))


def subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, borrowed from the verb it hangs on where it has none."""
    while True:
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl" and found and found[0].lower_ in ("which", "who", "that"):
            return [verb.head]  # "the US, which attended the talks"
        if found or verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head is verb:
            return found or _name_before(verb)
        verb = verb.head


def _name_before(verb: Token) -> list[Token]:
    """A name right before a verb the parser left without subject ("X today participated")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("advmod", "npadvmod", "aux", "neg"):
        i -= 1
    tok = verb.doc[i] if i >= verb.sent.start else None
    if tok is not None and tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "COUNTRY", "NORP"):
        return [tok]
    return []


def agents(verb: Token) -> list[Token]:
    """The noun after "by" of a passive verb ("chaired by France")."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children
            if p.dep_ == "pobj"]
