"""One-sentence-back coreference: what a definite noun phrase refers to.

A definite NP ("the deployment", "the mission", "the coalition", "the minister") refers to the
entity of its kind that the NP names itself ("The deployment, named Operation IMPACT"), else the
one named last before it in the same sentence, else the one named last in the previous sentence.
Persons ("the minister", "the Foreign Secretary", "he") look further back, to the last person
named whose role fits.

API for extractors:
- `np_kind(tok)`: "operation", "organization" or "person" for the head of a definite NP.
- `antecedent(ctx, tok, kind)`: the `Mention` an NP of that kind refers to (operation or
  organization), or None.
- `names_itself(ctx, tok, kind)`: the mention an NP names in apposition or by "named", "known
  as", "called", "dubbed".
- `named_next(ctx, sent, kind, actor)`: the mention that the next sentence's definite NP of
  that kind names ("... 69 advisers to Iraq. The deployment, named Operation IMPACT, ..."),
  unless that NP names states other than `actor`.
- `person_for(ctx, tok)`: the document `Person` a pronoun or title NP ("he", "the minister")
  stands for.
"""

from __future__ import annotations

import bisect
from functools import cache

from spacy.tokens import Span, Token

from sitrep.extract.context import Context, Person
from sitrep.model import Mention

OPERATION_HEADS = frozenset({
    "deployment", "mission", "operation", "campaign", "intervention", "contribution",
    "contingent", "offensive", "exercise",
})
ORGANIZATION_HEADS = frozenset({
    "coalition", "alliance", "group", "organisation", "organization", "bloc", "militia",
    "movement", "force", "union", "council", "partnership", "network", "faction", "front",
})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
NAMING_VERBS = frozenset({"name", "call", "dub", "know", "codename", "designate", "title",
                          "brand", "label"})
ORG_KINDS = {"coalition": ("coalition",), "alliance": ("coalition", "igo"),
             "group": ("armed_group", "coalition"), "militia": ("armed_group",),
             "faction": ("armed_group",), "front": ("armed_group",),
             "movement": ("armed_group",), "force": ("military", "coalition"),
             "union": ("igo",), "bloc": ("igo", "coalition"), "council": ("igo", "government")}
KIND_TYPES = {"operation": ("OPERATION",), "organization": ("ORG",)}


@cache
def _title_heads() -> frozenset[str]:
    from sitrep.extract.persons import _titles  # persons imports context, not this module

    return _titles()[0] | frozenset({"official", "commander", "spokesman", "spokeswoman"})


def _head_lemma(tok: Token) -> str:
    """The head word, "task force" and "Task Force" read as "force"."""
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def is_definite(tok: Token) -> bool:
    """The noun has a definite determiner or a possessive ("the", "this", "its")."""
    return any((c.dep_ == "det" and c.lower_ in DETERMINERS) or c.dep_ == "poss"
               for c in tok.children)


def np_kind(tok: Token) -> str | None:
    """The kind of entity a definite NP headed by `tok` stands for, if any."""
    if tok.lower_ in PERSON_PRONOUNS:
        return "person"
    if tok.pos_ not in ("NOUN", "PROPN") or not is_definite(tok):
        return None
    lemma = _head_lemma(tok)
    if lemma in OPERATION_HEADS:
        return "operation"
    if lemma in ORGANIZATION_HEADS:
        return "organization"
    if lemma in _title_heads():
        return "person"
    return None


def _fits(m: Mention, kind: str, head: Token | None) -> bool:
    if m.type not in KIND_TYPES.get(kind, ()):
        return False
    if kind != "organization" or head is None:
        return True
    wanted = ORG_KINDS.get(_head_lemma(head))
    return wanted is None or m.kind is None or m.kind in wanted


def _mentions(ctx: Context, start: int, end: int, kind: str, head: Token | None
              ) -> list[Mention]:
    return [m for m in ctx.mentions_in(start, end) if _fits(m, kind, head)]


def _in_subtree(ctx: Context, tok: Token, kind: str, head: Token | None) -> Mention | None:
    span = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    found = _mentions(ctx, span.start_char, span.end_char, kind, head)
    return found[0] if found else None


def names_itself(ctx: Context, tok: Token, kind: str) -> Mention | None:
    """The entity an NP names: "the deployment, Operation X," (appos), "the mission, named /
    known as / called Operation X", "the operation, dubbed X"."""
    for child in tok.children:
        if child.dep_ == "appos":
            found = _in_subtree(ctx, child, kind, tok)
            if found is not None:
                return found
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in NAMING_VERBS:
            for sub in child.children:
                if sub.dep_ in ("oprd", "attr", "dobj", "prep", "npadvmod", "xcomp", "dep"):
                    found = _in_subtree(ctx, sub, kind, tok)
                    if found is not None:
                        return found
    return None


def previous_sentence(sent: Span) -> Span | None:
    """The sentence before `sent` that holds words (blank-line "sentences" skipped)."""
    i = sent.start - 1
    while i >= 0:
        prev = sent.doc[i].sent
        if any(t.is_alpha for t in prev):
            return prev
        i = prev.start - 1
    return None


def next_sentence(sent: Span) -> Span | None:
    """The sentence after `sent` that holds words."""
    i = sent.end
    while i < len(sent.doc):
        nxt = sent.doc[i].sent
        if any(t.is_alpha for t in nxt):
            return nxt
        i = nxt.end
    return None


def antecedent(ctx: Context, tok: Token, kind: str) -> Mention | None:
    """The operation or organization a definite NP refers to: the one it names itself, else
    the last named before it in its sentence, else the last named in the previous sentence."""
    if kind not in KIND_TYPES:
        return None
    own = names_itself(ctx, tok, kind)
    if own is not None:
        return own
    sent = tok.sent
    before = _mentions(ctx, sent.start_char, tok.idx, kind, tok)
    if before:
        return before[-1]
    prev = previous_sentence(sent)
    if prev is None:
        return None
    found = _mentions(ctx, prev.start_char, prev.end_char, kind, tok)
    return found[-1] if found else None


def _opening_np(sent: Span) -> Token | None:
    """The subject of a sentence's main verb, or the head of its first noun phrase."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        return subj
    return next((t for t in sent if t.pos_ in ("NOUN", "PROPN")), None)


def states_named(ctx: Context, tok: Token) -> set[str]:
    """ISO3 codes of the states an NP names in its own words ("the German deployment")."""
    span = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    return set(ctx.countries_in(span.start_char, span.end_char))


def named_next(ctx: Context, sent: Span, kind: str, actor: str | None = None
               ) -> Mention | None:
    """The entity the next sentence's definite NP of `kind` names for what `sent` states
    ("Canada will deploy 69 advisers. The deployment, named Operation IMPACT, ..."); with
    `actor`, not where that NP names other states ("The German deployment, ...")."""
    nxt = next_sentence(sent)
    if nxt is None:
        return None
    head = _opening_np(nxt)
    if head is None or np_kind(head) != kind:
        return None
    states = states_named(ctx, head)
    if actor is not None and states and actor not in states:
        return None
    own = names_itself(ctx, head, kind)
    if own is not None:
        return own
    root = nxt.root  # "The deployment is Operation X" / "The mission is part of Operation X"
    if head.head.i == root.i and root.lemma_ == "be":
        for child in root.children:
            if child.dep_ in ("attr", "prep", "acomp"):
                found = _in_subtree(ctx, child, kind, head)
                if found is not None:
                    return found
    return None


def _role_words(p: Person) -> set[str]:
    words = set((p.role or "").replace(",", " ").lower().split())
    for text in {t.text for t in p.titles}:
        words |= set(text.lower().split())
    return words


class _Index:
    """Per document: each person's mention offsets (sorted) and role words, built once."""

    def __init__(self, ctx: Context):
        self.ctx, self.count = ctx, len(ctx.persons)
        self.starts = [sorted(m.start for m in p.mentions) for p in ctx.persons]
        self.roles = [_role_words(p) for p in ctx.persons]


_last: list[_Index] = []  # the index of the document seen last


def _index(ctx: Context) -> _Index:
    if not _last or _last[0].ctx is not ctx or _last[0].count != len(ctx.persons):
        _last[:] = [_Index(ctx)]
    return _last[0]


def _wanted_words(tok: Token) -> set[str]:
    """The title words of an NP ("the Foreign Secretary" → {"foreign", "secretary"})."""
    from sitrep.extract.persons import _titles

    words = _titles()[1]
    return {t.lower_ for t in tok.subtree if t.i <= tok.i and t.lower_ in words} | {tok.lower_}


def _owner_words(tok: Token) -> set[str]:
    """The words naming whose official a title NP is ("the group's spokesman", "the minister
    of defence"): a candidate's role must hold them too."""
    owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    owners += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
               for p in c.children if p.dep_ == "pobj"]
    return {t.lower_ for o in owners for t in o.subtree
            if t.is_alpha and t.pos_ in ("NOUN", "PROPN", "ADJ")}


def _persons_before(ctx: Context, pos: int, skip: frozenset[int] = frozenset()
                    ) -> list[tuple[int, Person, set[str]]]:
    """(offset of the last mention, person, role words) of each person named before `pos`
    (offsets in `skip` not counted), the person named last first."""
    index = _index(ctx)
    out = []
    for p, starts, roles in zip(ctx.persons, index.starts, index.roles, strict=True):
        k = bisect.bisect_left(starts, pos) - 1
        while k >= 0 and starts[k] in skip:
            k -= 1
        if k >= 0:
            out.append((starts[k], p, roles))
    return sorted(out, key=lambda item: -item[0])


def person_for(ctx: Context, tok: Token, pos: int | None = None,
               skip: frozenset[int] = frozenset()) -> Person | None:
    """The person a pronoun ("he", "she") or a title NP ("the minister", "the Foreign
    Secretary") stands for: the last person named before it whose role fits, for a title;
    the last person named before it, for a pronoun. `skip` holds offsets not to count (a
    quotation's inside)."""
    pos = tok.idx if pos is None else pos
    before = _persons_before(ctx, pos, skip)
    if tok.lower_ in PERSON_PRONOUNS:
        return before[0][1] if before else None
    if np_kind(tok) != "person":
        return None
    wanted = _wanted_words(tok) | _owner_words(tok)
    for _, p, roles in before:
        if wanted <= roles:
            return p
    fitting = [p for p, roles in zip(ctx.persons, _index(ctx).roles, strict=True)
               if wanted <= roles]
    if len(fitting) == 1:
        return fitting[0]
    return _only_person_near(tok, before)


def _only_person_near(tok: Token, before: list[tuple[int, Person, set[str]]]
                      ) -> Person | None:
    """The one person named earlier in the NP's sentence or in the sentence before, whose
    role the text does not give ("Lena Holm visited the base. The minister said ...")."""
    prev = previous_sentence(tok.sent)
    start = prev.start_char if prev is not None else tok.sent.start_char
    near = [p for at, p, _ in before if at >= start]
    if len(near) != 1:
        return None
    return near[0] if not near[0].role else None
